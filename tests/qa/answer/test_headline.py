"""The headline above the quote (Answer.span) is shown only for a question that asks for a short
answer and only when its calibrated probability is high: never for "What did Campbell tell Kim
Hong-kyun?", and for a who/when question whose answer is clear. Real model, real embedded
Chroma, the sample article; the calibration is qa/answer/headline.json as shipped."""

from __future__ import annotations

import pytest

from conftest import SAMPLE, offline_settings
from ingest.pipeline import Ingestor
from qa.answer.headline import FEATURES, calibration
from qa.assistant import Assistant
from qa.chat import answer_markdown

CAMPBELL_TO_KIM = "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun"
KHARKIV = "puing-puing dari rudal yang mendarat di Kharkiv pada 2 Januari"


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("headline") / "store", "headline")
    assert Ingestor(settings, model=model).ingest([str(SAMPLE)]).ok
    return Assistant(settings=settings)


@pytest.mark.parametrize("question", [
    "What did Campbell tell Kim Hong-kyun?",
    "Apa yang dikatakan Campbell kepada Kim Hong-kyun?",
    "What did Kurt Campbell say to his South Korean counterpart?",
])
def test_a_statement_question_gets_no_headline(kb, question):
    answer = kb.ask(question)
    assert not answer.abstained
    assert CAMPBELL_TO_KIM in answer.citations[0].quote
    assert answer.span is None
    assert answer.text.startswith("“")  # the quote itself is the answer
    assert "**" not in answer_markdown(answer, question)


@pytest.mark.parametrize("question, span, sentence", [
    ("When did the missile debris land in Kharkiv?", "2 Januari", KHARKIV),
    ("Kapan rudal mendarat di Kharkiv?", "2 Januari", KHARKIV),
    ("Siapa juru bicara Kremlin?", "Dmitry Peskov", "ujar juru bicara Kremlin, Dmitry Peskov"),
])
def test_a_clear_who_or_when_answer_gets_its_headline(kb, question, span, sentence):
    answer = kb.ask(question)
    assert sentence in answer.citations[0].quote
    assert answer.span == span == answer.citations[0].span
    assert answer.text.startswith(span)
    assert f"**{span}**" in answer_markdown(answer, question)


def test_the_calibration_is_read_with_its_features():
    calibrated = calibration()
    assert set(calibrated.coefficients) == set(FEATURES)
    assert 0.0 < calibrated.threshold < 1.0
