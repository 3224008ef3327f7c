"""The kind of answer a question asks for, in both languages (qa/answer/spans.py)."""

from __future__ import annotations

import pytest

from qa.answer.spans import AnswerType, answer_type

CASES = [
    # Indonesian questions name the kind with their question word.
    ("Kapankah Balawan lahir?", AnswerType.DATE),
    ("Berapa ton gandum yang diimpor Indonesia?", AnswerType.NUMBER),
    ("Di provinsi manakah letak Danau Melintang?", AnswerType.PLACE),
    ("Siapakah ketua Komisi A DPRD Sumatera Utara?", AnswerType.PERSON),
    ("Partai apakah yang memenangi pemilu?", AnswerType.ENTITY),
    # "Siapa ... pada tahun 1982?" asks who: the first question word decides.
    ("Siapa yang memimpin Irak pada tahun 1982?", AnswerType.PERSON),
    # English often asks through a noun where Indonesian has a question word.
    ("When was the second round held?", AnswerType.DATE),
    ("In which month do diarrhoea cases peak?", AnswerType.DATE),
    ("What day did Tirunesh Dibaba win her second gold?", AnswerType.DATE),
    ("During which years was the Iran-Iraq war fought?", AnswerType.DATE),
    ("How heavy was the impactor NASA fired into the comet?", AnswerType.NUMBER),
    ("How tall is Mount Dempo?", AnswerType.NUMBER),
    ("What was the population of Northern Cyprus according to the 2002 census?",
     AnswerType.NUMBER),
    ("What is Balawan's date of birth?", AnswerType.DATE),
    ("At what temperature does the Mott insulator conduct electricity?", AnswerType.NUMBER),
    ("Which city hosted the 16th Asian Athletics Championships?", AnswerType.PLACE),
    ("The Guardian is a newspaper from which country?", AnswerType.PLACE),
    ("Which former Iraqi leader went on trial?", AnswerType.PERSON),
    ("Which Pertamina spokesperson said that?", AnswerType.PERSON),
    ("Which company admitted it was wrong?", AnswerType.ENTITY),
    ("Which state-owned company imports rice?", AnswerType.ENTITY),
    ("Which general election did the party win?", AnswerType.ENTITY),
    ("Which general is taking over the army?", AnswerType.PERSON),
    ("What is the name of the ship?", AnswerType.ENTITY),
    ("Why did the price of rice rise?", AnswerType.OTHER),
    # Nouns that name the kind, with a few words between ("which 1,500 metres runner").
    ("Which 1,500 metres runner won a silver medal?", AnswerType.PERSON),
    ("Which women's hammer thrower won gold?", AnswerType.PERSON),
    ("What is the name of the Filipino athlete who won silver?", AnswerType.PERSON),
    ("What is Balawan's full name?", AnswerType.PERSON),
    ("What is the name of the central general hospital in Medan?", AnswerType.ENTITY),
    ("The residents occupy land in which national park?", AnswerType.ENTITY),
    ("What is the area of the city of Padang?", AnswerType.NUMBER),
    ("What is the average surface temperature on Mars?", AnswerType.NUMBER),
    ("What minimum share of bond transactions is BES aiming for?", AnswerType.NUMBER),
    ("Down to what sea depth do turtles usually live?", AnswerType.NUMBER),
    ("What is the capital of Northern Cyprus?", AnswerType.PLACE),
    ("At which venue was the meeting held?", AnswerType.PLACE),
    # A relative "which" is not the question word; "which province" is.
    ("Lake Melintang, which is silting up badly, is in which province?", AnswerType.PLACE),
    ("What's the scientific name of the sun bear?", AnswerType.ENTITY),
    ("What is the world's pact on nuclear weapons called?", AnswerType.ENTITY),
    ("What disease outbreak killed 6 people in Solo?", AnswerType.ENTITY),
    ("What did the government and GAM sign in Helsinki?", AnswerType.OTHER),
    ("Selain melalui energi matahari, apa nama sumber energi alternatif itu?",
     AnswerType.ENTITY),
    # ... but "which" after an opening phrase still asks.
    ("Responding to Koizumi's visit, which newspaper wrote an editorial?", AnswerType.ENTITY),
    # A relative ", which" that another question word follows is not the question word.
    ("The dam, which the president inaugurated last year, is located in which province?",
     AnswerType.PLACE),
    # An English title inside an Indonesian question does not decide its kind.
    ("Film What Women Want disutradarai siapa?", AnswerType.PERSON),
    # Words that look like a kind but are not one here.
    ("What did the protesters call for?", AnswerType.OTHER),
    ("What is the capital expenditure of PLN this year?", AnswerType.OTHER),
    ("Which club did the player join?", AnswerType.ENTITY),
    ("What is the name of the president's plane?", AnswerType.ENTITY),
    ("What is the name of the book the author wrote?", AnswerType.ENTITY),
    ("Which company, the minister said, won the tender?", AnswerType.ENTITY),
    ("What is the best time to plant rice?", AnswerType.OTHER),
    ("What is value added tax?", AnswerType.OTHER),
    ("What causes dengue fever?", AnswerType.OTHER),
    ("What are the prices of rice?", AnswerType.NUMBER),
]


@pytest.mark.parametrize(("question", "kind"), CASES)
def test_answer_type(question, kind):
    assert answer_type(question) is kind
