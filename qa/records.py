"""Chroma rows (id, document, metadata) to and from Kabar's articles, chunks and passages."""

from __future__ import annotations

from dataclasses import dataclass

from qa.documents import Article, Chunk, Passage

# What a stored article is to its users (kabar list --json, GET /api/articles): not the head
# chunk's bookkeeping (content_hash, offsets, stale_tail).
ARTICLE_FIELDS = ("article_id", "title", "source", "url", "published", "n_chunks", "ingested_at")


def chunk_id(article_id: str, index: int) -> str:
    """The Chroma id of an article's chunk: 'ARTICLE::INDEX'."""
    return f"{article_id}::{index}"


def chunk_row(article: Article, chunk: Chunk, *, n_chunks: int,
              ingested_at: int) -> tuple[str, str, dict]:
    """The (id, document, metadata) that stores one chunk of an article."""
    meta = {
        "article_id": article.article_id, "title": article.title, "source": article.source,
        "url": article.url, "chunk_index": chunk.index, "section": chunk.section,
        "start": chunk.start, "end": chunk.end, "content_hash": article.content_hash,
        "n_chunks": n_chunks, "ingested_at": ingested_at,
    }
    if article.published is not None:  # Chroma metadata has no null
        meta["published"] = int(article.published)
    return chunk_id(article.article_id, chunk.index), chunk.text, meta


def passage_from_row(chunk_id: str, document: str, metadata: dict, score: float) -> Passage:
    """The Passage for a stored chunk that a search scored."""
    get = metadata.get
    return Passage(
        article_id=metadata["article_id"], chunk_id=chunk_id, title=get("title", ""),
        text=document, score=float(score), url=get("url", ""), published=get("published"),
        source=get("source", ""), section=get("section", ""),
        chunk_index=int(get("chunk_index", 0)), start=int(get("start", 0)),
        end=int(get("end", 0)))


@dataclass
class Head:
    """What the store knows of an article, from its head (chunk 0): the content hash and how many
    chunks it may hold."""

    content_hash: str
    n_chunks: int
    stale_tail: int  # chunk ids up to this index may be left from an older, longer version
    metadata: dict

    @classmethod
    def from_metadata(cls, meta: dict) -> Head:
        return cls(content_hash=str(meta.get("content_hash", "")), n_chunks=int(meta["n_chunks"]),
                   stale_tail=int(meta.get("stale_tail", 0)), metadata=dict(meta))

    @property
    def article_id(self) -> str:
        return self.metadata["article_id"]

    def summary(self) -> dict:
        """The documented fields of the stored article (ARTICLE_FIELDS); published is None if
        unknown."""
        return {name: self.metadata.get(name) for name in ARTICLE_FIELDS}
