"""Follow-up questions ("And what did Kim say back?", "Kapan itu terjadi?") made standalone.

Without a language model: a question that leans on the conversation (a pronoun, a leading
"and"/"lalu", no name of its own) borrows the previous question's names for the search, and a
reply question ("say back", "menjawab") gets the previous speaker as its addressee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.roles import REPLY_WORDS, names, read_roles
from qa.text import STOPWORDS, words

_ANAPHORA = frozenset("""
    it that this he she they him her them there then his their its those these
    itu tersebut ini dia ia mereka beliau sana situ begitu demikian
""".split())
_LEADING = re.compile(r"^\s*(and|but|so|then|also|what about|how about|dan|lalu|terus|kemudian|"
                      r"kalau|bagaimana dengan|selain itu|juga)\b", re.I)


@dataclass
class Resolved:
    """The question to read roles and spans from, and the text to search with."""

    question: str
    query: str
    followup: bool = False


def _is_followup(question: str) -> bool:
    ws = words(question)
    content = [w for w in ws if w not in STOPWORDS]
    has_name = bool(names(question))
    leans = any(w in _ANAPHORA for w in ws) or any(w.endswith("nya") and len(w) > 5 for w in ws) \
        or bool(_LEADING.match(question)) or any(w in REPLY_WORDS for w in ws)
    return leans and (not has_name or len(content) <= 4 or bool(_LEADING.match(question)))


def resolve_followup(question: str, history: list[dict] | None) -> Resolved:
    """Resolve `question` against the Gradio-style history [{"role", "content"}, ...]."""
    previous = [m.get("content", "") for m in history or [] if m.get("role") == "user"
                and isinstance(m.get("content"), str)]
    if not previous or not _is_followup(question):
        return Resolved(question=question, query=question)
    # Resolve the previous question first: a chain of follow-ups keeps its original subject.
    earlier = resolve_followup(previous[-1], [{"role": "user", "content": p}
                                              for p in previous[:-1]])
    resolved_question = question
    ws = set(words(question))
    prev_roles = read_roles(earlier.question)
    if ws & REPLY_WORDS and prev_roles.agents and not read_roles(question).recipients:
        # "What did Kim say back?" -> "... back to Campbell?": the reply goes to the last speaker.
        marker = " kepada " if not re.search(r"\b(what|did|say|said)\b", question, re.I) else " to "
        resolved_question = question.rstrip(" ?") + marker + prev_roles.agents[0] + "?"
    context = " ".join(n for _, n in names(earlier.query))
    query = f"{resolved_question} {context or earlier.query}".strip()
    return Resolved(question=resolved_question, query=query, followup=True)
