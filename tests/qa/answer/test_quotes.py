"""How much is quoted: a quotation that runs over two sentences is quoted with its attribution."""

from __future__ import annotations

from qa.answer.quotes import quotation
from qa.answer.reading import passage_sentences
from qa.documents import Passage

TEXT = ("Harga cabai naik tajam pekan ini di Yogyakarta. \"Tanaman cabai banyak yang busuk di "
        "lahan. Pasokan ke Yogyakarta turun hampir separuh,\" kata Retno Wulandari kepada "
        "wartawan. Operasi pasar akan digelar di lima pasar mulai Kamis.")


def _sentences():
    sentences = passage_sentences([Passage(article_id="a", chunk_id="a::0", title="",
                                           text=TEXT, score=1.0)])
    assert [s.text[:12] for s in sentences] == ["Harga cabai ", "\"Tanaman cab",
                                                "Pasokan ke Y", "Operasi pasa"]
    return sentences


def test_the_opening_sentence_brings_its_attribution():
    assert quotation(_sentences(), 1, TEXT) == (1, 2)


def test_the_attribution_brings_the_opening_sentence():
    assert quotation(_sentences(), 2, TEXT) == (1, 2)


def test_a_sentence_outside_any_quotation_is_quoted_alone():
    sentences = _sentences()
    assert quotation(sentences, 0, TEXT) == (0, 0)
    assert quotation(sentences, 3, TEXT) == (3, 3)
