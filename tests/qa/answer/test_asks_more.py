""""What else did he say?", "Apa lagi katanya?": a follow-up that asks for more is not answered
with the sentence just quoted. Read from a news article written for this test (a ferry crossing
closed by high waves), answered by the real model over a real embedded Chroma store."""

from __future__ import annotations

import pytest

from conftest import assistant_over
from qa.answer.followup import asks_more
from qa.question import read_question

NAMED = ("General Manager ASDP Gilimanuk, Made Arya Santika, mengatakan kepada wartawan bahwa "
         "keselamatan penumpang lebih penting daripada jadwal.")
QUOTE = ('"Kami baru akan membuka kembali penyeberangan setelah BMKG menyatakan cuaca aman," '
         "ujarnya.")
ARTICLE = {
    "doc_id": "ferry-gilimanuk",
    "title": "Gelombang Tinggi, Penyeberangan Gilimanuk-Ketapang Ditutup Enam Jam",
    "published": "2026-11-29",
    "text": ("Jembrana - Penyeberangan kapal dari Pelabuhan Gilimanuk, Bali, menuju Pelabuhan "
             "Ketapang, Banyuwangi, ditutup selama enam jam pada Minggu pagi. Penutupan "
             "dilakukan karena gelombang di Selat Bali mencapai empat meter. Sekitar 2.000 "
             "kendaraan tertahan dan antrean truk mengular hingga tiga kilometer. "
             f"{NAMED} {QUOTE} Penyeberangan kembali dibuka pukul 14.00 WITA setelah angin "
             "mereda. Para sopir truk mengeluhkan kerugian karena muatan sayur mereka mulai "
             "membusuk."),
}


@pytest.mark.parametrize("question, more", [
    ("Apa lagi katanya?", True),
    ("Siapa lagi yang terluka?", True),
    ("Apa dampak lainnya?", True),
    ("Selain itu, apa yang dikeluhkan sopir?", True),
    ("What else did he say?", True),
    ("Who else was there?", True),
    ("What other damage did the waves do?", True),
    # "lagi" is also "again", "more" also a quantity: these ask nothing besides.
    ("Kapan penyeberangan dibuka lagi?", False),
    ("Berapa lagi kendaraan yang tertahan?", False),
    ("How many more trucks were stuck?", False),
    ("What did he say?", False),
])
def test_asks_more(question, more):
    assert asks_more(read_question(question)) is more


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    return assistant_over(tmp_path_factory.mktemp("ferry"), model, [ARTICLE], "ferry")


def conversation(kb, *questions: str) -> list[str]:
    """Each turn's first quoted sentence, the history carried as the chat carries it."""
    history, quotes = [], []
    for question in questions:
        answer = kb.ask(question, history)
        assert not answer.abstained, (question, answer.text)
        quotes.append(answer.citations[0].quote)
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": answer.text}]
    return quotes


@pytest.mark.parametrize("questions", [
    ("Who is the General Manager of ASDP Gilimanuk?", "What did he tell reporters?",
     "What else did he say?"),
    ("Siapa yang bilang keselamatan lebih penting?", "Apa lagi katanya?"),
])
def test_what_else_is_not_what_was_just_quoted(kb, questions):
    *_, said, more = conversation(kb, *questions)
    assert said == NAMED  # before the rule, the same sentence came back for "what else"
    assert more == QUOTE
