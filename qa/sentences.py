"""Sentence boundaries for Indonesian and English news text, as character spans."""

from __future__ import annotations

import re

from qa.languages import all_words

# Words that end with a full stop without ending a sentence (lower-cased, without the dot).
ABBREVIATIONS = all_words("abbreviations")

# Candidate end: . ! ? or … , optional closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+['\"”’)\]]*(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+['\"“‘(\[]?[A-Z0-9À-ÖØ-Þ]")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # Single initials ("J. Smith", "A. Yani") and dotted acronyms ("U.S.") do not end sentences.
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text; paragraph breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        pstart, ptext = para.start(), para.group()
        start = 0
        for m in _END.finditer(ptext):
            end = m.end()
            if ptext[m.start()] == "." and m.end() - m.start() == 1 and \
                    _is_abbreviation(ptext, m.start()):
                continue
            if not _NEXT_STARTS_SENTENCE.match(ptext, end):
                continue
            spans.append((pstart + start, pstart + end))
            start = end
            while start < len(ptext) and ptext[start].isspace():
                start += 1
        tail = ptext[start:].rstrip()
        if tail.strip():
            spans.append((pstart + start, pstart + start + len(tail)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
