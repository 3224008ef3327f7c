"""Word-level text tools for lexical search: tokenising, stop words, optional Indonesian stemming."""

from __future__ import annotations

import re
from functools import lru_cache

from qa.languages import all_words

# Function words of every language: they match everywhere and rank nothing.
STOPWORDS = all_words("stopwords")

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


def holds_mark(text: str, list_name: str, about: frozenset[str] = frozenset()) -> bool:
    """Whether the text holds a word of the packs' list `list_name` ("cause_words"), also with
    Indonesian's "-nya" on it ("akibatnya"). A cause word right before one of the words `about`
    (what the question asks the cause of) says that it causes, not what caused it ("Akibat
    kebakaran itu, pedagang ..." for "Apa penyebab kebakaran?"), and does not count, unless it
    names the cause ("penyebab kebakaran": `cause_nouns`)."""
    marks, nouns = all_words(list_name), all_words("cause_nouns")
    ws = words(text)
    for k, w in enumerate(ws):
        mark = w if w in marks else w[:-3] if w.endswith("nya") and w[:-3] in marks else None
        if mark is None:
            continue
        after = [x for x in ws[k + 1:k + 4] if x not in STOPWORDS][:2]
        if about and mark not in nouns and any(x in about or stem(x) in about for x in after):
            continue
        return True
    return False
