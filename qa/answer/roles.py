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
# Verbs of saying: the speaker stands before these ("Kim mengatakan", "Campbell told") and after
# those ("kata Peskov", "jawaban Hendra"; after a closing quote also "ujar", "ungkap").
SPEECH_VERBS = all_words("speech_verbs")
SPEAKER_AFTER = all_words("speaker_after")
ATTRIBUTIONS = all_words("attributions") | SPEAKER_AFTER
# What was said, or what about, follows these ("bahwa", "that", "tentang"): the names there
# are neither the speaker nor the addressee.
SPEECH_CONTENT = all_words("speech_content")
# Words, a reduplicated one ("kata-kata", words) kept whole so that it is not read as "kata".
_WORD = re.compile(r"\w+(?:-\w+)*")
_CLOSING_QUOTE = re.compile(r"[\"”]\s*$")
QUOTE_MARKS = re.compile(r"[\"“”]")

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
    """The speaker or agent and the addressee or recipient a clause names."""

    agents: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    speech: bool = False  # read from a verb of saying ("mengatakan", "kata", "tell")

    @property
    def empty(self) -> bool:
        return not (self.agents and self.recipients)


def _attribution(text: str, tokens: list[re.Match]) -> re.Match | None:
    """The word after a closing quote that names who said it ('...," ujarnya', '," kata X')."""
    return next((m for m in tokens
                 if (m.group().lower() in ATTRIBUTIONS
                     or m.group().lower().removesuffix("nya") in ATTRIBUTIONS)
                 and _CLOSING_QUOTE.search(text[:m.start()].rstrip(" ,"))), None)


def attributed(text: str) -> bool:
    """The sentence ends a quotation and says who spoke ('Potensi ... besar," ujar Peskov.')."""
    return _attribution(text, list(_WORD.finditer(text))) is not None


def says(text: str, roles: Roles | None = None) -> bool:
    """The sentence reports something said: a quote mark, or a verb of saying (`roles`: the
    sentence's, when already read)."""
    return bool(QUOTE_MARKS.search(text)) or (roles or read_roles(text)).speech


def speech_pronoun(word: str) -> bool:
    """A word of saying with "-nya" ("his words"): "katanya", "ujarnya", "jawabannya"."""
    return word.endswith("nya") and word.removesuffix("nya") in ATTRIBUTIONS | SPEECH_VERBS


def _speech_verb(text: str, tokens: list[re.Match], question: bool = False
                 ) -> tuple[re.Match, bool] | None:
    """The verb of saying and whether its speaker follows it: an attribution after a closing
    quote first ('...," ujarnya kepada Hendra': the quote's own words say nothing of who
    speaks), else the first verb of saying."""
    if attribution := _attribution(text, tokens):
        return attribution, True
    for m in tokens:
        word = m.group().lower()
        if word in SPEECH_VERBS:
            return m, False
        # In a question, "katanya" ("his words"): the speaker is the pronoun, resolved by the
        # conversation. Not in an article, where "Katanya, ..." is hearsay and
        # "pernyataannya" a noun.
        if word in SPEAKER_AFTER or (question and speech_pronoun(word)):
            return m, True
    return None


def read_roles(text: str, *, question: bool = False) -> Roles:
    """Who speaks (or acts) and to whom. With a verb of saying, the speaker is named beside it
    and the addressee after a recipient marker, before what was said ("bahwa ..."); otherwise
    names before the first recipient marker are agents and names after it recipients."""
    tokens = list(_WORD.finditer(text))
    found = names(text)
    speech = _speech_verb(text, tokens, question)
    if speech is None:
        marker = next((m.start() for m in tokens if m.group().lower() in RECIPIENT_MARKERS),
                      None)
        if marker is None:
            return Roles()
        return Roles(agents=[n for pos, n in found if pos < marker],
                     recipients=[n for pos, n in found if pos > marker])
    verb, speaker_after = speech
    content = next((m.start() for m in tokens if m.start() > verb.start()
                    and m.group().lower() in SPEECH_CONTENT), len(text))
    # An addressee after the verb ("mengatakan kepada Kim, bahwa") runs to what was said; one
    # before it ("Dalam pesannya kepada Putin, Kim mengatakan") to the end of its phrase.
    recipients = []
    for m in tokens:
        if m.group().lower() not in RECIPIENT_MARKERS or m.start() >= content:
            continue
        comma = text.find(",", m.end())
        end = content if m.start() >= verb.start() else \
            min(verb.start(), comma if comma >= 0 else len(text))
        recipients += [n for pos, n in found if m.end() <= pos < end and n not in recipients]
    if speaker_after:
        marker = next((m.start() for m in tokens if m.start() > verb.start()
                       and m.group().lower() in RECIPIENT_MARKERS), content)
        agents = [n for pos, n in found if verb.end() <= pos < min(marker, content)]
    else:
        agents = [n for pos, n in found if pos < verb.start() and n not in recipients]
    return Roles(agents=agents, recipients=recipients, speech=True)


def _mentions(side: list[str], name: str) -> bool:
    wanted = _tokens(name)
    return any(wanted and wanted <= _tokens(n) for n in side) or \
        any(wanted & _tokens(n) and len(wanted) == 1 for n in side)


def role_agreement(question: Roles, sentence: Roles) -> float:
    """+1 when the sentence has the question's agent and recipient on the same sides,
    -1 when it has them swapped, 0 when it cannot tell. A statement question ("What did
    Peskov say?") names only the speaker: the sentence must have them speak, not be spoken to."""
    statement = question.speech and question.agents and (sentence.agents or sentence.recipients)
    if (question.empty or sentence.empty) and not statement:
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
