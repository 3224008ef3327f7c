"""BM25 over the chunks in Chroma, with their vectors and metadata for filtered search, kept in step
with the collection by small updates and saved to disk.

Chroma is the truth. The index holds, per chunk, its postings (term, frequency), its length, a hash
of its text, its vector and its metadata, and remembers the collection's change marker (qa.store.generation).
When the marker moves, `refresh` asks Chroma only what changed: the chunks written since its last
look (their `ingested_at`), and, when the counts disagree, the full list of ids to find deletions.
New chunks go to a small delta segment and deleted ones are masked, so 20 new articles are
searchable in milliseconds where a full rebuild cost 42.8 s at 300k chunks; the delta is merged
into the main segment when it grows past a share of it. Scores are computed per query from the
live document frequencies and lengths (BM25, Lucene variant, as bm25s scores it), so a merged, a
delta and a freshly built index score alike. Passages always come from Chroma, so a chunk deleted
since the last refresh is never shown.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np

from qa.settings import Settings
from qa.store import Store, generation
from qa.text import lexical_tokens

log = logging.getLogger(__name__)
FORMAT_VERSION = 2
RARE_DF = 20  # a word fewer chunks hold counts as rare (qa/rerank.py)
K1, B = 1.2, 0.75  # bm25s's defaults, which Kabar's fusion was tuned with
# Chunks written up to this long before a look may still have been in flight (a Chroma server
# has no lock to order writes and readers; clocks of writer machines may differ a little).
SLACK_S = 60.0
# The delta is merged when it holds this share of the main segment's chunks (merging 300k chunks
# costs ~2 s of numpy, no Chroma reads); below it a query's cost barely grows.
MERGE_SHARE = 0.05
MERGE_MIN = 2000
PAGE = 5000  # rows per Chroma read: bounds the Python lists Chroma builds (vectors cost 24 B/float)


def _with_room(rows: int, cols: int) -> np.ndarray:
    # A quarter more rows than needed: the pages past the end are never touched until rows are
    # appended, so the room costs address space, not memory.
    return np.empty((int(rows * 1.25) + 64, cols), np.float32)


def _read_vectors(arrays: np.lib.npyio.NpzFile, name: str = "vectors") -> np.ndarray:
    """The saved vectors, read straight into a buffer with room (_with_room): the first update
    after a load then appends in place, where a loaded array would be copied whole (460 MB at
    300k chunks, held twice while the update runs)."""
    with arrays.zip.open(f"{name}.npy") as f:
        major, _ = np.lib.format.read_magic(f)
        read_header = (np.lib.format.read_array_header_1_0 if major == 1
                       else np.lib.format.read_array_header_2_0)
        shape, fortran, dtype = read_header(f)
        if len(shape) != 2 or shape[0] == 0 or fortran or dtype != np.float32:
            return arrays[name]  # empty, or not as Kabar writes it: the plain way
        base = _with_room(*shape)
        flat = memoryview(base[:shape[0]]).cast("B")
        done = 0
        while done < len(flat):  # in blocks: read() of the whole would hold a second copy
            block = f.read(min(1 << 24, len(flat) - done))
            if not block:
                raise ValueError(f"{name}: the saved array ends early")
            flat[done:done + len(block)] = block
            done += len(block)
        return base[:shape[0]]


def _appended(vectors: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """`vectors` with `rows` after them, in the same buffer while it has room: an update must not
    copy 460 MB of vectors (300k chunks) for 20 articles. States only ever grow from the newest
    one (under the index's lock), and an older state's shorter view never sees the rows written
    past its end."""
    if not len(rows):
        return vectors
    if not len(vectors):
        return rows
    n, base = len(vectors), vectors.base
    if not (isinstance(base, np.ndarray) and base.ndim == 2 and base.dtype == np.float32
            and base.shape[1] == vectors.shape[1] and len(base) >= n + len(rows)
            and base.ctypes.data == vectors.ctypes.data):
        base = _with_room(n + len(rows), vectors.shape[1])
        base[:n] = vectors
    base[n:n + len(rows)] = rows
    return base[:n + len(rows)]


def _text_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class _Segment:
    """Postings by term: term t occurs in docs[indptr[t]:indptr[t+1]], tf times in each."""

    indptr: np.ndarray  # int64, one more than the terms it covers
    docs: np.ndarray  # int32 positions
    tf: np.ndarray  # float32

    @classmethod
    def empty(cls) -> _Segment:
        return cls(np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32))

    @classmethod
    def from_postings(cls, terms: np.ndarray, docs: np.ndarray, tf: np.ndarray) -> _Segment:
        order = np.argsort(terms, kind="stable")
        counts = np.bincount(terms, minlength=1) if len(terms) else np.zeros(1, np.int64)
        indptr = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, docs[order].astype(np.int32), tf[order].astype(np.float32))

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        terms = np.repeat(np.arange(len(self.indptr) - 1, dtype=np.int64), np.diff(self.indptr))
        return terms, self.docs, self.tf

    def of(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if term + 1 >= len(self.indptr):
            return self.docs[:0], self.tf[:0]
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.docs[start:end], self.tf[start:end]

    def terms_of(self, dead: np.ndarray) -> np.ndarray:
        """The term of every posting whose position is marked in `dead`."""
        hits = np.flatnonzero(dead[self.docs])
        return np.searchsorted(self.indptr, hits, side="right") - 1


@dataclass(frozen=True)
class _Column:
    """One metadata key over all positions: numbers as float64 (NaN where absent or not a
    number), strings and booleans as codes into `values` (-1 where absent)."""

    numbers: np.ndarray
    codes: np.ndarray
    values: dict  # value -> code; grows only, shared by every state

    @staticmethod
    def key(value: object) -> object:
        return ("bool", value) if isinstance(value, bool) else value  # True must not equal 1

    @classmethod
    def of(cls, metadatas: list[dict], key: str, values: dict) -> _Column:
        numbers = np.full(len(metadatas), np.nan)
        codes = np.full(len(metadatas), -1, np.int32)
        for n, meta in enumerate(metadatas):
            value = meta.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers[n] = value
            elif value is not None:
                codes[n] = values.setdefault(cls.key(value), len(values))
        return cls(numbers, codes, values)

    def compare(self, op: str, value: object) -> np.ndarray | None:
        """Chroma's comparison of this key with a value, or None where its semantics for
        absent keys or mixed types are not reproduced here ($ne, $nin, a range over text)."""
        if op == "$in":
            if not isinstance(value, list):
                return None
            parts = [self.compare("$eq", v) for v in value]
            if any(p is None for p in parts):
                return None
            return np.logical_or.reduce(parts) if parts else np.zeros(len(self.codes), bool)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            with np.errstate(invalid="ignore"):
                ops = {"$eq": np.equal, "$gt": np.greater, "$gte": np.greater_equal,
                       "$lt": np.less, "$lte": np.less_equal}
                return ops[op](self.numbers, value) if op in ops else None
        if op == "$eq" and isinstance(value, (str, bool)):
            return self.codes == self.values.get(self.key(value), -2)
        return None

    def extend(self, metadatas: list[dict], key: str) -> _Column:
        new = _Column.of(metadatas, key, self.values)
        return _Column(np.concatenate([self.numbers, new.numbers]),
                       np.concatenate([self.codes, new.codes]), self.values)

    def take(self, keep: np.ndarray) -> _Column:
        return _Column(self.numbers[keep], self.codes[keep], self.values)


def _columns(metadatas: list[dict], old: dict[str, _Column] | None = None,
             n_old: int = 0) -> dict[str, _Column]:
    """Metadata columns of the rows, appended to `old` (which covers n_old positions)."""
    old = old or {}
    keys = set(old) | {k for meta in metadatas for k in meta}
    out = {}
    for key in keys:
        column = old.get(key) or _Column(np.full(n_old, np.nan), np.full(n_old, -1, np.int32), {})
        out[key] = column.extend(metadatas, key)
    return out


def _select(columns: dict[str, _Column], where: dict, n: int) -> np.ndarray | None:
    """The positions' mask for a Chroma `where` filter, or None for one this cannot evaluate."""
    if not isinstance(where, dict) or not where:
        return None
    masks = []
    for key, condition in where.items():
        if key in ("$and", "$or"):
            if not isinstance(condition, list) or not condition:
                return None
            parts = [_select(columns, w, n) for w in condition]
            if any(p is None for p in parts):
                return None
            masks.append(np.logical_and.reduce(parts) if key == "$and"
                         else np.logical_or.reduce(parts))
            continue
        if key.startswith("$"):
            return None
        op, value = next(iter(condition.items())) if isinstance(condition, dict) and \
            len(condition) == 1 else ("$eq", condition)
        # A key no chunk has is an empty column: a valid comparison matches nothing, and one
        # compare cannot read ("$gte": "abc") goes to Chroma, whose error names the filter.
        column = columns.get(key) or _Column(np.full(n, np.nan), np.full(n, -1, np.int32), {})
        mask = column.compare(op, value)
        if mask is None:
            return None
        masks.append(mask)
    return np.logical_and.reduce(masks)


@dataclass(frozen=True)
class _Built:
    """One immutable state of the index; an update makes a new one and swaps it in."""

    vocab: dict[str, int]  # grows only, shared by every state: ids past len(df) are unknown here
    main: _Segment
    delta: _Segment  # positions from main_docs on
    main_docs: int
    ids: list[str]  # chunk id per position, deleted ones included until the next merge
    position: dict[str, int]  # live chunk id -> position
    alive: np.ndarray  # bool per position
    doc_len: np.ndarray  # float32 tokens per position
    text_hash: np.ndarray  # uint64 per position: an upsert with the same text changes nothing
    vectors: np.ndarray  # float32 (positions, dimensions); (0, 0) while empty
    columns: dict[str, _Column]  # metadata key -> its values per position
    df: np.ndarray  # int64 live document frequency per term
    total_len: float
    generation: str
    synced_at: float  # wall clock when Chroma was last read

    @property
    def live(self) -> int:
        return len(self.position)

    @cached_property
    def id_array(self) -> np.ndarray:
        return np.array(self.ids, dtype=object)


class QueryTerms(NamedTuple):
    """A query's distinct words and their IDF in one index state."""

    terms: tuple[str, ...]
    idf: np.ndarray
    rare: np.ndarray  # per word: held by fewer than RARE_DF chunks (a name, a term)


def _known(built: _Built, token: str) -> int | None:
    """The token's term id where a live chunk of this state holds it, else None."""
    t = built.vocab.get(token)
    return t if t is not None and t < len(built.df) and built.df[t] > 0 else None


def _idf(n_docs: int, df: int) -> float:
    """BM25's IDF of a word held by df of n_docs chunks."""
    return float(np.log(1 + (n_docs - df + 0.5) / (df + 0.5)))


class LexicalScores(NamedTuple):
    """One query's BM25 scores, with the chunk ids, positions and vectors of the same index
    state: an update may swap the index while a search runs, so a search uses this view alone."""

    scores: np.ndarray  # per position; 0 for a deleted chunk
    coverage: float
    ids: list[str]  # chunk id per position
    position: dict[str, int]  # live chunk id -> position
    vectors: np.ndarray | None = None  # per position, for dense scores of a filter's chunks
    state: _Built | None = None

    def of(self, chunk_id: str) -> float:
        """The chunk's score (0 for a chunk this state does not hold)."""
        p = self.position.get(chunk_id)
        return float(self.scores[p]) if p is not None and p < len(self.scores) else 0.0

    def select(self, where: dict) -> np.ndarray | None:
        """Which positions hold a live chunk that a Chroma `where` filter selects (a mask), or
        None for a filter the index does not evaluate ($ne, $nin: Chroma decides how absent
        keys count)."""
        state = self.state
        if state is None:
            return None
        mask = _select(state.columns, where, len(state.ids))
        return None if mask is None else mask & state.alive


class _Rows(NamedTuple):
    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    vectors: np.ndarray


class LexicalIndex:
    """BM25 scores and vectors for every chunk of one collection."""

    def __init__(self, store: Store, *, directory: Path, stemming: bool = False) -> None:
        self.store = store
        self.stemming = stemming
        self.directory = directory / f"{'stem' if stemming else 'plain'}-v{FORMAT_VERSION}"
        self._built: _Built | None = None
        self._lock = threading.Lock()
        self._saving: threading.Thread | None = None
        self._saved_generation = ""

    @staticmethod
    def default_directory(settings: Settings) -> Path:
        """Beside an embedded store; in the cache for a server (keyed by URL and collection)."""
        if settings.chroma_url:
            key = hashlib.sha1(f"{settings.chroma_url}|{settings.collection}".encode()).hexdigest()
            return settings.cache_dir / "lexical" / key[:16]
        return Path(settings.store) / "kabar-lexical" / settings.collection

    # ---- reading Chroma ---------------------------------------------------------------------
    def _pages(self, *, ids: list[str] | None = None, where: dict | None = None
               ) -> Iterator[_Rows]:
        """Documents, metadata and vectors of the given ids, of the rows `where` selects, or of
        all rows, a page at a time (a whole 300k-chunk collection as Python objects is ~1 GB)."""
        collection = self.store.collection
        offset = 0
        while True:
            if ids is not None:
                kwargs: dict = dict(ids=ids[offset:offset + PAGE])
            else:
                kwargs = dict(where=where, limit=PAGE, offset=offset) if where else \
                    dict(limit=PAGE, offset=offset)
            got = collection.get(include=["documents", "metadatas", "embeddings"], **kwargs)
            if len(got["ids"]):
                yield _Rows(list(got["ids"]), [d or "" for d in got["documents"]],
                            [m or {} for m in got["metadatas"]],
                            np.asarray(got["embeddings"], dtype=np.float32))
            offset += PAGE
            if (ids is not None and offset >= len(ids)) or \
                    (ids is None and len(got["ids"]) < PAGE):
                return

    def _read(self, *, ids: list[str] | None = None, where: dict | None = None) -> _Rows:
        """All the rows `_pages` gives, as one _Rows (for the few rows of an update)."""
        pages = list(self._pages(ids=ids, where=where))
        return _Rows([i for p in pages for i in p.ids], [d for p in pages for d in p.documents],
                     [m for p in pages for m in p.metadatas],
                     np.concatenate([p.vectors for p in pages]) if pages
                     else np.zeros((0, 0), np.float32))

    def _all_ids(self) -> list[str]:
        collection = self.store.collection
        out: list[str] = []
        offset = 0
        while True:
            got = collection.get(include=[], limit=PAGE * 20, offset=offset)
            out.extend(got["ids"])
            if len(got["ids"]) < PAGE * 20:
                return out
            offset += PAGE * 20

    # ---- building, updating, merging ----------------------------------------------------------
    def _postings(self, vocab: dict[str, int], documents: Iterable[str], first: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(terms, positions, tfs) of the documents' postings, and each document's length."""
        terms: list[int] = []
        docs: list[int] = []
        tfs: list[int] = []
        lengths: list[int] = []
        for n, text in enumerate(documents, start=first):
            tokens = lexical_tokens(text, stemming=self.stemming)
            lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                term = vocab.get(token)
                if term is None:
                    term = vocab[token] = len(vocab)
                terms.append(term)
                docs.append(n)
                tfs.append(count)
        return (np.array(terms, np.int64), np.array(docs, np.int32), np.array(tfs, np.float32),
                np.array(lengths, np.float32))

    def _build(self, marker: str) -> _Built:
        started = time.time()
        vocab: dict[str, int] = {}
        ids: list[str] = []
        postings: list[tuple[np.ndarray, ...]] = []
        hashes: list[np.ndarray] = []
        vectors = np.zeros((0, 0), np.float32)
        columns: dict[str, _Column] = {}
        with self.store.reading():  # a background reader must not see half a write
            count = self.store.collection.count()
            for page in self._pages():
                postings.append(self._postings(vocab, page.documents, len(ids)))
                hashes.append(np.array([_text_hash(d) for d in page.documents], np.uint64))
                if not len(vectors):  # filled in place: a list of pages would double the peak
                    vectors = np.empty((count, page.vectors.shape[1]), np.float32)
                vectors[len(ids):len(ids) + len(page.ids)] = page.vectors
                columns = _columns(page.metadatas, columns, len(ids))
                ids.extend(page.ids)
        terms, docs, tfs, lengths = (np.concatenate([p[k] for p in postings]) if postings
                                     else np.zeros(0, t)
                                     for k, t in enumerate((np.int64, np.int32, np.float32,
                                                            np.float32)))
        built = _Built(vocab=vocab, main=_Segment.from_postings(terms, docs, tfs),
                       delta=_Segment.empty(), main_docs=len(ids), ids=ids,
                       position={i: n for n, i in enumerate(ids)},
                       alive=np.ones(len(ids), bool), doc_len=lengths,
                       text_hash=np.concatenate(hashes) if hashes else np.zeros(0, np.uint64),
                       vectors=vectors[:len(ids)],
                       columns=columns, df=np.bincount(terms, minlength=len(vocab)),
                       total_len=float(lengths.sum()), generation=marker, synced_at=started)
        log.info("Built the lexical index of %d chunks in %.1f s", len(ids), time.time() - started)
        return built

    def _changes(self, built: _Built) -> tuple[list[str], _Rows]:
        """What Chroma changed since `built` looked: ids gone, and rows new or rewritten."""
        since = int(built.synced_at - SLACK_S)
        written = self._read(where={"ingested_at": {"$gte": since}})
        keep = [n for n, (i, d) in enumerate(zip(written.ids, written.documents))
                if (p := built.position.get(i)) is None or built.text_hash[p] != _text_hash(d)]
        changed = _Rows([written.ids[n] for n in keep], [written.documents[n] for n in keep],
                        [written.metadatas[n] for n in keep],
                        written.vectors[keep] if keep else written.vectors)
        written_ids = set(written.ids)
        expected = built.live + sum(1 for i in written_ids if i not in built.position)
        if expected == self.store.collection.count():
            return [], changed
        # Deleted chunks, or chunks written without `ingested_at`: compare every id.
        now = set(self._all_ids())
        gone = [i for i in built.position if i not in now]
        unseen = [i for i in now if i not in built.position and i not in written_ids]
        if unseen:
            extra = self._read(ids=unseen)
            changed = _Rows(changed.ids + extra.ids, changed.documents + extra.documents,
                            changed.metadatas + extra.metadatas,
                            np.concatenate([changed.vectors, extra.vectors])
                            if len(changed.ids) else extra.vectors)
        return gone, changed

    def _apply(self, built: _Built, gone: list[str], rows: _Rows, marker: str,
               synced_at: float) -> _Built:
        """A new state with the `gone` ids and the old versions of `rows` removed, and `rows`
        added to the delta segment."""
        removed = [p for i in gone + rows.ids if (p := built.position.get(i)) is not None]
        n_old = len(built.ids)
        alive = np.concatenate([built.alive, np.ones(len(rows.ids), bool)])
        alive[removed] = False
        df = built.df
        if removed:
            dead = np.zeros(n_old, bool)
            dead[removed] = True
            df = df.copy()
            for segment in (built.main, built.delta):
                np.subtract.at(df, segment.terms_of(dead), 1)
        terms, docs, tfs, lengths = self._postings(built.vocab, rows.documents, n_old)
        df = np.concatenate([df, np.zeros(len(built.vocab) - len(df), df.dtype)])
        np.add.at(df, terms, 1)
        old_terms, old_docs, old_tfs = built.delta.postings()
        delta = _Segment.from_postings(np.concatenate([old_terms, terms]),
                                       np.concatenate([old_docs, docs]),
                                       np.concatenate([old_tfs, tfs]))
        position = dict(built.position)
        for i in gone:
            position.pop(i, None)
        position.update((i, n) for n, i in enumerate(rows.ids, start=n_old))
        vectors = _appended(built.vectors, rows.vectors)
        return replace(built, delta=delta, ids=built.ids + rows.ids, position=position,
                       alive=alive, doc_len=np.concatenate([built.doc_len, lengths]),
                       text_hash=np.concatenate([built.text_hash, np.array(
                           [_text_hash(d) for d in rows.documents], np.uint64)]),
                       vectors=vectors, columns=_columns(rows.metadatas, built.columns, n_old),
                       df=df,
                       total_len=built.total_len - float(built.doc_len[removed].sum())
                       + float(lengths.sum()),
                       generation=marker, synced_at=synced_at)

    @staticmethod
    def _merge(built: _Built) -> _Built:
        """The delta folded into the main segment, deleted chunks dropped, positions renumbered."""
        renumber = np.cumsum(built.alive) - 1
        parts = [segment.postings() for segment in (built.main, built.delta)]
        terms = np.concatenate([p[0] for p in parts])
        docs = np.concatenate([p[1] for p in parts])
        tfs = np.concatenate([p[2] for p in parts])
        keep = built.alive[docs]
        ids = [i for i, a in zip(built.ids, built.alive) if a]
        return replace(built, main=_Segment.from_postings(terms[keep], renumber[docs[keep]], tfs[keep]),
                       delta=_Segment.empty(), main_docs=len(ids), ids=ids,
                       position={i: n for n, i in enumerate(ids)},
                       alive=np.ones(len(ids), bool), doc_len=built.doc_len[built.alive],
                       text_hash=built.text_hash[built.alive],
                       vectors=built.vectors[built.alive] if len(built.vectors) else built.vectors,
                       columns={k: c.take(built.alive) for k, c in built.columns.items()})

    # ---- saving and loading ---------------------------------------------------------------------
    def _save(self, built: _Built, words: list[str], values: dict[str, list]) -> None:
        """Write the state beside the store: the arrays under a fresh name, then kabar.json
        naming them, so a process loading meanwhile reads one whole state. `words` is the
        vocabulary in id order and `values` each column's values in code order (copies: an
        update may grow the shared ones meanwhile)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            name = f"index-{uuid.uuid4().hex}.npz"
            with open(self.directory / (name + ".tmp"), "wb") as f:
                np.savez(f, main_indptr=built.main.indptr, main_docs=built.main.docs,
                         main_tf=built.main.tf, delta_indptr=built.delta.indptr,
                         delta_docs=built.delta.docs, delta_tf=built.delta.tf, alive=built.alive,
                         doc_len=built.doc_len, text_hash=built.text_hash, vectors=built.vectors,
                         df=built.df, **{f"numbers:{k}": c.numbers for k, c in built.columns.items()},
                         **{f"codes:{k}": c.codes for k, c in built.columns.items()})
            (self.directory / (name + ".tmp")).rename(self.directory / name)
            meta = {"generation": built.generation, "synced_at": built.synced_at,
                    "arrays": name, "main_docs": built.main_docs, "total_len": built.total_len,
                    "ids": built.ids, "vocab": words[:len(built.df)], "values": values}
            tmp = self.directory / f"kabar.json.{uuid.uuid4().hex}.tmp"
            tmp.write_text(json.dumps(meta, ensure_ascii=False))
            tmp.replace(self.directory / "kabar.json")
            for old in self.directory.glob("index-*.npz"):
                if old.name != name and time.time() - old.stat().st_mtime > 60:
                    old.unlink(missing_ok=True)  # left a minute for a process loading it
        except OSError as exc:  # a read-only store still searches; it just syncs next start
            log.warning("Cannot save the lexical index in %s: %s", self.directory, exc)

    @staticmethod
    def _vocabularies(built: _Built) -> tuple[list[str], dict[str, list]]:
        # Codes are given in insertion order, so a dict's keys list in code order; a boolean
        # is kept as ["bool", value], which JSON cannot confuse with a string.
        return list(built.vocab), {k: [list(v) if isinstance(v, tuple) else v
                                       for v in c.values] for k, c in built.columns.items()}

    def _load(self) -> _Built | None:
        try:
            meta = json.loads((self.directory / "kabar.json").read_text())
            with np.load(self.directory / meta["arrays"]) as arrays:
                a = {k: arrays[k] for k in arrays.files if k != "vectors"}
                a["vectors"] = _read_vectors(arrays)
            ids, alive = meta["ids"], a["alive"]
            return _Built(
                vocab={t: n for n, t in enumerate(meta["vocab"])},
                main=_Segment(a["main_indptr"], a["main_docs"], a["main_tf"]),
                delta=_Segment(a["delta_indptr"], a["delta_docs"], a["delta_tf"]),
                main_docs=meta["main_docs"], ids=ids,
                position={i: n for n, i in enumerate(ids) if alive[n]}, alive=alive,
                doc_len=a["doc_len"], text_hash=a["text_hash"], vectors=a["vectors"],
                columns={k: _Column(a[f"numbers:{k}"], a[f"codes:{k}"], {
                    tuple(v) if isinstance(v, list) else v: n for n, v in enumerate(vs)})
                    for k, vs in meta["values"].items()},
                df=a["df"], total_len=meta["total_len"], generation=meta["generation"],
                synced_at=meta["synced_at"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            log.warning("Ignoring an unreadable lexical index in %s: %s", self.directory, exc)
            return None

    def _save_later(self) -> None:
        """Save the newest state in the background: a search must not wait for the disk."""
        if self._saving is not None and self._saving.is_alive():
            return  # the running save picks the newest state up when it finishes

        def save() -> None:
            while (built := self._built) is not None and \
                    built.generation != self._saved_generation:
                with self._lock:
                    words, values = self._vocabularies(built)
                self._save(built, words, values)
                self._saved_generation = built.generation

        self._saving = threading.Thread(target=save, daemon=True, name="kabar-lexical-save")
        self._saving.start()

    # ---- keeping in step ------------------------------------------------------------------------
    def refresh(self, *, wait: bool = False) -> None:
        """Bring the index in line with Chroma: load the saved one, then apply what changed.

        `wait` is kept for callers that ask for a current index: the update always finishes
        before this returns, since it costs milliseconds for a few articles."""
        with self.store.reading():
            marker = generation(self.store)
        if self._built is not None and self._built.generation == marker:
            return
        with self._lock:
            built = self._built
            if built is None:
                built = self._load()
                if built is not None:
                    self._saved_generation = built.generation
            if built is not None and built.generation == marker:
                self._built = built
                return
            if built is None:
                built = self._build(marker)
                self._save(built, *self._vocabularies(built))  # the next process must not build again
                self._saved_generation = built.generation
            else:
                started = time.time()
                with self.store.reading():
                    marker = generation(self.store)
                    gone, rows = self._changes(built)
                built = self._apply(built, gone, rows, marker, started)
                delta_docs = len(built.ids) - built.main_docs
                if delta_docs > max(MERGE_MIN, MERGE_SHARE * built.main_docs):
                    built = self._merge(built)
                log.info("Lexical index: %d chunks added, %d removed in %.2f s", len(rows.ids),
                         len(gone), time.time() - started)
            self._built = built
        self._save_later()

    def wait(self) -> None:
        """Block until a background save (if any) has finished."""
        thread = self._saving
        if thread is not None:
            thread.join()

    # ---- scoring ----------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """The ids of the chunks the index holds now."""
        built = self._built
        return [i for i, a in zip(built.ids, built.alive) if a] if built else []

    def position(self, chunk_id: str) -> int | None:
        return self._built.position.get(chunk_id) if self._built else None

    def scores(self, query: str) -> LexicalScores:
        """BM25 score of every indexed chunk, and the query's coverage: the share of its
        (IDF-weighted) terms that occur in the corpus at all. An English question over
        Indonesian articles covers little, and its BM25 ranking deserves little trust."""
        built = self._built
        if built is None or not built.live:
            return LexicalScores(np.zeros(0, dtype=np.float32), 0.0, [], {})
        scores, coverage = self._scores(built, query)
        return LexicalScores(scores, coverage, built.ids, built.position, built.vectors, built)

    def tokenize(self, text: str) -> list[str]:
        """The words this index matches (the same stop words and stemming as its postings)."""
        return lexical_tokens(text, stemming=self.stemming)

    def query_terms(self, query: str, scores: LexicalScores | None = None) -> QueryTerms:
        """The query's distinct words with their IDF in the index state `scores` was read from
        (else the current one); an unseen word weighs as a word one chunk holds, as in scoring."""
        terms = tuple(dict.fromkeys(self.tokenize(query)))
        built = scores.state if scores is not None and scores.state is not None else self._built
        if built is None or not built.live:  # an empty index: every word is as rare as any
            return QueryTerms(terms, np.ones(len(terms)), np.ones(len(terms), bool))
        df = np.array([built.df[t] if (t := _known(built, term)) is not None else 1
                       for term in terms], dtype=np.int64)
        idf = np.array([_idf(built.live, int(d)) for d in df])
        return QueryTerms(terms, idf, df < RARE_DF)

    def _scores(self, built: _Built, query: str) -> tuple[np.ndarray, float]:
        scores = np.zeros(len(built.ids), dtype=np.float32)
        tokens = lexical_tokens(query, stemming=self.stemming)
        if not tokens:
            return scores, 0.0
        n_docs = built.live
        known = [t for token in tokens if (t := _known(built, token)) is not None]
        idf = [_idf(n_docs, int(built.df[t])) for t in known]
        # An unseen word would have the highest IDF of all: weigh it as a df=1 word.
        total = sum(idf) + _idf(n_docs, 1) * (len(tokens) - len(known))
        coverage = float(sum(idf) / total) if total > 0 else 0.0
        if not known:
            return scores, 0.0
        norm = np.float32(K1) * (np.float32(1 - B) + np.float32(B / (built.total_len / n_docs))
                                 * built.doc_len)
        for t, weight in zip(known, idf):
            for segment in (built.main, built.delta):
                docs, tf = segment.of(t)
                if len(docs):
                    scores[docs] += np.float32(weight) * tf / (norm[docs] + tf)
        scores *= built.alive
        return scores, coverage
