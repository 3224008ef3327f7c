"""The ingestion run: sources → articles → chunks → vectors in Chroma, with a summary."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from ingest.chunk import DEFAULT_MAX_TOKENS, split_into_chunks
from ingest.index import ArticleIndex
from ingest.loaders import SourceError, load_sources
from qa.documents import Article
from qa.embeddings import load_embedding_model
from qa.settings import Settings
from qa.store import Store, open_store

log = logging.getLogger(__name__)

# Articles are embedded in groups this large: big enough that the model's batches stay full,
# small enough that a killed run loses little work.
ARTICLES_PER_BATCH = 128


@dataclass
class IngestSummary:
    """What a run did; `chunks` counts the chunks embedded and written in this run."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0
    failed: list[SourceError] = field(default_factory=list)
    store_chunks: int = 0
    article_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("article_ids")
        return d

    @property
    def ok(self) -> bool:
        return not self.failed


def token_counter(model):
    """Count tokens with the embedding model's own tokenizer, without special tokens."""
    from tokenizers import Tokenizer

    tokenizer = model.tokenizer
    # The fast tokenizer's backend (the LightEncoder's tokenizer is one already) counts without
    # transformers' "longer than 512" warning, which is expected here: counting is how
    # over-long sentences are found and split.
    backend = (tokenizer if isinstance(tokenizer, Tokenizer)
               else getattr(tokenizer, "backend_tokenizer", None))
    if backend is not None:
        backend = backend.__class__.from_str(backend.to_str())  # a copy we may reconfigure
        backend.no_truncation()
        backend.no_padding()

    def count(texts):
        if not texts:
            return []
        if backend is not None:
            return [len(e.ids) for e in backend.encode_batch(list(texts), add_special_tokens=False)]
        return [len(ids) for ids in tokenizer(list(texts), add_special_tokens=False)["input_ids"]]
    return count


def _displayed(source: str, names: dict[str, str]) -> str:
    """The source as its user knows it: an upload's own name, with any ':line' or '[i]' kept."""
    for path, name in names.items():
        if source == path or source.startswith((path + ":", path + "[")):
            return name + source[len(path):]
    return source


class Ingestor:
    """Ingests sources into one store with one model; reusable across runs (the web app keeps one)."""

    def __init__(self, settings: Settings, *, store: Store | None = None, model=None,
                 max_tokens: int = DEFAULT_MAX_TOKENS, overlap_sentences: int = 0) -> None:
        self.settings = settings
        self.store = store or open_store(settings, create=True)  # ingestion creates it
        self.model = model or load_embedding_model(
            settings.model, cache_dir=settings.cache_dir, encoder=settings.encoder)
        self.index = ArticleIndex(self.store)
        self.count_tokens = token_counter(self.model)
        self.max_tokens = max_tokens
        self.overlap_sentences = overlap_sentences

    def ingest_batch(self, articles: list[Article], summary: IngestSummary) -> None:
        """Embed and write one batch of loaded articles, counting what it did into summary."""
        # The same id twice in one batch: the later record wins, as it would across runs.
        by_id = {a.article_id: a for a in articles}
        heads = self.index.heads(list(by_id))
        todo = []
        for article in by_id.values():
            head = heads.get(article.article_id)
            if head and head.content_hash == article.content_hash:
                summary.unchanged += 1
                if head.stale_tail > head.n_chunks:  # a previous run died mid-update
                    self.index.drop_stale_tail(article.article_id, head.n_chunks, head.stale_tail)
                continue
            chunks = split_into_chunks(article, self.count_tokens, max_tokens=self.max_tokens,
                                       overlap_sentences=self.overlap_sentences)
            todo.append((article, chunks, head is not None))
        texts = [c.text for _, chunks, _ in todo for c in chunks]
        vectors = self.model.encode_document(texts, batch_size=32, convert_to_numpy=True,
                                             show_progress_bar=False) if texts else []
        items, pos = [], 0
        for article, chunks, _ in todo:
            items.append((article, chunks, [v.tolist() for v in vectors[pos:pos + len(chunks)]]))
            pos += len(chunks)
        self.index.write(items, heads)
        for _, chunks, existed in todo:
            summary.chunks += len(chunks)
            if existed:
                summary.updated += 1
            else:
                summary.added += 1
        summary.article_ids.extend(a.article_id for a, _, _ in todo)

    def ingest(self, sources: Iterable[str], *, progress: bool | None = None,
               allow_private_urls: bool = True,
               display_names: dict[str, str] | None = None) -> IngestSummary:
        """Ingest every source; bad ones are reported in summary.failed and the rest go on.

        allow_private_urls=False refuses URLs that resolve to this machine or its network (the
        web app's rule). display_names maps a source (an upload's path on the server) to the
        name the user knows it by, stored and reported instead of the path."""
        from tqdm import tqdm

        summary = IngestSummary()
        max_bytes = int(self.settings.max_file_mb * 1_000_000)
        # disable=None: a bar on a terminal, silence in pipes, logs and CI.
        bar = tqdm(unit=" articles", desc="Ingesting", disable=None if progress is None
                   else not progress, leave=False)
        batch: list[Article] = []
        try:
            for item in load_sources(sources, max_bytes=max_bytes,
                                     allow_private_urls=allow_private_urls):
                if display_names:
                    item.source = _displayed(item.source, display_names)
                if isinstance(item, SourceError):
                    summary.failed.append(item)
                    log.warning("%s: %s", item.source, item.error)
                    continue
                batch.append(item)
                if len(batch) >= ARTICLES_PER_BATCH:
                    self.ingest_batch(batch, summary)
                    bar.update(len(batch))
                    batch = []
            if batch:
                self.ingest_batch(batch, summary)
                bar.update(len(batch))
        finally:
            bar.close()
        with self.store.reading():
            summary.store_chunks = self.store.collection.count()
        return summary
