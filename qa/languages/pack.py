"""`LanguagePack`: everything the answerer knows about one language, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from qa.answer.kinds import AnswerKind

# The articles' language: the fitted weights' plain features are for it; another language's
# questions add features of their own, prefixed with its code ("en:cosine").
BASE_LANGUAGE = "id"


@lru_cache(maxsize=None)  # read on every question: split once
def _word_set(text: str | tuple[str, ...]) -> frozenset[str]:
    return frozenset(text.split() if isinstance(text, str) else text)


@dataclass(frozen=True)
class LanguagePack:
    """Word lists are given as whitespace-separated strings or tuples; order is kept where a
    regex or a feature list is built from them."""

    code: str
    name: str
    stopwords: str
    markers: str  # function words that say a question is in this language
    question_words: str
    not_names: str  # capitalised words that start no name ("What", "Siapa")
    recipient_markers: str  # the addressee follows these ("kepada", "tell")
    recipient_word: str  # how a reply question names its addressee ("... to Campbell?")
    speech_verbs: str  # verbs of saying with the speaker before them ("Kim mengatakan", "told")
    speaker_after: str  # words with the speaker after them ("kata Peskov", "jawaban Hendra")
    attributions: str  # after a closing quote, the speaker follows these ('...," ujar Peskov')
    speech_content: str  # what was said, or its topic, follows these ("bahwa", "about")
    reply_words: str  # "say back", "menjawab": the addressee is the previous speaker
    anaphora: str  # words that lean on the conversation ("he", "itu")
    # Of those, the ones that stand for a person as speaker ("he", "dia") and as addressee
    # ("him", "kepadanya"); a possessive ("his", "juru bicaranya") stands for neither.
    person_subjects: str
    person_objects: str
    person_passive: str  # a pattern: "was he told", the subject pronoun is the addressee
    followup_openers: tuple[str, ...]  # "And ...", "Lalu ..."
    refers_back: str  # "that", "itu": the question points at what was just said
    asks_more: str  # a pattern: "what else", "apa lagi": not what was already quoted
    months: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    units: tuple[str, ...]  # what a number counts: "juta", "persen", "people"
    cue_words: str  # words that stand right before an answer, each a span feature
    not_heads: str  # words beside a question word that name no kind ("nama", "name")
    kind_patterns: dict[AnswerKind, str]  # read for questions in any language
    abbreviations: str  # words that end with a full stop without ending a sentence
    abstain_text: str
    abstain_below: float  # the answerer abstains below this confidence
    labels: dict[str, str]  # what the chat says around an answer
    llm_name: str  # how the LLM's system prompt names the language to answer in
    question_word_patterns: dict[str, str] = field(default_factory=dict)  # where a word is not
    own_kind_patterns: dict[AnswerKind, str] = field(default_factory=dict)  # this language only
    weekdays: tuple[str, ...] = ()
    number_words: str = ""  # "dua", "ratusan": numbers written as words
    time_units: str = ""  # "tahun", "menit": a number of these is a duration
    cause_words: str = ""  # "karena", "because": a sentence with one gives a cause (REASON)
    # Of those, the ones that name the cause itself ("penyebab banjir": the cause of the flood);
    # the others are said of what causes ("akibat kebakaran": the fire is the cause).
    cause_nouns: str = ""
    effect_words: str = ""  # "sehingga", "as a result": one with these, an effect (CONSEQUENCE)

    @property
    def feature_prefix(self) -> str:
        """Prefix of the features this language's questions add to the base ones."""
        return "" if self.code == BASE_LANGUAGE else f"{self.code}:"

    def words(self, name: str) -> frozenset[str]:
        """One of the word lists as a set: `pack.words("stopwords")`."""
        return _word_set(getattr(self, name))
