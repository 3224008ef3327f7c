"""What an article, a chunk and a retrieved passage are: shared by ingest/ and qa/."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Article:
    """One cleaned news article, ready to be split into chunks."""

    article_id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: int | None = None  # epoch seconds: Chroma range filters need numbers
    sections: list[tuple[int, str]] = field(default_factory=list)  # (char offset, heading)

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the store, so an unchanged article is skipped."""
        h = hashlib.sha256()
        for part in (self.title, self.source, self.url, str(self.published), self.text,
                     repr(self.sections)):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Chunk:
    """A piece of an article's cleaned text, with character offsets into it."""

    article_id: str
    index: int
    text: str
    start: int
    end: int
    section: str = ""

    @property
    def chunk_id(self) -> str:
        from qa.records import chunk_id  # records converts these classes, so it imports this module

        return chunk_id(self.article_id, self.index)


@dataclass
class Passage:
    """A chunk returned by a search, with its score (higher is better)."""

    article_id: str
    chunk_id: str
    title: str
    text: str
    score: float
    url: str = ""
    published: int | None = None
    source: str = ""
    section: str = ""
    chunk_index: int = 0
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "article_id": self.article_id, "chunk_id": self.chunk_id, "title": self.title,
            "text": self.text, "score": round(float(self.score), 6), "url": self.url,
            "published": self.published, "source": self.source, "section": self.section,
        }


@dataclass
class Citation:
    """Where an answer comes from: `quote` is an exact substring of `passage.text`."""

    article_id: str
    title: str
    quote: str
    passage: Passage
    start: int = 0  # offset of quote in passage.text
    span: str | None = None  # the exact answer inside the quote, where one was found
    label: str = ""  # "[1]" etc., as the answer text refers to it

    def to_dict(self) -> dict[str, object]:
        return {"article_id": self.article_id, "title": self.title, "quote": self.quote,
                "chunk_id": self.passage.chunk_id, "span": self.span}


@dataclass
class Answer:
    """What Kabar says to a question, with the citations and passages behind it."""

    text: str
    citations: list[Citation]
    passages: list[Passage]
    abstained: bool = False
    confidence: float = 0.0
    span: str | None = None
    question: str = ""  # the question as searched, after resolving a follow-up
    mode: str = "extractive"
    dropped_citations: int = 0  # LLM citations that pointed at nothing or misquoted

    def to_dict(self) -> dict[str, object]:
        return {"answer": self.text, "abstained": self.abstained,
                "confidence": round(float(self.confidence), 4), "span": self.span,
                "question": self.question, "mode": self.mode,
                # An abstention cites nothing; the nearest passages are in "passages".
                "citations": [] if self.abstained else [c.to_dict() for c in self.citations],
                "passages": [p.to_dict() for p in self.passages],
                "dropped_citations": self.dropped_citations}
