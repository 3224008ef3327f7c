"""Consequence questions ("what did it lead to", "apa akibatnya", "apa dampak ...") are their own
answer kind, answered by the sentence that states the effect ("sehingga", "mengakibatkan",
"membuat"), not by the one that gives the cause ("karena"): two articles written for this test,
whose lead gives the cause, the real model and a real embedded Chroma store."""

from __future__ import annotations

import pytest

from conftest import assistant_over
from qa.answer.kinds import AnswerKind
from qa.question import answer_kind
from qa.text import holds_mark

ARTICLES = [
    {"doc_id": "jembatan-garut", "title": "Jembatan Gantung di Garut Putus",
     "published": "2025-02-12",
     "text": "Jembatan gantung di Desa Sukamaju, Garut, putus pada Rabu sore karena diterjang "
             "arus sungai yang deras. Jembatan sepanjang 60 meter itu dibangun warga secara "
             "swadaya pada 2009. Putusnya jembatan membuat sekitar 300 siswa harus memutar "
             "sejauh 8 kilometer untuk sampai ke sekolah. Pemerintah kabupaten berjanji "
             "membangun jembatan darurat dalam dua pekan."},
    {"doc_id": "pabrik-bandung", "title": "Pabrik Tekstil di Bandung Berhenti Beroperasi",
     "published": "2025-06-03",
     "text": "Sebuah pabrik tekstil di Kabupaten Bandung berhenti beroperasi pekan ini karena "
             "pesanan ekspor turun tajam sejak awal tahun. Pabrik itu berdiri sejak 1985 dan "
             "memasok kain ke Eropa. Penutupan pabrik mengakibatkan 1.200 pekerja kehilangan "
             "pekerjaan. Serikat pekerja meminta pesangon dibayar penuh."},
]
DETOUR = "300 siswa harus memutar"
JOBS = "1.200 pekerja kehilangan pekerjaan"


@pytest.mark.parametrize("question", [
    "What did the bridge collapse lead to?", "What were the effects of the strike?",
    "What would happen if the dam broke?", "What did that do to the students?",
    "What is the impact of the closure on workers?", "Apa akibatnya?",
    "Lalu apa akibatnya bagi warga?", "Dampaknya apa bagi siswa?",
    "Apa dampak penutupan pabrik itu?", "Apa yang terjadi jika hujan terus turun?"])
def test_consequence_questions_are_read_as_such(question):
    assert answer_kind(question) is AnswerKind.CONSEQUENCE


@pytest.mark.parametrize("question, kind", [
    ("What led to the fire?", AnswerKind.REASON),  # what led: the cause
    ("What has led to rising prices?", AnswerKind.OTHER),  # a cause, asked without a subject
    ("What could lead to a ceasefire?", AnswerKind.OTHER),
    ("What is the result of the election?", AnswerKind.OTHER),  # a short answer: who won
    ("Apa penyebab jembatan putus?", AnswerKind.REASON),
    ("Lalu apa nama partainya?", AnswerKind.ENTITY),
    ("Lalu apa kata Retno?", AnswerKind.OTHER),  # "Lalu apa" is no "<noun> apa"
    ("What happened to the bridge?", AnswerKind.OTHER)])
def test_other_questions_keep_their_kind(question, kind):
    assert answer_kind(question) is kind


def test_effect_words_are_not_cause_words():
    assert holds_mark("Akibatnya, jalan putus.", "effect_words")
    assert holds_mark("Hujan deras sehingga sungai meluap.", "effect_words")
    assert not holds_mark("Jembatan putus karena arus deras.", "effect_words")
    assert holds_mark("Jembatan putus karena arus deras.", "cause_words")


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    return assistant_over(tmp_path_factory.mktemp("consequence"), model, ARTICLES, "consequence")


@pytest.mark.parametrize("question, effect", [
    ("Apa akibat putusnya jembatan gantung di Garut bagi siswa?", DETOUR),
    ("What did the collapse of the Garut suspension bridge lead to?", DETOUR),
    ("Apa dampak penutupan pabrik tekstil di Bandung?", JOBS),
    ("What was the consequence of the Bandung textile factory closing?", JOBS),
])
def test_a_consequence_question_quotes_the_effect(kb, question, effect):
    answer = kb.ask(question)
    assert not answer.abstained and effect in answer.citations[0].quote, answer.text


def test_a_consequence_follow_up_stays_and_quotes_the_effect(kb):
    first = "Apa yang terjadi dengan jembatan gantung di Desa Sukamaju?"
    history = [{"role": "user", "content": first},
               {"role": "assistant", "content": kb.ask(first).text}]
    answer = kb.ask("Lalu apa akibatnya?", history=history)
    assert not answer.abstained and DETOUR in answer.citations[0].quote, answer.text
