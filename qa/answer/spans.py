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
        r"what date|on what day|sejak kapan|since when)\b", re.I)),
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
        r"\b\w+\s+apa(?:kah)?\b|^\s*apa(?:kah)?\s+(?:nama|judul|istilah|sebutan|julukan)\b|"
        r"\b(?:what|which) (?:term|title|name)\b", re.I)),
]

_MONTHS = (r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
           r"Desember|January|February|March|May|June|July|August|October|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Agu|Aug|Sep|Sept|Okt|Oct|Nov|Des|Dec)")
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
    rf"{_MONTHS}\s+\d{{4}}|(?:tahun\s+)?(?:1[5-9]|20)\d{{2}}(?:-an)?|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)|"
    r"abad\s+(?:ke-?\s*)?\d+)\b")
_WEEKDAY = re.compile(r"^(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)$")
_CALENDAR_WORDS = frozenset(
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli "
    "agustus september oktober november desember".split())
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
    """The kind of answer asked for, from the question word that comes first
    ("Siapa ... pada tahun 1982?" asks who, not when)."""
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(_TYPE_RULES)
             if (m := pattern.search(question))]
    return min(found)[2] if found else AnswerType.OTHER


def _candidates(sentence: str, kind: AnswerType) -> list[tuple[int, int]]:
    if kind is AnswerType.DATE:
        return [m.span() for m in _DATE.finditer(sentence)]
    if kind is AnswerType.NUMBER:
        return [m.span() for m in _NUMBER.finditer(sentence)]
    if kind in (AnswerType.PLACE, AnswerType.PERSON, AnswerType.ENTITY, AnswerType.OTHER):
        return [(pos, pos + len(name)) for pos, name in names(sentence)
                if name.lower() not in _CALENDAR_WORDS]
    return []


def _trim_known(sentence: str, start: int, end: int, q_words: set[str]) -> tuple[int, int]:
    """Drop the words the question already says from the ends of a name group
    ("Depo BBM Maos Cilacap Budhi Darmawan" asked about the depot -> "Budhi Darmawan")."""
    tokens = list(re.finditer(r"\S+", sentence[start:end]))
    while len(tokens) > 1 and tokens[0].group().lower().strip(",.") in q_words:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].group().lower().strip(",.") in q_words:
        tokens.pop()
    return start + tokens[0].start(), start + tokens[-1].end()


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
        if kind is AnswerType.PERSON:
            start, end = _trim_known(sentence, start, end, q_words)
        text = sentence[start:end]
        toks = [w for w in words(text) if w not in STOPWORDS]
        if not toks or all(t in q_words for t in toks):
            continue
        if kind not in (AnswerType.NUMBER, AnswerType.DATE) and start == 0 and \
                len(toks) == 1 and (text.lower() in STOPWORDS
                                    or text.lower().endswith(("nya", "an", "kan"))):
            continue  # a capitalised first word ("Penggunaan", "Sebelumnya") is no name
        distance = min((abs(a - start) if a < start else abs(a - end) for a in anchors),
                       default=0)
        score = distance - 0.5 * len(text)
        if kind is AnswerType.DATE and _WEEKDAY.match(text):
            score += 20  # "Senin" answers "when" only when no real date is there
        if score < best_score:
            best, best_score = (start, end), score
    return best
