"""Write articles' chunks to Chroma idempotently: unchanged articles cost nothing, no stale chunk survives.

Crash safety without transactions: each article's chunks go to Chroma in one upsert (Chroma
applies one call as a whole), with chunk 0 last when an article is too big for one call. Chunk 0
is the article's head: it carries the content hash and chunk count, so an article whose head is
missing or differs is written again on the next run. When a new version has fewer chunks, the head
first records the old count (`stale_tail`), and the tail is deleted after; a run killed between
the two finishes the deletion next time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from qa.documents import Article, Chunk
from qa.records import Head, chunk_id, chunk_row
from qa.store import Store, bump_generation


class ArticleIndex:
    """The articles in one Chroma collection, as heads (chunk 0) and chunks."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def collection(self):
        return self.store.collection  # re-fetched after another process's write

    def heads(self, article_ids: Sequence[str]) -> dict[str, Head]:
        """Heads of the given articles that are in the store (a lookup by id, not a scan)."""
        if not article_ids:
            return {}
        with self.store.reading():
            found = self.collection.get(ids=[chunk_id(a, 0) for a in article_ids],
                                        include=["metadatas"])
        heads = (Head.from_metadata(meta) for meta in found["metadatas"])
        return {head.article_id: head for head in heads}

    def write(self, items: Sequence[tuple[Article, list[Chunk], list[list[float]]]],
              heads: dict[str, Head]) -> None:
        """Upsert each article's chunks (heads last), then drop the tails of shortened articles."""
        with self.store.writing():
            self._write(items, heads)

    def _write(self, items: Sequence[tuple[Article, list[Chunk], list[list[float]]]],
               heads: dict[str, Head]) -> None:
        limit = self.store.max_batch_size
        now = int(time.time())
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict] = []
        vectors: list = []
        shortened: dict[str, tuple[int, int]] = {}

        def flush() -> None:
            if ids:
                self.collection.upsert(ids=list(ids), documents=list(docs),
                                       metadatas=list(metas), embeddings=list(vectors))
                ids.clear(); docs.clear(); metas.clear(); vectors.clear()

        for article, chunks, embeddings in items:
            n = len(chunks)
            old = heads.get(article.article_id)
            old_extent = max(old.n_chunks, old.stale_tail) if old else 0
            rows = [(*chunk_row(article, c, n_chunks=n, ingested_at=now), e)
                    for c, e in zip(chunks, embeddings)]
            if old_extent > n:
                rows[0][2]["stale_tail"] = old_extent
                shortened[article.article_id] = (n, old_extent)
            if len(ids) + n > limit:
                flush()
            # Head last: if a huge article is split across calls, its head only lands at the end.
            for id_, doc, meta, e in rows[1:] + rows[:1]:
                ids.append(id_)
                docs.append(doc)
                metas.append(meta)
                vectors.append(e)
                if len(ids) >= limit:
                    flush()
        flush()
        for article_id, (n, extent) in shortened.items():
            self.drop_stale_tail(article_id, n, extent)
        if items:
            bump_generation(self.store)

    def drop_stale_tail(self, article_id: str, n_chunks: int, extent: int) -> None:
        """Delete chunks n_chunks..extent-1 of an article, then clear the head's note of them."""
        stale = [chunk_id(article_id, i) for i in range(n_chunks, extent)]
        with self.store.writing():
            for i in range(0, len(stale), self.store.max_batch_size):
                self.collection.delete(ids=stale[i:i + self.store.max_batch_size])
            head = self.heads([article_id]).get(article_id)
            if head is not None:
                meta = dict(head.metadata)
                meta["stale_tail"] = 0
                self.collection.update(ids=[chunk_id(article_id, 0)], metadatas=[meta])
            bump_generation(self.store)

    def delete(self, article_id: str) -> int:
        """Remove an article; returns how many chunks it had (0 if it was not there)."""
        with self.store.writing():
            found = self.collection.get(where={"article_id": article_id}, include=[])
            if found["ids"]:
                self.collection.delete(ids=found["ids"])
                bump_generation(self.store)
        return len(found["ids"])

    def list_articles(self) -> list[Head]:
        """The head of every stored article, sorted by title."""
        out: list[dict] = []
        offset, page = 0, 1000
        with self.store.reading():
            while True:
                got = self.collection.get(where={"chunk_index": 0}, include=["metadatas"],
                                          limit=page, offset=offset)
                out.extend(got["metadatas"])
                if len(got["ids"]) < page:
                    break
                offset += page
        out.sort(key=lambda m: (m.get("title") or "", m["article_id"]))
        return [Head.from_metadata(meta) for meta in out]
