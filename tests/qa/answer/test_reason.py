"""Reason questions ("why", "mengapa", "apa penyebab", "karena apa") are read as their own
answer kind, and answered by the sentence that gives the cause ("karena", "akibat"), in both
languages: two articles written for this test, the real model, a real embedded Chroma store."""

from __future__ import annotations

import pytest

from conftest import assistant_over
from qa.answer.kinds import AnswerKind
from qa.question import answer_kind
from qa.text import holds_mark

ARTICLES = [
    {"doc_id": "bandara-lombok", "title": "Bandara Lombok Ditutup Sementara",
     "published": "2025-03-04",
     "text": "Bandara Internasional Lombok ditutup sementara sejak Selasa pagi. Sebanyak 42 "
             "penerbangan dibatalkan dan ribuan penumpang tertahan di terminal. Penutupan "
             "dilakukan karena abu vulkanik dari erupsi Gunung Rinjani menyebar ke jalur "
             "penerbangan. Otoritas bandara menyebut bandara akan dibuka kembali setelah "
             "kondisi udara dinilai aman."},
    {"doc_id": "sekolah-jambi", "title": "Sekolah di Jambi Diliburkan",
     "published": "2025-09-15",
     "text": "Sekolah dasar di Kota Jambi meliburkan siswa selama tiga hari. Dinas Pendidikan "
             "mengeluarkan surat edaran pada Minggu malam. Kebijakan itu diambil akibat kabut "
             "asap dari kebakaran lahan gambut yang membuat kualitas udara memburuk. Siswa "
             "diminta belajar dari rumah dengan tugas dari guru."},
]
# A cause-free article beside one with a cause: its why-question must not borrow the other's.
ARTICLES += [
    {"doc_id": "kereta-bandung", "title": "Perjalanan Kereta Bandung-Jakarta Terganggu",
     "published": "2025-11-02",
     "text": "Perjalanan kereta api relasi Bandung-Jakarta terlambat hingga tiga jam pada Minggu "
             "siang. PT KAI Daop 2 Bandung meminta maaf kepada penumpang. Keterlambatan "
             "disebabkan longsor yang menutup rel di antara Stasiun Cikadongdong dan Stasiun "
             "Rendeh."},
    {"doc_id": "harga-beras", "title": "Harga Beras Medium Turun", "published": "2025-10-20",
     "text": "Harga beras medium di Pasar Induk Cipinang turun menjadi Rp 11.800 per kilogram. "
             "Pekan lalu harganya masih Rp 12.900 per kilogram. Pedagang menyebut panen raya di "
             "Jawa Tengah dan Jawa Timur membuat pasokan melimpah."},
]
ASH = "karena abu vulkanik"
HAZE = "akibat kabut asap"


@pytest.mark.parametrize("question", [
    "Why was Lombok airport closed?", "Why?", "How come the flights were cancelled?",
    "What caused the closure?", "What did the pope die of?", "For what reason did they leave?",
    "Mengapa bandara ditutup?", "Kenapa?", "Apa penyebab kebakaran itu?",
    "Apa alasannya menutup sekolah?", "Dia meninggal karena apa?", "Penyebabnya apa?"])
def test_reason_questions_are_read_as_such(question):
    assert answer_kind(question) is AnswerKind.REASON


@pytest.mark.parametrize("question, kind", [
    ("Apa nama bandara itu?", AnswerKind.ENTITY), ("Partai apa yang menang?", AnswerKind.ENTITY),
    ("Kapan bandara dibuka?", AnswerKind.DATE), ("Who closed the airport?", AnswerKind.PERSON),
    ("What happened at the airport?", AnswerKind.OTHER)])
def test_other_questions_keep_their_kind(question, kind):
    assert answer_kind(question) is kind


def test_cause_words_are_read_with_their_suffix():
    assert holds_mark("Penyebabnya adalah hujan deras.", "cause_words")
    assert holds_mark("Gara-gara banjir, jalan putus.", "cause_words")
    assert holds_mark("The match was called off because of rain.", "cause_words")
    assert not holds_mark("Harga cabai naik tajam pekan ini.", "cause_words")


def test_a_cause_word_before_the_question_s_subject_gives_its_effect():
    """For "Apa penyebab kebakaran?", "Akibat kebakaran itu, ..." says what the fire caused."""
    fire = frozenset({"penyebab", "kebakaran", "pasar", "kudus"})
    effect = "Akibat kebakaran itu, sebagian pedagang terpaksa berjualan di trotoar."
    assert holds_mark(effect, "cause_words") and not holds_mark(effect, "cause_words", fire)
    assert not holds_mark("Karena kebakaran pasar, pedagang merugi.", "cause_words", fire)
    # A cause given for the subject, and a cause word that names the cause, still count.
    assert holds_mark("Pasar terbakar karena korsleting listrik.", "cause_words", fire)
    assert holds_mark("Penyebab kebakaran adalah korsleting listrik.", "cause_words", fire)
    assert holds_mark("The market burned because of a short circuit.", "cause_words",
                      frozenset({"fire", "market"}))
    assert not holds_mark("Because of the fire, traders sold on the pavement.", "cause_words",
                          frozenset({"fire", "market"}))


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    return assistant_over(tmp_path_factory.mktemp("reason"), model, ARTICLES, "reason")


@pytest.mark.parametrize("question, cause", [
    ("Mengapa Bandara Lombok ditutup?", ASH),
    ("Why was Lombok airport closed?", ASH),
    ("Kenapa 42 penerbangan dibatalkan?", ASH),
    ("Apa penyebab sekolah di Jambi diliburkan?", HAZE),
    ("Why were the primary schools in Jambi closed?", HAZE),
])
def test_a_reason_question_quotes_the_cause(kb, question, cause):
    answer = kb.ask(question)
    assert not answer.abstained and cause in answer.citations[0].quote, answer.text


def test_a_cause_in_another_article_is_not_taken(kb):
    """The rice article gives its cause without a cause word ("membuat"): the answer stays in
    the rice article rather than quoting the train's delay, which has one."""
    answer = kb.ask("Why did rice prices fall?")
    assert answer.citations and answer.citations[0].article_id == "harga-beras", answer.text


@pytest.mark.parametrize("first, bare", [
    ("Apa yang terjadi dengan Bandara Internasional Lombok?", "Kenapa?"),
    ("What happened to the primary schools in Jambi?", "Why?")])
def test_a_bare_why_follow_up_is_answered_from_the_conversation(kb, first, bare):
    """"Kenapa?" alone says nothing; read as the question it resolves to, it is answered with
    the cause, not an abstention."""
    history = [{"role": "user", "content": first},
               {"role": "assistant", "content": kb.ask(first).text}]
    answer = kb.ask(bare, history=history)
    cause = ASH if "Lombok" in first else HAZE
    assert not answer.abstained and cause in answer.citations[0].quote, answer.text
