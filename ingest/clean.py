"""Strip scraper junk from a news article: captions, "Baca Juga" links, author boxes, footers.

The rules look at the shape of a paragraph (a link-list prefix, a photo credit in brackets, a
repeated title, a short line without a full stop at the end of the page), not at one site's
strings, so they carry over to other Indonesian and English news sites.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A paragraph that starts with one of these is a link or widget, never article text.
_LINK_PREFIXES = re.compile(
    r"^\s*(?:(?:baca juga|baca pula|lihat juga|simak juga|simak video|tonton juga|read also|"
    r"read more|see also|scroll to continue|gulir untuk melanjutkan)\b|"
    # Generic words count only as a label ("Editor: ...") or as the whole paragraph ("Iklan").
    r"(?:artikel terkait|berita terkait|related(?: articles| stories| news)?|advertisement|iklan|"
    r"sumber foto|foto|photo|image|credit|editor|penulis|reporter|pewarta|redaktur|writer|author|"
    r"share this|bagikan|follow us|ikuti kami)\s*(?::|$))",
    re.IGNORECASE,
)
# From one of these on, the page is footer: tag lists, "more news", disclaimers.
_FOOTER_MARKERS = re.compile(
    r"^\s*(topik\s*:?|tags?\s*:|tagar\s*:?|kata kunci\s*:|keywords?\s*:|berita terkini lainnya|"
    r"berita lainnya|berita terpopuler|terpopuler|more stories|more from|trending now|"
    r"most popular|copyright|hak cipta|all rights reserved|©)",
    re.IGNORECASE,
)
# Sentences that only ever appear in platform disclaimers and author boxes.
_BOILERPLATE = re.compile(
    r"(adalah media yang menyediakan platform|sepenuhnya tanggung jawab (dari )?penulis|"
    r"verified writer|photo writer|community writer|"
    r"all rights reserved|dilarang mengambil|sign up for our newsletter|"
    r"berlangganan newsletter)",
    re.IGNORECASE,
)
# A photo credit in brackets: a domain, a wire service, or "foto/dok/istimewa".
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\.(?:com|id|org|net|co)\b[^()]*|[^()]*\b(?:foto|dok\.?|dokumentasi|istimewa|"
    r"antara|reuters|ap photo|afp|getty|shutterstock|unsplash|pexels|wikimedia|x\.com|"
    r"instagram|twitter)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
# Reporters' initials after a story, as Kompas and others print them: "(OSA/MAR/FER)".
_INITIALS_CREDIT = re.compile(r"\((?:[A-Z]{2,5}/)*[A-Z]{2,5}\)\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(\d{1,2})[.)]\s+\S.{0,150}$")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Za-z .'-]{1,40},\s*[A-Za-z][\w .'-]{1,40}\s*[-–—]+$")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")


@dataclass
class CleanText:
    """The result of cleaning: the title, the text, and where each section heading sits in it."""

    title: str
    text: str
    sections: list[tuple[int, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # kept for debugging and tests


def normalise(text: str) -> str:
    """Unicode NFC, no-break and zero-width spaces made plain, line ends unified."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return text


def _paragraphs(text: str) -> list[str]:
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        joined = re.sub(r"[ \t]+", " ", joined).strip()
        if joined:
            paragraphs.append(joined)
    return paragraphs


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= 200 and not _SENTENCE_END.search(paragraph)


def _is_caption(paragraph: str, title: str) -> bool:
    # Scrapers glue an image's alt text (often the headline) to its caption: "<title><caption>".
    # Glued means no space or punctuation after the title ("...Makin Akrabbendera Rusia"): a lead
    # paragraph that merely starts with the title's words ("Pelabuhan baru di Kendal ...") is text.
    if title and paragraph.startswith(title) and paragraph != title \
            and paragraph[len(title)].isalnum():
        return True
    # A short line ending in a photo credit, with no full stop before it, is a caption.
    m = _PHOTO_CREDIT.search(paragraph)
    return bool(m) and len(paragraph) <= 300 and \
        not _SENTENCE_END.search(paragraph[:m.start()].rstrip())


def _strip_credit(paragraph: str) -> str:
    """Wire-service credits after the last sentence ("... 144.000 barrel. (REUTERS/AP)")."""
    m = _PHOTO_CREDIT.search(paragraph) or _INITIALS_CREDIT.search(paragraph)
    if m and _SENTENCE_END.search(paragraph[:m.start()].rstrip()):
        return paragraph[:m.start()].rstrip()
    return paragraph


def _is_heading(paragraph: str) -> str | None:
    if m := _MARKDOWN_HEADING.match(paragraph):
        return m.group(1)
    if _NUMBERED_HEADING.match(paragraph) and not _SENTENCE_END.search(paragraph) \
            and len(paragraph) <= 150:
        return paragraph
    return None


def clean_article(raw: str, *, title: str | None = None) -> CleanText:
    """Clean scraped article text. Without a given title, a short first line becomes the title."""
    paragraphs = _paragraphs(normalise(raw))
    removed: list[str] = []
    if title is None and paragraphs and (
            _MARKDOWN_HEADING.match(paragraphs[0]) or _looks_like_title(paragraphs[0])):
        first = paragraphs.pop(0)
        m = _MARKDOWN_HEADING.match(first)
        title = m.group(1) if m else first
    title = (title or "").strip()

    kept: list[str] = []
    for paragraph in paragraphs:
        if _FOOTER_MARKERS.match(paragraph):
            removed.extend(paragraphs[paragraphs.index(paragraph):])
            break
        if (_LINK_PREFIXES.match(paragraph) or _BOILERPLATE.search(paragraph)
                or _is_caption(paragraph, title) or paragraph == title):
            removed.append(paragraph)
            continue
        kept.append(_strip_credit(paragraph))

    # Author boxes and bylines at the end: short lines with no full stop after the last sentence.
    while len(kept) > 1 and len(kept[-1]) <= 120 and not _SENTENCE_END.search(kept[-1]):
        removed.append(kept.pop())

    # A dateline on a line of its own ("JAKARTA, KOMPAS.com -") belongs to the paragraph after it.
    merged: list[str] = []
    for paragraph in kept:
        if merged and _DATELINE_ONLY.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)

    text_parts: list[str] = []
    sections: list[tuple[int, str]] = []
    offset = 0
    for paragraph in merged:
        heading = _is_heading(paragraph)
        if heading:
            sections.append((offset, heading))
        text_parts.append(paragraph)
        offset += len(paragraph) + 2
    return CleanText(title=title, text="\n\n".join(text_parts), sections=sections, removed=removed)
