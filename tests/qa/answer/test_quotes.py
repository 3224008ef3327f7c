"""How much is quoted: a quotation over several sentences is quoted with its attribution."""

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


# The sample article's paragraph: a quotation over three sentences, the middle one unmarked.
PESKOV = ("Rusia membantah tuduhan itu. \"Kami berhak membina hubungan baik dengan tetangga kami "
          "dan hal ini tidak perlu menimbulkan kekhawatiran bagi siapa pun. Kami akan melakukan "
          "itu lebih jauh. Potensi perkembangan hubungan kami sangat besar,\" ujar juru bicara "
          "Kremlin, Dmitry Peskov. Kim tiba di Vladivostok dengan kereta.")
# Two quotations that each close in their sentence, around an unmarked one: nothing to join.
CLOSED = ("\"Kami siap,\" kata Rudi. Rapat berlangsung dua jam. \"Kami menolak,\" kata Maya. "
          "Polisi berjaga di luar.")


def _read(text: str):
    return passage_sentences([Passage(article_id="a", chunk_id="a::0", title="", text=text,
                                      score=1.0)])


def test_a_quotation_over_three_sentences_is_quoted_whole_from_any_of_them():
    sentences = _read(PESKOV)
    assert [s.text[:10] for s in sentences] == ["Rusia memb", "\"Kami berh", "Kami akan ",
                                                "Potensi pe", "Kim tiba d"]
    for i in (1, 2, 3):
        assert quotation(sentences, i, PESKOV) == (1, 3), i
    assert quotation(sentences, 0, PESKOV) == (0, 0)
    assert quotation(sentences, 4, PESKOV) == (4, 4)


def test_an_unmarked_sentence_between_closed_quotations_is_quoted_alone():
    sentences = _read(CLOSED)
    assert len(sentences) == 4
    assert [quotation(sentences, i, CLOSED) for i in range(4)] == [(i, i) for i in range(4)]


def test_a_quotation_is_four_sentences_at_most():
    """Four sentences join; a fifth means a misread mark more likely than a long quote."""
    def quote(inner: int) -> str:
        middle = " ".join(f"Kalimat tengah nomor {n} ada di sini." for n in range(inner))
        return (f'"Kami mulai berbicara. {middle} Ini kalimat penutup," kata Rudi. '
                "Polisi berjaga.")
    four, five = quote(2), quote(3)
    assert quotation(_read(four), 0, four) == (0, 3)
    assert quotation(_read(five), 0, five) == (0, 0)
    assert quotation(_read(five), 2, five) == (2, 2)


def test_a_quotation_left_open_at_the_end_of_the_passage_is_quoted_alone():
    text = 'Rudi berbicara di depan massa. "Kami tidak akan mundur. Kami akan terus'
    sentences = _read(text)
    assert [quotation(sentences, i, text) for i in range(len(sentences))] == \
        [(i, i) for i in range(len(sentences))]
