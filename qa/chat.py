"""Answers rendered for a chat window: Markdown for the message, HTML for the sources panel.

Article text, titles and URLs are untrusted input: everything taken from them is HTML-escaped
here, so an article containing <script> or <img onerror=...> shows as text and runs nothing.
"""

from __future__ import annotations

import html
import re

from qa.documents import Answer, Citation

LOW_CONFIDENCE = 0.85  # above the abstention threshold but not by much: say so in the chat


def _md_escape(text: str) -> str:
    """Text that Markdown shows literally (and HTML never interprets)."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>])", r"\\\1", text)


def answer_markdown(answer: Answer) -> str:
    """The chat message: the span in bold, the quote, the citation; marks for doubt."""
    if answer.abstained:
        head = "⚠️ **No answer found in the articles.** "
        return head + _md_escape(answer.text) + "\n\n" + _nearest(answer)
    parts = []
    if answer.mode == "llm":
        parts.append(_md_escape(answer.text))
    else:
        if answer.span:
            parts.append(f"**{_md_escape(answer.span)}**")
        for c in answer.citations:
            parts.append(f"> {_md_escape(c.quote)}")
    if answer.mode != "llm" and answer.confidence < LOW_CONFIDENCE:
        parts.append("_Low confidence: check the source below._")
    parts.append(_sources_line(answer.citations))
    return "\n\n".join(parts)


def _sources_line(citations: list[Citation]) -> str:
    seen = []
    for c in citations:
        item = f"{c.label} {_md_escape(c.title or c.article_id)}"
        if item not in seen:
            seen.append(item)
    return "Source: " + "; ".join(seen) if seen else ""


def _nearest(answer: Answer) -> str:
    lines = ["Nearest passages:"]
    for i, p in enumerate(answer.passages[:3], start=1):
        lines.append(f"{i}. {_md_escape(p.title or p.article_id)} (score {p.score:.2f})")
    return "\n".join(lines)


def sources_html(answer: Answer | None) -> str:
    """Each cited passage with the quoted sentence highlighted; nearest passages otherwise."""
    if answer is None:
        return "<p class='kabar-empty'>Sources appear here after a question.</p>"
    blocks = []
    cited = {c.passage.chunk_id: c for c in answer.citations if not answer.abstained}
    shown = [c.passage for c in answer.citations] if cited else answer.passages[:3]
    if answer.abstained:
        blocks.append("<p class='kabar-abstained'><strong>No answer found.</strong> "
                      "Nearest passages:</p>")
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
            f"<div class='kabar-meta'>score {p.score:.3f} · chunk {p.chunk_index + 1}"
            f"{' · ' + html.escape(p.section) if p.section else ''}{link}</div>"
            f"<p class='kabar-passage'>{body.replace(chr(10), '<br>')}</p></div>")
    return "\n".join(blocks)


def answer_plain(answer: Answer) -> str:
    """Answer and sources as plain text (the web API's /chat result)."""
    from qa.assistant import format_sources

    return answer.text + format_sources(answer)
