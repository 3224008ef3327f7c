"""How much to quote: the chosen sentence, and the rest of its quotation when a quote runs on
into the next sentences, the last of which names the speaker ('"Kami berhak ... Kami akan ...
Potensi ... besar," ujar Peskov').

A quote alone does not say who said it, and its attribution alone does not say what was said:
the answer quotes both when they are adjacent sentences of one passage.
"""

from __future__ import annotations

from qa.answer.reading import Sentence
from qa.answer.roles import QUOTE_MARKS, attributed


def _opens_quotation(text: str) -> bool:
    """The sentence starts a quotation that it does not close."""
    return text.lstrip()[:1] in "\"“" and len(QUOTE_MARKS.findall(text)) % 2 == 1


def _closes_quotation(text: str) -> bool:
    """The sentence ends a quotation begun before it, with the speaker's name."""
    return text.lstrip()[:1] not in "\"“" and len(QUOTE_MARKS.findall(text)) % 2 == 1 \
        and attributed(text)


LONGEST = 4  # sentences in one quotation at most: a longer run is more likely a misread mark


def quotation(sentences: list[Sentence], i: int, passage_text: str) -> tuple[int, int]:
    """(first, last) indices of the sentences to quote for sentence i: i alone, or the whole
    quotation i is part of, when one sentence opens it, the next ones carry no quote mark, and
    the last closes it with its attribution ('"Kami berhak ... siapa pun. Kami akan ... jauh.
    Potensi ... besar," ujar ... Peskov'), all adjacent in one passage."""
    def adjacent(a: int, b: int) -> bool:
        return 0 <= a and b < len(sentences) and sentences[a].passage == sentences[b].passage \
            and not passage_text[sentences[a].end:sentences[b].start].strip()

    def unmarked(j: int) -> bool:
        return not QUOTE_MARKS.search(sentences[j].text)

    first = i
    if not _opens_quotation(sentences[i].text):
        if not (unmarked(i) or _closes_quotation(sentences[i].text)):
            return i, i
        # Back over sentences without a mark to the one that opens the quotation.
        first = i - 1
        while adjacent(first, first + 1) and i - first < LONGEST and unmarked(first):
            first -= 1
        if not (adjacent(first, first + 1) and _opens_quotation(sentences[first].text)):
            return i, i
    last = first + 1
    while adjacent(last - 1, last) and last - first < LONGEST and unmarked(last):
        last += 1
    if adjacent(last - 1, last) and _closes_quotation(sentences[last].text) and last >= i \
            and last - first < LONGEST:
        return first, last
    return i, i
