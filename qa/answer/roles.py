"""Who did what to whom: the speaker/agent and the addressee/recipient named in a clause.

"What did Campbell tell Kim Hong-kyun?" and "What did Kim Hong-kyun tell Campbell?" share every
word; only the order of the names around the verb or the recipient marker ("kepada", "to")
tells them apart. Both the question and a candidate sentence are read this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.languages import all_words

# Words that put the recipient after them: prepositions ("kepada", "to") and verbs whose object
# is the person addressed ("tell X", "warn X"), from every language pack.
RECIPIENT_MARKERS = all_words("recipient_markers")
# "And what did Kim say back?": the recipient is the previous question's agent.
REPLY_WORDS = all_words("reply_words")

_NAME = re.compile(r"\b[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s+[A-Z][\w'’]*(?:-[\w'’]+)*)*")
_NOT_NAMES = all_words("not_names")


def names(text: str) -> list[tuple[int, str]]:
    """Capitalised word groups (people, places, organisations) with their offsets."""
    found = []
    for m in _NAME.finditer(text):
        words = m.group().split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if words:
            phrase = " ".join(words)
            found.append((m.end() - len(phrase), phrase))
    return found


def _tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[\s\-]+", name.lower()) if len(t) > 1}


@dataclass
class Roles:
    """The names on each side of a clause's recipient marker."""

    agents: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.agents and self.recipients)


def read_roles(text: str) -> Roles:
    """Names before the first recipient marker are agents; names after it, recipients."""
    marker = None
    for m in re.finditer(r"\b\w+\b", text):
        if m.group().lower() in RECIPIENT_MARKERS:
            marker = m.start()
            break
    if marker is None:
        return Roles()
    found = names(text)
    return Roles(agents=[n for pos, n in found if pos < marker],
                 recipients=[n for pos, n in found if pos > marker])


def _mentions(side: list[str], name: str) -> bool:
    wanted = _tokens(name)
    return any(wanted and wanted <= _tokens(n) for n in side) or \
        any(wanted & _tokens(n) and len(wanted) == 1 for n in side)


def role_agreement(question: Roles, sentence: Roles) -> float:
    """+1 when the sentence has the question's agent and recipient on the same sides,
    -1 when it has them swapped, 0 when it cannot tell."""
    if question.empty or sentence.empty:
        return 0.0
    same = sum(_mentions(sentence.agents, a) for a in question.agents) + \
        sum(_mentions(sentence.recipients, r) for r in question.recipients)
    swapped = sum(_mentions(sentence.recipients, a) for a in question.agents) + \
        sum(_mentions(sentence.agents, r) for r in question.recipients)
    if same > swapped:
        return 1.0
    if swapped > same:
        return -1.0
    return 0.0
