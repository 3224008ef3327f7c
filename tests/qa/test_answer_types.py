"""The kind of answer a question asks for, in both languages (qa/question.py; the patterns are
in the language packs, qa/languages/)."""

from __future__ import annotations

import pytest

from qa.answer.kinds import AnswerKind
from qa.question import answer_kind

CASES = [
    # Indonesian questions name the kind with their question word.
    ("Kapankah Balawan lahir?", AnswerKind.DATE),
    ("Berapa ton gandum yang diimpor Indonesia?", AnswerKind.NUMBER),
    ("Di provinsi manakah letak Danau Melintang?", AnswerKind.PLACE),
    ("Siapakah ketua Komisi A DPRD Sumatera Utara?", AnswerKind.PERSON),
    ("Partai apakah yang memenangi pemilu?", AnswerKind.ENTITY),
    # "Siapa ... pada tahun 1982?" asks who: the first question word decides.
    ("Siapa yang memimpin Irak pada tahun 1982?", AnswerKind.PERSON),
    # English often asks through a noun where Indonesian has a question word.
    ("When was the second round held?", AnswerKind.DATE),
    ("In which month do diarrhoea cases peak?", AnswerKind.DATE),
    ("What day did Tirunesh Dibaba win her second gold?", AnswerKind.DATE),
    ("During which years was the Iran-Iraq war fought?", AnswerKind.DATE),
    ("How heavy was the impactor NASA fired into the comet?", AnswerKind.NUMBER),
    ("How tall is Mount Dempo?", AnswerKind.NUMBER),
    ("What was the population of Northern Cyprus according to the 2002 census?",
     AnswerKind.NUMBER),
    ("What is Balawan's date of birth?", AnswerKind.DATE),
    ("At what temperature does the Mott insulator conduct electricity?", AnswerKind.NUMBER),
    ("Which city hosted the 16th Asian Athletics Championships?", AnswerKind.PLACE),
    ("The Guardian is a newspaper from which country?", AnswerKind.PLACE),
    ("Which former Iraqi leader went on trial?", AnswerKind.PERSON),
    ("Which Pertamina spokesperson said that?", AnswerKind.PERSON),
    ("Which company admitted it was wrong?", AnswerKind.ENTITY),
    ("Which state-owned company imports rice?", AnswerKind.ENTITY),
    ("Which general election did the party win?", AnswerKind.ENTITY),
    ("Which general is taking over the army?", AnswerKind.PERSON),
    ("What is the name of the ship?", AnswerKind.ENTITY),
    ("Why did the price of rice rise?", AnswerKind.REASON),
    # Nouns that name the kind, with a few words between ("which 1,500 metres runner").
    ("Which 1,500 metres runner won a silver medal?", AnswerKind.PERSON),
    ("Which women's hammer thrower won gold?", AnswerKind.PERSON),
    ("What is the name of the Filipino athlete who won silver?", AnswerKind.PERSON),
    ("What is Balawan's full name?", AnswerKind.PERSON),
    ("What is the name of the central general hospital in Medan?", AnswerKind.ENTITY),
    ("The residents occupy land in which national park?", AnswerKind.ENTITY),
    ("What is the area of the city of Padang?", AnswerKind.NUMBER),
    ("What is the average surface temperature on Mars?", AnswerKind.NUMBER),
    ("What minimum share of bond transactions is BES aiming for?", AnswerKind.NUMBER),
    ("Down to what sea depth do turtles usually live?", AnswerKind.NUMBER),
    ("What is the capital of Northern Cyprus?", AnswerKind.PLACE),
    ("At which venue was the meeting held?", AnswerKind.PLACE),
    # A relative "which" is not the question word; "which province" is.
    ("Lake Melintang, which is silting up badly, is in which province?", AnswerKind.PLACE),
    ("What's the scientific name of the sun bear?", AnswerKind.ENTITY),
    ("What is the world's pact on nuclear weapons called?", AnswerKind.ENTITY),
    ("What disease outbreak killed 6 people in Solo?", AnswerKind.ENTITY),
    ("What did the government and GAM sign in Helsinki?", AnswerKind.OTHER),
    ("Selain melalui energi matahari, apa nama sumber energi alternatif itu?",
     AnswerKind.ENTITY),
    # ... but "which" after an opening phrase still asks.
    ("Responding to Koizumi's visit, which newspaper wrote an editorial?", AnswerKind.ENTITY),
    # A relative ", which" that another question word follows is not the question word.
    ("The dam, which the president inaugurated last year, is located in which province?",
     AnswerKind.PLACE),
    # An English title inside an Indonesian question does not decide its kind.
    ("Film What Women Want disutradarai siapa?", AnswerKind.PERSON),
    # Words that look like a kind but are not one here.
    ("What did the protesters call for?", AnswerKind.OTHER),
    ("What is the capital expenditure of PLN this year?", AnswerKind.OTHER),
    ("Which club did the player join?", AnswerKind.ENTITY),
    ("What is the name of the president's plane?", AnswerKind.ENTITY),
    ("What is the name of the book the author wrote?", AnswerKind.ENTITY),
    ("Which company, the minister said, won the tender?", AnswerKind.ENTITY),
    ("What is the best time to plant rice?", AnswerKind.OTHER),
    ("What is value added tax?", AnswerKind.OTHER),
    ("What causes dengue fever?", AnswerKind.REASON),  # the cause, not a named thing
    ("What are the prices of rice?", AnswerKind.NUMBER),
    # A length of time is its own kind: a number, and of time units.
    ("Berapa lama Soeharto menjabat presiden?", AnswerKind.DURATION),
    ("How long did the siege last?", AnswerKind.DURATION),
    ("Kapan dan berapa lama pameran itu digelar?", AnswerKind.DATE),
]


@pytest.mark.parametrize(("question", "kind"), CASES)
def test_answer_type(question, kind):
    assert answer_kind(question) is kind
