"""Word-level text tools for lexical search: tokenising, stop words, optional Indonesian stemming."""

from __future__ import annotations

import re
from functools import lru_cache

# Function words of Indonesian and English: they match everywhere and rank nothing.
STOPWORDS = frozenset("""
    yang dan di ke dari ini itu untuk dengan pada adalah dalam tidak akan juga oleh atau karena
    sebagai ada telah sudah bahwa para saat ia kita kami mereka dia saya anda apa siapa mana
    kapan berapa bagaimana mengapa kenapa manakah apakah siapakah berapakah dimanakah kapankah
    bagaimanakah mengapakah yg tersebut bisa dapat harus lebih masih hanya namun tetapi jika
    kalau maka agar supaya hingga sampai antara setelah sebelum secara akan nya pun lah kah
    the a an of to in on at for by with from and or but is are was were be been being this that
    these those it its as into about than then there their them they he she his her we our you
    your i me my what who whom whose which when where why how did do does done has have had
    not no so if can could would should will shall may might must
""".split())

# English question words: their presence says "the question is in English" (see fusion).
ENGLISH_MARKERS = frozenset("""
    the what who whom whose which when where why how did does do is are was were of
    in to for by with from and or has have had many much
""".split())
INDONESIAN_MARKERS = frozenset("""
    yang apa siapa mana kapan berapa bagaimana mengapa kenapa di ke dari dan untuk dengan pada
    adalah dalam oleh apakah siapakah berapakah manakah tersebut ini itu
""".split())

ENGLISH_QUESTION_WORDS = frozenset("what who whom whose which when where why how".split())
INDONESIAN_QUESTION_WORDS = frozenset("""
    apa siapa kapan berapa bagaimana mengapa kenapa mana dimana kemana darimana apakah siapakah
    kapankah berapakah bagaimanakah mengapakah manakah dimanakah kemanakah darimanakah
""".split())

_WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated forms stay whole ("Hong-kyun") and also split."""
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


def word_matches(text: str) -> list[re.Match]:
    """The words of `text` as `words` finds them (hyphenated forms whole, not split), with
    their positions."""
    return list(_WORD.finditer(text))


def is_content_word(word: str) -> bool:
    """A lower-cased word that carries meaning: not a stop word, not a single letter."""
    return word not in STOPWORDS and len(word) > 1


def is_translatable(word: str) -> bool:
    """A content word a dictionary or an alignment may translate: a number stays as it is."""
    return is_content_word(word) and not word.isdigit()


def content_words(text: str) -> list[str]:
    """The words that carry meaning, in order: no stop words, no single letters."""
    return [w for w in words(text) if is_content_word(w)]


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Sastrawi's Indonesian stem of one word (cached: the stemmer is pure Python)."""
    if not word.isalpha() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


def lexical_tokens(text: str, *, stemming: bool = False) -> list[str]:
    """Tokens for BM25: words without stop words, optionally stemmed."""
    toks = [w for w in words(text) if w not in STOPWORDS]
    return [stem(w) for w in toks] if stemming else toks


def looks_english(text: str) -> bool:
    """True when a question reads as English rather than Indonesian, by its question words,
    then by function words.

    A capitalised word inside the question is read as part of a name or title and not counted,
    so "Siapa pengarang buku The Clash of Civilizations?" stays Indonesian.
    """
    ws = [m.group().lower() for i, m in enumerate(word_matches(text))
          if i == 0 or not m.group()[:1].isupper()]
    en_asks = any(w in ENGLISH_QUESTION_WORDS for w in ws)
    idn_asks = any(w in INDONESIAN_QUESTION_WORDS for w in ws)
    if en_asks != idn_asks:  # one language's question word and not the other's decides
        return en_asks
    en = sum(w in ENGLISH_MARKERS for w in ws)
    idn = sum(w in INDONESIAN_MARKERS for w in ws)
    return en > idn
