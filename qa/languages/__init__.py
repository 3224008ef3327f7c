"""The languages Kabar reads questions in: one pack each (qa/languages/<name>.py), and which one
a question is in.

Adding a language is one new pack module, listed in LANGUAGES, plus its dev questions and a
refit (benchmarks/tune_answers.py, benchmarks/answers.py for its abstention threshold).
"""

from __future__ import annotations

from functools import lru_cache

from qa.languages import english, indonesian
from qa.languages.pack import BASE_LANGUAGE, LanguagePack

# Order matters where packs' lists are joined into one regex or feature list: base first.
LANGUAGES: tuple[LanguagePack, ...] = (indonesian.PACK, english.PACK)
BY_CODE = {pack.code: pack for pack in LANGUAGES}
BASE = BY_CODE[BASE_LANGUAGE]
ENGLISH = BY_CODE["en"]

__all__ = ["BASE", "BY_CODE", "ENGLISH", "LANGUAGES", "LanguagePack", "all_words", "detect",
           "joined"]


@lru_cache(maxsize=None)  # the packs never change; read per sentence on the answer's path
def all_words(name: str) -> frozenset[str]:
    """One word list of every language together: `all_words("stopwords")`."""
    return frozenset().union(*(pack.words(name) for pack in LANGUAGES))


def joined(name: str) -> list[str]:
    """One ordered list of every language together, each item once, base language first."""
    out: dict[str, None] = {}
    for pack in LANGUAGES:
        value = getattr(pack, name)
        out.update(dict.fromkeys(value.split() if isinstance(value, str) else value))
    return list(out)


@lru_cache(maxsize=1024)
def detect(text: str) -> LanguagePack:
    """The language a question is asked in: by its question words, then by function words.

    A capitalised word inside the question is read as part of a name or title and not counted,
    so "Siapa pengarang buku The Clash of Civilizations?" stays Indonesian. When nothing tells,
    the base language (Indonesian).
    """
    from qa.text import word_matches

    ws = [m.group().lower() for i, m in enumerate(word_matches(text))
          if i == 0 or not m.group()[:1].isupper()]
    asking = [pack for pack in LANGUAGES if any(w in pack.words("question_words") for w in ws)]
    if len(asking) == 1:  # one language's question word and not another's decides
        return asking[0]
    counts = {pack.code: sum(w in pack.words("markers") for w in ws) for pack in LANGUAGES}
    best = max(counts.values())
    if counts[BASE.code] == best:
        return BASE
    return next(pack for pack in LANGUAGES if counts[pack.code] == best)
