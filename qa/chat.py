"""Answers rendered for a chat window: Markdown for the message, HTML for the sources panel.

Article text, titles and URLs are untrusted input: everything taken from them is HTML-escaped
here, so an article containing <script> or <img onerror=...> shows as text and runs nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from qa.documents import Answer, Citation, Passage
from qa.languages import ENGLISH, detect

LOW_CONFIDENCE = 0.85  # above the abstention threshold but not by much: say so in the chat


def labels_for(question: str) -> dict[str, str]:
    """The chat's words (each language pack's `labels`) in the language the question was asked
    in (English when there is no question yet)."""
    return (detect(question) if (question or "").strip() else ENGLISH).labels


def chunk_label(passage: Passage, labels: dict[str, str] = ENGLISH.labels) -> str:
    """'chunk 4' for chunk id 'ARTICLE::4': the number in the id, everywhere it is shown."""
    return f"{labels['chunk']} {passage.chunk_index}"


def _md_escape(text: str) -> str:
    """Text that Markdown shows literally (and HTML never interprets)."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>])", r"\\\1", text)


def _answer_parts(answer: Answer, labels: dict[str, str]) -> list[str]:
    if answer.abstained:
        return ["⚠️ **" + labels["no_answer"] + "** " + _md_escape(answer.text),
                _nearest(answer, labels)]
    parts = []
    if answer.mode == "llm":
        parts.append(_md_escape(answer.text))
    else:
        if answer.span:
            parts.append(f"**{_md_escape(answer.span)}**")
        for c in answer.citations:
            parts.append(f"> {_md_escape(c.quote)}")
    if answer.mode != "llm" and answer.confidence < LOW_CONFIDENCE:
        parts.append("_" + labels["low"] + "_")
    parts.append(_sources_line(answer.citations, labels))
    return [p for p in parts if p]


def answer_markdown(answer: Answer, question: str = "") -> str:
    """The chat message: the span in bold, the quote, the citation; marks for doubt."""
    return "\n\n".join(_answer_parts(answer, labels_for(question or answer.question)))


def answer_markdown_steps(answer: Answer, question: str = "", words_per_step: int = 4
                          ) -> Iterator[str]:
    """The chat message growing as a reader would see it written: the headline, the quote a
    few words at a time, then the sources. Cuts fall only between parts or between the words
    of a quote, so no step shows half of a Markdown mark."""
    parts = _answer_parts(answer, labels_for(question or answer.question))
    for i, part in enumerate(parts):
        done = "\n\n".join(parts[:i])
        prefix = done + "\n\n" if done else ""
        if part.startswith("> "):
            words = part.split(" ")
            for n in range(words_per_step + 1, len(words), words_per_step):
                yield prefix + " ".join(words[:n])
        yield prefix + part


def _sources_line(citations: list[Citation], labels: dict[str, str]) -> str:
    seen = []
    for c in citations:
        item = f"{c.label} {_md_escape(c.title or c.article_id)}"
        if item not in seen:
            seen.append(item)
    return labels["source"] + " " + "; ".join(seen) if seen else ""


def _nearest(answer: Answer, labels: dict[str, str]) -> str:
    lines = [labels["nearest"]]
    for i, p in enumerate(answer.passages[:3], start=1):
        lines.append(f"{i}. {_md_escape(p.title or p.article_id)} (score {p.score:.2f})")
    return "\n".join(lines)


def sources_html(answer: Answer | None, question: str = "") -> str:
    """Each cited passage with the quoted sentence highlighted; nearest passages otherwise."""
    if answer is None:
        return "<p class='kabar-empty'>Sources appear here after a question.</p>"
    labels = labels_for(question or answer.question)
    blocks = []
    cited = {c.passage.chunk_id: c for c in answer.citations if not answer.abstained}
    shown = [c.passage for c in answer.citations] if cited else answer.passages[:3]
    if answer.abstained:
        blocks.append(f"<p class='kabar-abstained'><strong>{html.escape(labels['no_answer'])}"
                      f"</strong> {html.escape(labels['nearest'])}</p>")
    for p in dict((p.chunk_id, p) for p in shown).values():
        c = cited.get(p.chunk_id)
        if c and c.quote and 0 <= c.start and p.text[c.start:c.start + len(c.quote)] == c.quote:
            body = (html.escape(p.text[:c.start]) + "<mark>" + html.escape(c.quote) + "</mark>"
                    + html.escape(p.text[c.start + len(c.quote):]))
        else:
            body = html.escape(p.text)
        link = (f" · <a href='{html.escape(p.url, quote=True)}' rel='noopener noreferrer' "
                f"target='_blank'>{html.escape(p.url)}</a>"
                if p.url.startswith(("http://", "https://")) else "")
        label = html.escape(c.label) + " " if c else ""
        blocks.append(
            f"<div class='kabar-source'><div class='kabar-title'>{label}"
            f"<strong>{html.escape(p.title or p.article_id)}</strong></div>"
            f"<div class='kabar-meta'>score {p.score:.3f} · {chunk_label(p, labels)}"
            f"{' · ' + html.escape(p.section) if p.section else ''}{link}</div>"
            f"<p class='kabar-passage'>{body.replace(chr(10), '<br>')}</p></div>")
    return "\n".join(blocks)


def answer_plain(answer: Answer) -> str:
    """Answer and sources as plain text (the web API's /chat result)."""
    from qa.assistant import format_sources

    return answer.text + format_sources(answer)
