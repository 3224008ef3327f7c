"""`Question`: a question read once, at the door, into everything the later stages need.

Retrieval, the answerers and the chat take this value; none of them reads the raw string again.
`QuestionReader.read` resolves a follow-up against the conversation (qa/answer/followup.py),
tells the language (qa/languages/), the kind of answer asked for (qa/answer/kinds.py), and
embeds it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from qa.answer.kinds import KINDS, AnswerKind, KindRow
from qa.answer.roles import Roles, read_roles
from qa.languages import LANGUAGES, LanguagePack, all_words, detect
from qa.lexicon import Glosses, Lexicon, glossed_question
from qa.text import content_words, stem, words


@dataclass
class Question:
    """What was asked, as every stage reads it.

    `text` is the question the answerer reads (a reply follow-up gains its addressee: "What
    did Kim say back to Campbell?"); `query` is what retrieval searches for (a follow-up adds
    the conversation's subject). For a first question both are the question as asked."""

    text: str
    language: LanguagePack
    query: str = ""
    followup: bool = False
    previous_answer: str = ""  # the last answer's text, for a follow-up
    # In a conversation: the words the latest quoting answer quoted, and the questions asked
    # since the one it answered.
    # A question that brings no new name stays with the quoted article (Assistant.search).
    conversation_quote: str = ""
    asked_before: tuple[str, ...] = ()
    conversation_article: str | None = None  # the article it stays with, once searched
    person: str = ""  # who "he"/"-nya" stands for, from a who-question's answer (followup.py)
    glosses: Glosses = ()  # the Indonesian words an English question's words stand for
    glossed: bool = False  # a dictionary read the question's words (English, with a lexicon)
    query_glosses: Glosses = ()
    vector: np.ndarray | None = field(default=None, repr=False)  # of `text`
    query_vector: np.ndarray | None = field(default=None, repr=False)  # of `query`

    def __post_init__(self) -> None:
        self.query = self.query or self.text

    @property
    def standalone(self) -> str:
        """The question as it reads without the conversation: the search query of a
        follow-up, else the question as asked."""
        return self.query if self.followup else self.text

    @property
    def context(self) -> str:
        """What the conversation was about (the follow-up's search query), or ""."""
        return self.query if self.followup else ""

    @property
    def bare(self) -> bool:
        """A follow-up with no word of its own ("Kenapa?"): it means the question it resolves
        to (`query`)."""
        return self.followup and not self.content

    @cached_property
    def kind(self) -> AnswerKind:
        """The kind of answer asked for, from the pattern that matches first
        ("Siapa ... pada tahun 1982?" asks who, not when)."""
        return answer_kind(self.text, self.language)

    @property
    def kind_row(self) -> KindRow:
        return KINDS[self.kind]

    @cached_property
    def content(self) -> list[str]:
        """The words that carry meaning, in order."""
        return content_words(self.text)

    @cached_property
    def roles(self) -> Roles:
        """Who does what to whom, as the question names them; a statement question that names
        no speaker ("Apa katanya?") has the person the conversation resolved its pronoun to."""
        from qa.answer.followup import person_role  # imported where used, as in read_question

        roles = read_roles(self.text, question=True)
        if self.person and roles.speech:
            # "What did he say?" (speaker) or "What was he told?" / "Apa yang disampaikan
            # kepadanya?" (addressee): the pronoun's role decides.
            side = roles.agents if person_role(self.text) == "agent" else roles.recipients
            if not side:
                side.append(self.person)
        return roles

    @cached_property
    def glossed_text(self) -> str | None:
        """The question followed by its words' Indonesian translations (None: nothing glossed)."""
        return glossed_question(self.text, self.glosses)

    @cached_property
    def wh(self) -> "WhWords":
        return wh_words(self.text)


@dataclass(frozen=True)
class WhWords:
    """The words around the question word, which say what the answer is about."""

    after: frozenset[str]  # content words that follow the question word
    heads: frozenset[str]  # the nouns beside it: "partai" in "Partai apakah ..."
    stems: frozenset[str]  # stems of all the question's content words


@lru_cache(maxsize=1)
def _wh_pattern() -> re.Pattern:
    special = {w: p for pack in LANGUAGES for w, p in pack.question_word_patterns.items()}
    plain = sorted(all_words("question_words") - set(special))
    return re.compile(r"\b(" + "|".join(plain) + "".join(f"|{p}" for p in special.values())
                      + r")\b", re.I)


@lru_cache(maxsize=256)
def wh_words(text: str) -> WhWords:
    content = set(content_words(text))
    wh = _wh_pattern().search(text)
    after = {w for w in words(text[wh.end():]) if w in content} if wh else set(content)
    heads: set[str] = set()
    if wh:
        skip = all_words("stopwords") | all_words("not_heads")
        before = [w for w in words(text[:wh.start()]) if w not in skip]
        behind = [w for w in words(text[wh.end():]) if w not in skip]
        heads = set(before[-1:] + behind[:1]) & content
    return WhWords(frozenset(after), frozenset(heads), frozenset(stem(w) for w in content))


@lru_cache(maxsize=None)
def _kind_rules(language: str) -> list[tuple[AnswerKind, re.Pattern]]:
    """Each kind's patterns of every language, in kind order, then the question's own
    language's patterns that only it reads."""
    rules = []
    for kind in AnswerKind:
        patterns = [p for pack in LANGUAGES if (p := pack.kind_patterns.get(kind))]
        if patterns:
            rules.append((kind, re.compile("|".join(f"(?:{p})" for p in patterns), re.I)))
    own = next(pack for pack in LANGUAGES if pack.code == language).own_kind_patterns
    rules += [(kind, re.compile(p, re.I)) for kind, p in own.items()]
    return rules


def answer_kind(text: str, language: LanguagePack | None = None) -> AnswerKind:
    """The kind of answer a question asks for: the kind whose pattern matches first, ties
    broken by the order of AnswerKind."""
    language = language or detect(text)
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(_kind_rules(language.code))
             if (m := pattern.search(text))]
    return min(found)[2] if found else AnswerKind.OTHER


def reads(lexicon: Lexicon | None, language: LanguagePack) -> bool:
    """Whether the lexicon translates questions in this language."""
    return lexicon is not None and language.code == lexicon.source_language


def read_question(text: str, history: list[dict] | None = None, *,
                  lexicon: Lexicon | None = None) -> Question:
    """The question, a follow-up resolved against `history` (Gradio's messages format), with
    its words glossed by `lexicon` where it reads the question's language; not embedded."""
    from qa.answer.followup import previous_answer, quoted_context, resolve_followup

    resolved = resolve_followup(text.strip(), history)
    quote, asked = quoted_context(history)
    language = detect(resolved.question)
    glossed = reads(lexicon, language)
    question = Question(
        text=resolved.question, language=language, query=resolved.query,
        followup=resolved.followup, person=resolved.person,
        previous_answer=previous_answer(history) if resolved.followup else "",
        conversation_quote=quote, asked_before=tuple(asked),
        glosses=lexicon.glosses(resolved.question) if glossed else (), glossed=glossed)
    if question.query != question.text and glossed:
        question.query_glosses = lexicon.glosses(question.query)
    else:
        question.query_glosses = question.glosses
    return question


class QuestionReader:
    """Reads a question (and the conversation before it) into a `Question`, embedded."""

    def __init__(self, model, lexicon: Lexicon | None = None) -> None:
        self.model = model
        self.lexicon = lexicon  # glosses English questions' words in Indonesian

    def embed(self, text: str) -> np.ndarray:
        return self.model.encode_query([text], convert_to_numpy=True,
                                       show_progress_bar=False)[0].astype(np.float32)

    def read(self, text: str, history: list[dict] | None = None) -> Question:
        """The question, resolved and glossed (read_question), and its vectors."""
        question = read_question(text, history, lexicon=self.lexicon)
        question.vector = self.embed(question.text)
        question.query_vector = (question.vector if question.query == question.text
                                 else self.embed(question.query))
        return question
