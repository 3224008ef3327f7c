"""Which language a question is in (qa/languages/), the switch for glosses, alignment, weights
and the words the chat answers with."""

from __future__ import annotations

import pytest

from qa.languages import detect

CASES = [
    ("What did Campbell tell Kim Hong-kyun?", True),
    ("On Thursday, 8 September 2005, where did Mari Elka Pangestu carry out an inspection?", True),
    ("How many tons of wheat did Indonesia import in 2023?", True),
    ("What is the meaning of Apa Kabar?", True),
    ("Apa yang dikatakan Campbell kepada Kim Hong-kyun?", False),
    ("Kapan itu terjadi?", False),
    # FacQA dev questions that name an English title: the Indonesian question word decides,
    # and the title's capitalised words are not counted.
    ("Siapa pengarang buku The Clash of Civilizations and The Remaking of World Order (1996)?",
     False),
    ("siapa nama sutradara film Working to the Death", False),
    ("Kemana pesawat Mandala Airlines RI-020 rute Jakarta-Jambi return to base/RTB?", False),
    ("Kapankah patroli The Eyes in the Sky (EiS) dimulai?", False),
    ("Film What Women Want disutradarai siapa?", False),
]


@pytest.mark.parametrize(("question", "english"), CASES)
def test_question_language(question: str, english: bool) -> None:
    assert (detect(question).code == "en") is english
