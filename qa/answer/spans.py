"""The exact answer inside a sentence: the name, date, place, number or organisation asked for."""

from __future__ import annotations

import re
from enum import Enum

from qa.answer.roles import names
from qa.text import STOPWORDS, words


class AnswerType(str, Enum):
    NUMBER = "number"
    DATE = "date"
    PLACE = "place"
    PERSON = "person"  # people and organisations: both are "who" in news questions
    ENTITY = "entity"  # "which ...", "what is the name of ..."
    OTHER = "other"


_TYPE_RULES: list[tuple[AnswerType, re.Pattern]] = [
    (AnswerType.DATE, re.compile(
        r"\b(kapan|kapankah|when|what year|which year|tahun berapa|tanggal berapa|"
        r"what date|on what day|pada tahun|sejak kapan|since when)\b", re.I)),
    (AnswerType.NUMBER, re.compile(
        r"\b(berapa|berapakah|how many|how much|how long|how far|how old|jumlah|"
        r"what percentage|what number)\b", re.I)),
    (AnswerType.PLACE, re.compile(
        r"\b(di mana|dimana|dimanakah|di manakah|kemana|ke mana|dari mana|where|"
        r"in which (city|country|province|region|district|place)|di kota|di negara|"
        r"di provinsi|kota apa|negara apa|provinsi apa|kota mana|negara mana)\b", re.I)),
    (AnswerType.PERSON, re.compile(r"\b(siapa|siapakah|who|whom|whose)\b", re.I)),
    (AnswerType.ENTITY, re.compile(
        r"\b(which|apa nama|apakah nama|nama apa|what is the name|what was the name|"
        r"what's the name|manakah|yang mana|organisasi apa|perusahaan apa|lembaga apa|"
        r"partai apa|kelompok apa|what (organi[sz]ation|company|group|party|agency))\b|"
        # "<noun> apakah/apa" asks for a named thing: "Kelompok apakah ...", "kota apa ..."
        r"\b\w+\s+apa(?:kah)?\b(?!\s+yang)", re.I)),
]

_MONTHS = (r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
           r"Desember|January|February|March|May|June|July|August|October|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Agu|Aug|Sep|Sept|Okt|Oct|Nov|Des|Dec)")
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
    rf"{_MONTHS}\s+\d{{4}}|(?:tahun\s+)?(?:1[5-9]|20)\d{{2}}(?:-an)?|"
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)(?:\s*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))?|"
    r"abad\s+(?:ke-?\s*)?\d+|\d{1,2}/\d{1,2}/\d{2,4})\b")
_UNITS = (r"(?:juta|miliar|milyar|triliun|ribu|ratus|puluh|persen|%|ton|kg|kilogram|gram|km|"
          r"kilometer|meter|m|hektare|hektar|ha|orang|jiwa|unit|buah|ekor|kali|tahun|bulan|hari|"
          r"jam|menit|dollar|dolar|AS|US|rupiah|barrel|barel|liter|megawatt|MW|kursi|suara|"
          r"million|billion|thousand|percent|people|tons|years|days)")
_NUMBER = re.compile(
    rf"(?:Rp\.?\s*|US\$\s*|\$\s*)?\b\d+(?:[.,]\d+)*(?:\s+{_UNITS}\b)*(?:\s+{_UNITS}\b)?|"
    rf"\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|"
    rf"seribu|sejuta|belasan|puluhan|ratusan|ribuan|jutaan)(?:\s+{_UNITS}\b)*",
    re.I)


def answer_type(question: str) -> AnswerType:
    for kind, pattern in _TYPE_RULES:
        if pattern.search(question):
            return kind
    return AnswerType.OTHER


def _candidates(sentence: str, kind: AnswerType) -> list[tuple[int, int]]:
    if kind is AnswerType.DATE:
        return [m.span() for m in _DATE.finditer(sentence)]
    if kind is AnswerType.NUMBER:
        return [m.span() for m in _NUMBER.finditer(sentence)]
    if kind in (AnswerType.PLACE, AnswerType.PERSON, AnswerType.ENTITY):
        return [(pos, pos + len(name)) for pos, name in names(sentence)]
    return []


def find_span(question: str, sentence: str) -> tuple[int, int] | None:
    """(start, end) of the answer in the sentence, or None when no span of the asked type fits.

    Candidates of the asked type that the question already names are skipped; among the rest,
    the one nearest to the question's words in the sentence wins (answers sit next to the
    words that the question shares with the sentence)."""
    kind = answer_type(question)
    spans = _candidates(sentence, kind)
    if not spans:
        return None
    q_words = {w for w in words(question) if w not in STOPWORDS}
    anchors = [m.start() for m in re.finditer(r"\w+(?:-\w+)*", sentence)
               if m.group().lower() in q_words]
    best, best_score = None, float("inf")
    for start, end in spans:
        text = sentence[start:end]
        toks = [w for w in words(text) if w not in STOPWORDS]
        if not toks or all(t in q_words for t in toks):
            continue
        if kind is not AnswerType.NUMBER and start == 0 and len(toks) == 1 and \
                text.lower() in STOPWORDS:
            continue
        distance = min((abs(a - start) if a < start else abs(a - end) for a in anchors),
                       default=0)
        score = distance - 0.5 * len(text)
        if score < best_score:
            best, best_score = (start, end), score
    return best
