"""Follow-up questions ("And what did Kim say back?", "Kapan itu terjadi?"): all of it here.

Without a language model: a question that leans on the conversation (a pronoun, a leading
"and"/"lalu", no name of its own) borrows the previous question's names for the search, and a
reply question ("say back", "menjawab") gets the previous speaker as its addressee. When the
answerer reads sentences, a follow-up prefers the article the last answer quoted, and "that"
points at the sentence just quoted (`add_conversation_bonuses`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from qa.answer.roles import REPLY_WORDS, names, read_roles, speech_pronoun
from qa.languages import LANGUAGES, all_words, detect
from qa.text import STOPWORDS, content_words, words

if TYPE_CHECKING:
    from qa.answer.reading import Sentence
    from qa.documents import Passage
    from qa.question import Question


@dataclass
class Resolved:
    """The question to read roles and spans from, and the text to search with."""

    question: str
    query: str
    followup: bool = False
    # The person a who-question's answer named, whom "he"/"-nya" now stands for ("Siapa juru
    # bicara Kremlin?" then "Apa katanya?"): the speaker of a statement question naming none.
    person: str = ""


@lru_cache(maxsize=1)
def _opener() -> re.Pattern:
    openers = [o for pack in LANGUAGES for o in pack.followup_openers]
    return re.compile(r"^\s*(" + "|".join(openers) + r")\b", re.I)


def _is_followup(question: str) -> bool:
    ws = words(question)
    content = [w for w in ws if w not in STOPWORDS]
    has_name = bool(names(question))
    opens = bool(_opener().match(question))
    # A question with no word of its own ("Why?", "Kenapa?", "Kapan?") is all ellipsis.
    leans = not content or any(w in all_words("anaphora") for w in ws) \
        or any(w.endswith("nya") and len(w) > 5 for w in ws) \
        or opens or any(w in REPLY_WORDS for w in ws)
    return leans and (not has_name or len(content) <= 4 or opens)


def message_text(content: object) -> str:
    """A message's text: a string, or the text parts of a list of parts (the OpenAI API's
    content parts, and Gradio 6's chat history, whose every message is such a list)."""
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content
                         if isinstance(p, dict) and p.get("type") == "text")
    return content if isinstance(content, str) else ""


def user_turns(history: list[dict] | None) -> list[str]:
    """The questions asked before, oldest first."""
    return [t for m in history or [] if m.get("role") == "user"
            and (t := message_text(m.get("content")))]


# The offline answer quotes the article's own words between these marks (qa/answer/extractive.py);
# the web chat shows them as a Markdown block quote, escaped (qa/chat.py).
_QUOTE = re.compile(r"“([^”]+)”")
_BLOCK_QUOTE = re.compile(r"^> (.+)$", re.M)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+!|~>])")


def quotes_in(answer: str) -> list[str]:
    """The article words an answer's text quotes: the chat's block quotes where it has them
    (a “…” inside one is escaped Markdown, not the article's words), else its “…” quotes."""
    blocks = [html.unescape(_MD_ESCAPE.sub(r"\1", q)) for q in _BLOCK_QUOTE.findall(answer)]
    return blocks or _QUOTE.findall(answer)


def quoted_context(history: list[dict] | None) -> tuple[str, list[str]]:
    """The longest quote of the conversation's latest answer that quotes the articles (an
    abstention quotes nothing: the answer before counts), and the questions asked since the one
    it answered, that one included: what the conversation has said about the quoted article
    (an earlier topic's names do not keep a new question in it). ("", []) when none quotes."""
    history = history or []
    for n in range(len(history) - 1, -1, -1):
        m = history[n]
        if m.get("role") != "assistant":
            continue
        if quotes := quotes_in(message_text(m.get("content"))):
            start = max((i for i, t in enumerate(history[:n]) if t.get("role") == "user"),
                        default=0)
            return max(quotes, key=len), user_turns(history[start:])
    return "", []


def last_quote(history: list[dict] | None) -> str:
    """The words the conversation's latest quoting answer quoted, or ""."""
    return quoted_context(history)[0]


def new_subject(question: Question, known: str) -> str | None:
    """A name the question brings that `known` (the conversation's article and questions) does
    not hold, such as "Australia" in "What is the capital of Australia?": the question starts
    a new topic. An English name counts as held when a dictionary translation of it is
    ("Japan" in an article that says "Jepang")."""
    held_words = set(words(known))
    translations = dict(question.glosses)
    for start, name in names(question.text):
        # Not two-letter words: an English acronym is another in Indonesian ("US" is "AS"), and
        # counting them cost two right follow-ups on the natural dev half ("... in the US?").
        tokens = [t for t in words(name) if len(t) > 2]
        if start == 0 and len(name.split()) == 1 and not name.isupper():
            continue  # capitalised only because it opens the question ("Mulai kapan?")
        if tokens and not any(t in held_words or translations.get(t, frozenset()) & held_words
                              for t in tokens):
            return name
    return None


def previous_answer(history: list[dict] | None) -> str:
    """The last answer's text, or ""."""
    return next((message_text(m.get("content")) for m in reversed(history or [])
                 if m.get("role") == "assistant"), "")


def resolve_followup(question: str, history: list[dict] | None) -> Resolved:
    """Resolve `question` against the Gradio-style history [{"role", "content"}, ...]."""
    previous = user_turns(history)
    if not previous or not _is_followup(question):
        return Resolved(question=question, query=question)
    # Resolve the previous question first, against the conversation before it (answers
    # included): a chain of follow-ups keeps its original subject, and its person.
    asked_at = max(i for i, m in enumerate(history or []) if m.get("role") == "user"
                   and message_text(m.get("content")))
    earlier = resolve_followup(previous[-1], (history or [])[:asked_at])
    resolved_question = question
    ws = set(words(question))
    prev_roles = read_roles(earlier.question)
    if ws & REPLY_WORDS and prev_roles.agents and not read_roles(question).recipients:
        # "What did Kim say back?" -> "... back to Campbell?": the reply goes to the last speaker.
        to = detect(question).recipient_word
        resolved_question = f"{question.rstrip(' ?')} {to} {prev_roles.agents[0]}?"
    context = " ".join(n for _, n in names(earlier.query))
    # "Apa lagi katanya?" after "Apa katanya?": the same person, two turns on.
    person = answered_person(earlier, question, history) or \
        (earlier.person if person_role(question) else "")
    query = f"{resolved_question} {context or earlier.query} {person}".strip()
    return Resolved(question=resolved_question, query=query, followup=True, person=person)


def person_role(question: str) -> str | None:
    """Whether the question points at a person as speaker ("he", "dia", "katanya": "agent")
    or as addressee ("him", "kepadanya": "recipient"), or at no person (None; a possessive
    such as "his" or "juru bicaranya" names someone else)."""
    ws = words(question)
    if any(w in all_words("person_objects") for w in ws) or \
            any(re.search(pack.person_passive, question, re.I)
                for pack in LANGUAGES if pack.person_passive):
        return "recipient"
    if any(w in all_words("person_subjects") or speech_pronoun(w) for w in ws):
        return "agent"
    return None


def answered_person(earlier: Resolved, question: str, history: list[dict] | None) -> str:
    """After a who-question, the person its answer named, when `question` points at a person
    (`person_role`): the answer's headline ("Kim Jong-un"), else the speaker of its quote
    ("Dmitry Peskov" in '"...," ujar juru bicara Kremlin, Dmitry Peskov') that the earlier
    question did not name; "" when neither names one (any other capitalised word of the quote
    may be a place: "Denpasar - Festival ...")."""
    from qa.answer.kinds import AnswerKind
    from qa.question import answer_kind  # qa.question imports this module

    if not person_role(question) or answer_kind(earlier.question) is not AnswerKind.PERSON:
        return ""
    answer = previous_answer(history)
    if headline := headline_in(answer):
        return headline
    asked = set(words(earlier.query))
    quote = max(quotes_in(answer), key=len, default="")
    roles = read_roles(quote)
    speakers = roles.agents if roles.speech else []
    return next((n for n in speakers if not set(words(n)) & asked), "")


# The offline answer's headline is its first paragraph before the quote; the chat's, a bold
# first paragraph (qa/chat.py).
_BOLD_HEADLINE = re.compile(r"^\*\*(.+?)\*\*\s*(?:\n|$)")


def headline_in(answer: str) -> str:
    """The name an answer shows as its headline above the quote, or "" (none, or a first
    paragraph that is no name, such as a language model's "Peskov said the following:")."""
    if m := _BOLD_HEADLINE.match(answer):
        headline = html.unescape(_MD_ESCAPE.sub(r"\1", m.group(1)))
    else:
        first, _, rest = answer.partition("\n\n")
        headline = first.strip() if rest.lstrip().startswith(("“", "> ")) else ""
    found = names(headline)
    return headline if len(found) == 1 and found[0][1] == headline \
        and len(headline.split()) <= 5 else ""


def refers_back(question: Question) -> bool:
    """The question points at something already said ("Kapan itu terjadi?", "When was that?")."""
    return bool(all_words("refers_back") & set(words(question.text)))


def asks_more(question: Question) -> bool:
    """The question asks for something besides what was said ("What else did he say?", "Apa
    lagi katanya?")."""
    return any(re.search(pack.asks_more, question.text, re.I)
               for pack in LANGUAGES if pack.asks_more)


def add_conversation_bonuses(question: Question, sentences: list[Sentence],
                             passages: list[Passage], choice: np.ndarray, confidence: np.ndarray,
                             weights) -> None:
    """Add, in place, what the conversation says about each sentence (nothing for a first
    question): naming what the conversation was about moves the choice; being in the passage
    the last answer quoted, or being that quote when the question points back at it and it
    holds the kind of answer asked for, moves the confidence too."""
    from qa.answer.reading import held_share  # reading imports the question, which imports this

    c_words = [{x} for x in set(content_words(question.context)) - set(question.content)]
    choice += np.array([weights.context * held_share(c_words, s.text) for s in sentences])
    if question.conversation_article:
        # The conversation chose the article ("How many died?" after a crash): what stays
        # in it needs less similarity of its own to be an answer.
        confidence += weights.same_article * np.array(
            [passages[s.passage].article_id == question.conversation_article for s in sentences])
    if not question.previous_answer:
        return
    # The passages the last answer quoted: a follow-up usually stays in that article. The quote
    # is the conversation's (an abstention quotes nothing: the answer before it counts), as
    # for the article it stays with (Assistant.search).
    quoted_text = question.conversation_quote or "\n".join(quotes_in(question.previous_answer)) \
        or question.previous_answer
    quoted = {s.passage for s in sentences if s.text in quoted_text}
    back = refers_back(question)
    more = asks_more(question)
    typed = question.kind_row.typed_feature
    for i, s in enumerate(sentences):
        if more and s.text in quoted_text:
            choice[i] -= weights.quoted_again  # the user has it: the next best is wanted
        if s.passage in quoted:
            choice[i] += weights.same_passage
            confidence[i] += weights.same_passage
        # A question about "that" asks about what was just quoted: when that sentence also
        # holds the kind of answer asked for, it is the answer.
        if back and s.text in quoted_text and typed and \
                any(c.features.get(typed) for c in s.spans or []):
            choice[i] += weights.previous_quote
            confidence[i] += weights.previous_quote
