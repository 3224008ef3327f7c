"""English→Indonesian word glosses, so that an English question can match an Indonesian sentence's words.

The embedding model already matches the two languages as wholes; the answerer also counts the
question's words in each sentence and looks for the answer beside them, and an English question
shares almost no words with Indonesian text. A bilingual dictionary closes that gap: FreeDict's
English-Indonesian dictionary (from Wiktionary, CC BY-SA 3.0; Debian's dict-freedict-eng-ind),
read from its dictd files. English words are lemmatised with simplemma first ("said" → "say").
"""

from __future__ import annotations

import gzip
import logging
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from qa.text import content_words, is_translatable

log = logging.getLogger(__name__)

# Where Debian (and most distributions) put dictd dictionaries; KABAR_DICTIONARY names another.
DEFAULT_DICTIONARY = Path("/usr/share/dictd/freedict-eng-ind")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE = re.compile(r"^\d+\.\s*")
_TRAILING_SENSE = re.compile(r"\s*\d+\.$")

# An English content word and the Indonesian words it may stand for (and, for "Koizumi's", the
# bare name), in question order.
Glosses = tuple[tuple[str, frozenset[str]], ...]


class DictionaryError(RuntimeError):
    """The bilingual dictionary cannot be read."""


def _b64(text: str) -> int:
    """dictd's index numbers: base 64, most significant digit first."""
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def _translations(entry: str) -> set[str]:
    """The Indonesian words of one FreeDict entry: the line after the headword, and each
    numbered sense line ("1. dagang, niaga"); the other lines are English definitions."""
    out: set[str] = set()
    for k, line in enumerate(entry.split("\n")[1:]):
        line = line.strip()
        if k == 0 or _SENSE.match(line):
            line = _TRAILING_SENSE.sub("", _SENSE.sub("", line))
            out.update(w for part in line.split(",") for w in content_words(part))
    return out


class Lexicon:
    """English word → Indonesian words; `glosses(question)` for a whole question."""

    source_language = "en"  # the questions it reads (qa/languages/)

    def __init__(self, entries: dict[str, frozenset[str]]) -> None:
        self.entries = entries
        # A question is glossed once, not once per sentence; the cache lives with the lexicon.
        self.glosses = lru_cache(maxsize=256)(self._glosses)

    @classmethod
    def from_dictd(cls, base: Path) -> "Lexicon":
        """Read `base`.index and `base`.dict.dz (or .dict): the dictd format FreeDict ships."""
        index = _beside(base, ".index")
        data_path = next((p for p in (_beside(base, ".dict.dz"), _beside(base, ".dict"))
                          if p.is_file()), None)
        if not index.is_file() or data_path is None:
            raise DictionaryError(f"{base}: expected {index.name} and {base.name}.dict.dz beside "
                                  "it (a dictd dictionary such as FreeDict's eng-ind)")
        try:
            raw = data_path.read_bytes()
            data = gzip.decompress(raw) if data_path.suffix == ".dz" else raw
            entries: dict[str, set[str]] = {}
            for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), 1):
                parts = line.split("\t")
                if len(parts) != 3:
                    raise DictionaryError(f"{index}, line {number}: expected 'word<TAB>offset"
                                          f"<TAB>length', got {line[:80]!r}")
                head, offset, length = parts[0].lower(), _b64(parts[1]), _b64(parts[2])
                if head.startswith(("00-database", "00database")):
                    continue  # dictd's own header entries
                entry = data[offset:offset + length].decode("utf-8", errors="replace")
                entries.setdefault(head, set()).update(_translations(entry))
        except (OSError, ValueError, EOFError, gzip.BadGzipFile) as exc:
            raise DictionaryError(f"{base}: cannot read the dictionary ({exc})") from exc
        return cls(_without_generic_words(entries))

    def translate(self, word: str) -> frozenset[str]:
        """The Indonesian words the English word may stand for (empty when unknown). A word
        without an entry is also looked up in American spelling ("organisation", "centre")."""
        word = _without_possessive(word.lower())
        for form in (word, *_spellings(word)):
            found = self.entries.get(form) or self.entries.get(_lemma(form))
            if found:
                return found
        return frozenset()

    def _glosses(self, question: str) -> Glosses:
        """Each content word of an English question with its Indonesian translations."""
        seen: dict[str, frozenset[str]] = {}
        for w in content_words(question):
            if is_translatable(w) and w not in seen:
                bare = _without_possessive(w)  # "Koizumi's" is found as "Koizumi"
                seen[w] = self.translate(w) | ({bare} if bare != w else set())
        return tuple(seen.items())


def glossed_question(question: str, glosses: Glosses) -> str | None:
    """The question followed by its words' Indonesian translations, for BM25 and the embedding;
    None when nothing was glossed."""
    extra = sorted({t for _, forms in glosses for t in forms})
    return " ".join([question, *extra]) if extra else None


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) and len(word) > 3 else word


# A word in more entries than this is a generic part of phrases. Set from the counts in FreeDict
# eng-ind: "bahasa" 120, "orang" 73, "laut" 52, then "kata" 39, a real translation of "word".
GENERIC_ENTRIES = 40


def _without_generic_words(entries: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Drop the words that many entries' phrases share ("bahasa Jepang", "orang Jepang" for
    "Japanese"; "bahasa" is in 120 entries) when an entry has a more telling word."""
    counts = Counter(t for found in entries.values() for t in found)
    out = {}
    for head, found in entries.items():
        if found:
            out[head] = frozenset({t for t in found if counts[t] <= GENERIC_ENTRIES} or found)
    return out


# British spellings FreeDict lacks, as (pattern, American form): "organisation", "centre",
# "colours", "immunisation", "diarrhoea". The English dev set is written in British English.
_SPELLINGS = ((re.compile(r"isation(s?)$"), r"ization\1"),
              (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
              (re.compile(r"tre(s?)$"), r"ter\1"),
              (re.compile(r"(\w{3})our(s|ed|ing)?$"), r"\1or\2"),
              (re.compile(r"ll(ed|ing)$"), r"l\1"),
              (re.compile(r"oe(?=a)|ae(?=m)"), "e"))


def _spellings(word: str) -> list[str]:
    return [pattern.sub(to, word) for pattern, to in _SPELLINGS if pattern.search(word)]


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en").lower()


def _beside(base: Path, suffix: str) -> Path:
    """One of a dictd dictionary's files: `base` plus ".index", ".dict.dz" or ".dict"."""
    return base.with_name(base.name + suffix)


def dictionary_installed(base: Path) -> bool:
    """Whether a dictd dictionary's index is at `base`.index."""
    return _beside(base, ".index").is_file()


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None) -> Lexicon | None:
    """The dictionary at `path` (a dictd base name), the system's FreeDict eng-ind when `path`
    is None, or None (with a warning) when there is none: English questions are then matched
    to Indonesian sentences by the embedding alone."""
    if path is not None:
        return Lexicon.from_dictd(Path(path).expanduser())
    if dictionary_installed(DEFAULT_DICTIONARY):
        return Lexicon.from_dictd(DEFAULT_DICTIONARY)
    log.warning("No English-Indonesian dictionary at %s: English questions will match "
                "Indonesian sentences by meaning only, and less well. Install Debian's "
                "dict-freedict-eng-ind or set KABAR_DICTIONARY.", DEFAULT_DICTIONARY)
    return None
