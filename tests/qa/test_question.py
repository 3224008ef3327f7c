"""A question is read once, at the door (qa/question.py), and the stages use what was read:
its language, kind, glosses, follow-up resolution and vector."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.kinds import AnswerKind
from qa.assistant import Assistant
from qa.languages import BY_CODE, LANGUAGES
from qa.question import read_question

CAMPBELL = "What did Campbell tell Kim Hong-kyun?"


@pytest.fixture(scope="module")
def kb(sample_store):
    return Assistant(settings=sample_store[0])


def test_a_question_is_read_into_one_value():
    q = read_question("  Kapan Putin akan mengunjungi Korea Utara?  ")
    assert q.text == q.query == q.standalone == "Kapan Putin akan mengunjungi Korea Utara?"
    assert q.language is BY_CODE["id"] and q.kind is AnswerKind.DATE
    assert not q.followup and q.context == "" and q.previous_answer == ""
    assert "putin" in q.content and "kapan" not in q.content
    english = read_question(CAMPBELL)
    assert english.language is BY_CODE["en"] and english.kind is AnswerKind.OTHER
    assert english.roles.agents == ["Campbell"] and english.roles.recipients == ["Kim Hong-kyun"]


def test_a_follow_up_is_resolved_once_and_keeps_the_conversation():
    history = [{"role": "user", "content": CAMPBELL},
               {"role": "assistant", "content": "“Kurt Campbell, mengatakan ...” [1]"}]
    q = read_question("And what did Kim say back?", history)
    assert q.followup
    assert q.text == "And what did Kim say back to Campbell?"  # the reply goes to the speaker
    assert q.query.startswith(q.text) and "Kim Hong-kyun" in q.query
    assert q.standalone == q.query and q.context == q.query
    assert q.previous_answer == history[1]["content"]
    # A reply in other words and without "what/did/say" still gets the English "to".
    other = read_question("How did Kim reply?", history)
    assert other.text == "How did Kim reply to Campbell?"
    indonesian = read_question("Lalu bagaimana Kim menjawab?",
                               [{"role": "user", "content": "Apa kata Campbell kepada Kim?"}])
    assert indonesian.text == "Lalu bagaimana Kim menjawab kepada Campbell?"
    # A question that names its own subject is not a follow-up.
    assert not read_question("Siapa Kim Jong Un dan Vladimir Putin dalam berita ini?",
                             history).followup


@pytest.mark.parametrize("bare", ["Why?", "Kenapa?", "Kapan?", "How?", "Berapa?", "Who?"])
def test_a_question_with_no_word_of_its_own_is_a_follow_up(bare):
    """Ellipsis: "Why?" after a question about the jazz festival asks about the festival."""
    history = [{"role": "user", "content": "What happened to the Kuta Beach Jazz Festival?"},
               {"role": "assistant", "content": "“Panitia Festival Jazz ... menunda acara.” [1]"}]
    q = read_question(bare, history)
    assert q.followup and "Kuta Beach Jazz Festival" in q.query
    assert not read_question(bare).followup  # nothing to lean on


def test_the_question_is_embedded_once_per_answer(kb, monkeypatch):
    """Retrieval and the answerer share the question's vector (it was embedded twice)."""
    seen: list[str] = []
    encode = kb.model.encode_query

    def counting(texts, *args, **kwargs):
        seen.extend(texts)
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(kb.model, "encode_query", counting)
    answer = kb.ask("Kapan Putin akan mengunjungi Korea Utara?")
    assert not answer.abstained
    assert seen == ["Kapan Putin akan mengunjungi Korea Utara?"]


def test_the_answer_speaks_the_question_s_language(kb):
    for text, code in (("Berapa gaji presiden Prancis tahun 1850?", "id"),
                       ("What was the salary of the French president in 1850?", "en")):
        answer = kb.ask(text)
        assert answer.abstained
        assert answer.text == BY_CODE[code].abstain_text


def test_every_pack_has_what_the_answerer_reads():
    for pack in LANGUAGES:
        assert pack.words("stopwords") and pack.words("question_words"), pack.code
        assert pack.abstain_text and 0 < pack.abstain_below < 1, pack.code
        assert set(pack.labels) == set(LANGUAGES[0].labels), pack.code
        assert set(pack.kind_patterns) <= set(AnswerKind) - {AnswerKind.OTHER}, pack.code
    assert [p.feature_prefix for p in LANGUAGES] == ["", "en:"]


def test_the_vector_is_the_model_s_query_vector(kb):
    q = kb.read(CAMPBELL)
    expected = kb.model.encode_query([CAMPBELL], convert_to_numpy=True)[0]
    assert q.query_vector is q.vector and np.allclose(q.vector, expected, atol=1e-6)
