"""BM25 over the chunks in Chroma (bm25s), kept in step with the collection and saved to disk.

Chroma is the truth: the index is built from the collection's documents and remembers the
collection's change marker (qa.store.generation). A search that finds the marker moved rebuilds
the index in the background and meanwhile serves the previous one; passages always come from
Chroma, so a deleted chunk is never shown, and dense search covers chunks added since. A saved
index loads in well under a second, where rebuilding costs ~13 s per 100k chunks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

import numpy as np

from qa.settings import Settings
from qa.store import Store, generation
from qa.text import lexical_tokens

log = logging.getLogger(__name__)
FORMAT_VERSION = 1


def _bm25s():
    import bm25s

    # bm25s sets its logger to DEBUG on import and logs every index build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


@dataclass
class _Built:
    bm25: object | None  # bm25s.BM25; None for an empty collection
    ids: list[str]
    position: dict[str, int]
    generation: str
    doc_freq: np.ndarray | None  # per vocabulary id, for query coverage


class LexicalScores(NamedTuple):
    """One query's BM25 scores, with the chunk ids and positions of the same index build: a
    rebuild may swap the index in while a search runs, so a search uses this view alone."""

    scores: np.ndarray  # per position
    coverage: float
    ids: list[str]  # chunk id per position
    position: dict[str, int]  # chunk id -> position

    def of(self, chunk_id: str) -> float:
        """The chunk's score (0 for a chunk this build does not hold)."""
        p = self.position.get(chunk_id)
        return float(self.scores[p]) if p is not None and p < len(self.scores) else 0.0


class LexicalIndex:
    """BM25 scores for every chunk of one collection."""

    def __init__(self, store: Store, *, directory: Path, stemming: bool = False) -> None:
        self.store = store
        self.stemming = stemming
        self.directory = directory / f"{'stem' if stemming else 'plain'}-v{FORMAT_VERSION}"
        self._built: _Built | None = None
        self._lock = threading.Lock()
        self._rebuilding: threading.Thread | None = None

    @staticmethod
    def default_directory(settings: Settings) -> Path:
        """Beside an embedded store; in the cache for a server (keyed by URL and collection)."""
        if settings.chroma_url:
            key = hashlib.sha1(f"{settings.chroma_url}|{settings.collection}".encode()).hexdigest()
            return settings.cache_dir / "lexical" / key[:16]
        return Path(settings.store) / "kabar-lexical" / settings.collection

    # ---- building and loading -------------------------------------------------------------
    def _build(self, marker: str) -> _Built:
        bm25s = _bm25s()

        page = min(self.store.max_batch_size, 5000)
        ids: list[str] = []
        corpus: list[list[str]] = []
        offset = 0
        with self.store.reading():  # a background rebuild reads outside any search
            while True:
                got = self.store.collection.get(include=["documents"], limit=page, offset=offset)
                ids.extend(got["ids"])
                corpus.extend(lexical_tokens(d or "", stemming=self.stemming)
                              for d in got["documents"])
                if len(got["ids"]) < page:
                    break
                offset += page
        if not ids:
            return _Built(None, [], {}, marker, None)
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        bm25.index(corpus, show_progress=False)
        built = _Built(bm25, ids, {i: n for n, i in enumerate(ids)}, marker,
                       np.diff(bm25.scores["indptr"]))
        self._save(built)
        return built

    def _save(self, built: _Built) -> None:
        tmp = self.directory.with_name(self.directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            built.bm25.save(str(tmp), show_progress=False)  # type: ignore[union-attr]
            (tmp / "kabar.json").write_text(json.dumps({"generation": built.generation,
                                                        "ids": built.ids}))
            shutil.rmtree(self.directory, ignore_errors=True)
            tmp.rename(self.directory)
        except OSError as exc:  # a read-only store still searches; it just rebuilds next start
            log.warning("Cannot save the lexical index in %s: %s", self.directory, exc)
            shutil.rmtree(tmp, ignore_errors=True)

    def _load(self) -> _Built | None:
        bm25s = _bm25s()

        meta_path = self.directory / "kabar.json"
        if not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text())
            bm25 = bm25s.BM25.load(str(self.directory), show_progress=False)
        except (OSError, ValueError) as exc:
            log.warning("Ignoring an unreadable lexical index in %s: %s", self.directory, exc)
            return None
        ids = meta["ids"]
        return _Built(bm25, ids, {i: n for n, i in enumerate(ids)}, meta["generation"],
                      np.diff(bm25.scores["indptr"]))

    def refresh(self, *, wait: bool = False) -> None:
        """Bring the index in line with Chroma: load the saved one, or rebuild if Chroma moved."""
        with self.store.reading():
            marker = generation(self.store)
        if self._built is not None and self._built.generation == marker:
            return
        with self._lock:
            if self._built is None:
                loaded = self._load()
                if loaded is not None:
                    self._built = loaded
                if self._built is not None and self._built.generation == marker:
                    return
            if self._built is None or wait:
                self._built = self._build(marker)
                return
            if self._rebuilding is None or not self._rebuilding.is_alive():
                def rebuild() -> None:
                    built = self._build(marker)
                    self._built = built
                self._rebuilding = threading.Thread(target=rebuild, daemon=True,
                                                    name="kabar-bm25-rebuild")
                self._rebuilding.start()

    def wait(self) -> None:
        """Block until a background rebuild (if any) has finished."""
        thread = self._rebuilding
        if thread is not None:
            thread.join()

    # ---- scoring ----------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return self._built.ids if self._built else []

    def position(self, chunk_id: str) -> int | None:
        return self._built.position.get(chunk_id) if self._built else None

    def scores(self, query: str) -> LexicalScores:
        """BM25 score of every indexed chunk, and the query's coverage: the share of its
        (IDF-weighted) terms that occur in the corpus at all. An English question over
        Indonesian articles covers little, and its BM25 ranking deserves little trust."""
        built = self._built
        if built is None or built.bm25 is None:
            return LexicalScores(np.zeros(0, dtype=np.float32), 0.0, [], {})
        scores, coverage = self._scores(built, query)
        return LexicalScores(scores, coverage, built.ids, built.position)

    def _scores(self, built: _Built, query: str) -> tuple[np.ndarray, float]:
        tokens = lexical_tokens(query, stemming=self.stemming)
        if not tokens:
            return np.zeros(len(built.ids), dtype=np.float32), 0.0
        vocab = built.bm25.vocab_dict  # type: ignore[union-attr]
        n_docs = len(built.ids)
        known = [vocab[t] for t in tokens if t in vocab]
        # An unseen word would have the highest IDF of all: weigh it as a df=1 word.
        max_idf = np.log(1 + (n_docs - 0.5) / 1.5)
        idf_known = [np.log(1 + (n_docs - built.doc_freq[i] + 0.5) / (built.doc_freq[i] + 0.5))
                     for i in known]
        total = sum(idf_known) + max_idf * (len(tokens) - len(known))
        coverage = float(sum(idf_known) / total) if total > 0 else 0.0
        if not known:
            return np.zeros(n_docs, dtype=np.float32), 0.0
        return built.bm25.get_scores(known), coverage  # type: ignore[union-attr]
