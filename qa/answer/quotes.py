"""How much to quote: the chosen sentence, and the rest of its quotation when a quote runs on
into the next sentence, which names the speaker ('"Kami berhak ...", ... besar," ujar Peskov').

A quote alone does not say who said it, and its attribution alone does not say what was said:
the answer quotes both when they are adjacent sentences of one passage.
"""

from __future__ import annotations

import re

from qa.answer.reading import Sentence
from qa.answer.roles import attributed

_QUOTE_MARKS = re.compile(r"[\"“”]")


def _opens_quotation(text: str) -> bool:
    """The sentence starts a quotation that it does not close."""
    return text.lstrip()[:1] in "\"“" and len(_QUOTE_MARKS.findall(text)) % 2 == 1


def _closes_quotation(text: str) -> bool:
    """The sentence ends a quotation begun before it, with the speaker's name."""
    return text.lstrip()[:1] not in "\"“" and len(_QUOTE_MARKS.findall(text)) % 2 == 1 \
        and attributed(text)


def quotation(sentences: list[Sentence], i: int, passage_text: str) -> tuple[int, int]:
    """(first, last) indices of the sentences to quote for sentence i: i alone, or i and its
    neighbour when one opens a quotation and the other closes it with its attribution."""
    def adjacent(a: int, b: int) -> bool:
        return 0 <= a and b < len(sentences) and sentences[a].passage == sentences[b].passage \
            and not passage_text[sentences[a].end:sentences[b].start].strip()

    text = sentences[i].text
    if _opens_quotation(text) and adjacent(i, i + 1) and _closes_quotation(sentences[i + 1].text):
        return i, i + 1
    if _closes_quotation(text) and adjacent(i - 1, i) and _opens_quotation(sentences[i - 1].text):
        return i - 1, i
    return i, i
