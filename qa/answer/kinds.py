"""The kinds of answer a question asks for, one row each: what marks a span of that kind.

The question patterns that ask for each kind are language knowledge and live in the language
packs (qa/languages/); the answer-kind of a question is read once, into qa.question.Question.
Adding a kind is one row here, its patterns in each pack, and a refit
(benchmarks/tune_answers.py) if it crosses features under a new name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class AnswerKind(str, Enum):
    """The order is the tie-break when two kinds' patterns match at the same word."""

    DATE = "date"
    DURATION = "duration"  # "berapa lama", "how long": a number of time units
    NUMBER = "number"
    PLACE = "place"
    PERSON = "person"  # people and organisations: both are "who" in news questions
    # "why", "mengapa": before ENTITY, so that "karena apa" ("because of what") is a reason
    # and not the generic "<noun> apa" that asks for a named thing.
    REASON = "reason"
    # "what did it lead to", "apa akibatnya": also before ENTITY ("akibatnya apa").
    CONSEQUENCE = "consequence"
    ENTITY = "entity"  # "which ...", "what is the name of ..."
    OTHER = "other"


@dataclass(frozen=True)
class KindRow:
    """How the span ranker treats one kind of answer."""

    features_as: str  # the span features are crossed with this name ("date:is_date")
    typed_feature: str | None  # a span with this feature is of the kind asked for
    # A span without this feature is pushed down by `penalty` (a fixed rule, in log-odds).
    required_feature: str | None = None
    penalty: float = 0.0
    # The question asks for a short answer (who, when, where, how many, which), which the chat
    # may show as a headline above the quote (qa/answer/headline.py); "what did X say" does not.
    asks_span: bool = True
    # The language packs' word list (LanguagePack field) whose words mark a sentence that
    # answers this kind: a cause ("karena", "akibat") for a reason. Such a sentence gets
    # ExtractiveWeights.marked in the choice of the sentence.
    sentence_marks: str | None = None
    # The marks say what caused the question's subject, so one right before the subject
    # ("Akibat kebakaran itu, ..." for "Apa penyebab kebakaran?") gives its effect and does not
    # count (qa.text.holds_mark). An effect's marks ("akibat kebakaran") are the answer.
    marks_cause_of_subject: bool = False


KINDS: dict[AnswerKind, KindRow] = {
    AnswerKind.DATE: KindRow("date", "is_date"),
    # The dev sets ask "how long" 9 times, too few to learn it from: it shares the number
    # model's weights, and a span that is no length of time loses 3 log-odds.
    AnswerKind.DURATION: KindRow("number", "is_number", required_feature="time_unit",
                                 penalty=3.0),
    AnswerKind.NUMBER: KindRow("number", "is_number"),
    AnswerKind.PLACE: KindRow("place", "is_name"),
    AnswerKind.PERSON: KindRow("person", "is_name"),
    AnswerKind.ENTITY: KindRow("entity", "is_name"),
    # A reason is a sentence, not a span: its spans are ranked as "other" ones (no weights of
    # its own to fit), and the sentence that gives a cause is preferred.
    AnswerKind.REASON: KindRow("other", None, asks_span=False, sentence_marks="cause_words",
                               marks_cause_of_subject=True),
    # A consequence is a sentence too: the one that states an effect ("sehingga",
    # "akibatnya", "menyebabkan"; not "karena", which gives the cause).
    AnswerKind.CONSEQUENCE: KindRow("other", None, asks_span=False,
                                    sentence_marks="effect_words"),
    AnswerKind.OTHER: KindRow("other", None, asks_span=False),
}
