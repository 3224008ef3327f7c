"""The one place that opens Chroma (embedded directory or server) and checks which model built it.

One embedded store, many processes. Embedded Chroma keeps part of the store in memory, so a
process that opened it goes stale (chromadb `Error finding id`) once another process writes. Kabar
makes that case safe with two files beside the store:
- `kabar.lock`: writers (ingest, delete) hold it exclusively while they write; readers hold it
  shared while they search (`Store.reading()`), so nobody reads half a write;
- `kabar-generation`: a writer changes it before releasing the lock. A reader that finds it
  changed reopens its Chroma client (a few ms) before it searches.
A second lock file, `kabar.lock.intent`, queues readers behind a waiting writer, so a steady
stream of searches cannot starve an ingest. A Chroma server (`--chroma-url`) needs none of this:
the server orders the writes itself.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import logging
import os
import threading
import uuid
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlparse

from qa.settings import Settings

log = logging.getLogger(__name__)

# Measured with chromadb 1.5.9: ef_search only takes effect when set at creation, and the
# default (100) lost recall on large collections; 400 cost ~2 ms more at 100k chunks.
HNSW_CONFIGURATION = {"space": "cosine", "ef_search": 400, "ef_construction": 200}
MODEL_KEY = "kabar_embedding_model"
SCHEMA_KEY = "kabar_schema"
SCHEMA_VERSION = 1
GENERATION_KEY = "kabar_generation"
LOCK_FILE = "kabar.lock"
GENERATION_FILE = "kabar-generation"


class StoreError(RuntimeError):
    """The store cannot be opened, or it was built with another embedding model."""


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _http_client(chroma_url: str):
    import chromadb

    url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    if url.scheme not in ("http", "https") or not url.hostname:
        raise StoreError(f"--chroma-url {chroma_url!r} is not an http(s) URL "
                         "such as http://127.0.0.1:8000")
    try:
        return chromadb.HttpClient(host=url.hostname, port=url.port or
                                   (443 if url.scheme == "https" else 8000),
                                   ssl=url.scheme == "https", settings=_chroma_settings())
    except Exception as exc:
        raise StoreError(f"Cannot reach the Chroma server at {chroma_url}: {exc}. "
                         "Is `chroma run` running there?") from exc


def _release_memory() -> None:
    """Collect unreachable cycles and hand freed heap back to the system (glibc's malloc keeps
    it otherwise, and the next index loaded beside it counts twice)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc: the freed memory is reused, not returned
        pass


class _Directory:
    """This process's view of one embedded store directory: its client, locks and generation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path / LOCK_FILE
        self.intent_path = path / (LOCK_FILE + ".intent")
        self.generation_path = path / GENERATION_FILE
        self._reopen = threading.RLock()
        self._held = threading.local()  # "read" or "write" while this thread holds the lock
        self.epoch = 0  # bumped at each reopen; a Store re-fetches its collection when it moves
        self.stores: weakref.WeakSet[Store] = weakref.WeakSet()  # whose collections to drop
        self._forget()  # a System another view of this path left in chromadb's cache
        self._client = self._open()
        self.seen = self.current_generation()

    @property
    def client(self):
        with self._reopen:  # during a reopen, wait for the new client
            if self._client is None:  # the last reopen failed; the next read tries again
                raise StoreError(f"Cannot open the Chroma store at {self.path}; try again.")
            return self._client

    def register(self, store: Store) -> None:
        """Have a reopen drop `store`'s cached collection (under the lock a reopen holds)."""
        with self._reopen:
            self.stores.add(store)

    def _forget(self) -> None:
        from chromadb.api.shared_system_client import SharedSystemClient

        # chromadb caches one System per directory for the life of the process: drop it, or
        # a "new" client is the same stale one. The old System is freed with its last user.
        SharedSystemClient._identifier_to_system.pop(str(self.path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)

    def _open(self):
        import chromadb

        try:
            self.path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self.path), settings=_chroma_settings())
        except Exception as exc:
            raise StoreError(f"Cannot open the Chroma store at {self.path}: {exc}") from exc

    def current_generation(self) -> str:
        try:
            return self.generation_path.read_text(encoding="ascii").strip()
        except OSError:
            return ""

    @contextmanager
    def _flock(self, path: Path, mode: int) -> Iterator[None]:
        # One descriptor per use: flock locks belong to an open file, so threads of one
        # process exclude each other exactly as processes do.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _catch_up(self) -> None:
        """Reopen the client if another process wrote since this one looked (lock held)."""
        now = self.current_generation()
        if now == self.seen:
            return
        with self._reopen:  # threads that saw the same change reopen once between them
            if now != self.seen:
                log.info("%s changed in another process: reopening it", self.path)
                # Free the old client before the new one loads its own copy of the vector
                # index (600 MB at 300k chunks): chromadb's System sits in reference cycles that
                # only the cyclic collector frees, so without this each write by another
                # process left one more copy behind (docs/scale.md). A thread still querying
                # the old collection keeps it alive until it is done.
                for store in list(self.stores):
                    store._collection = None
                self._client = None
                self._forget()  # chromadb's own reference (or a "new" client is the old one)
                _release_memory()
                self._client = self._open()
                self.epoch += 1
                self.seen = now

    @contextmanager
    def reading(self) -> Iterator[None]:
        if getattr(self._held, "mode", None):  # already reading or writing in this thread
            yield
            return
        with ExitStack() as held:
            # Queue behind a writer that is waiting (intent), then share the store lock.
            with self._flock(self.intent_path, fcntl.LOCK_SH):
                held.enter_context(self._flock(self.lock_path, fcntl.LOCK_SH))
            self._held.mode = "read"
            try:
                self._catch_up()
                yield
            finally:
                self._held.mode = None

    @contextmanager
    def writing(self) -> Iterator[None]:
        mode = getattr(self._held, "mode", None)
        if mode == "write":
            yield
            return
        if mode == "read":
            raise RuntimeError("A thread that is reading the store cannot start writing to it")
        with self._flock(self.intent_path, fcntl.LOCK_EX), \
                self._flock(self.lock_path, fcntl.LOCK_EX):
            self._held.mode = "write"
            try:
                self._catch_up()  # another process may have written first
                yield
            finally:
                marker = uuid.uuid4().hex
                tmp = self.generation_path.with_name(GENERATION_FILE + ".tmp")
                tmp.write_text(marker, encoding="ascii")
                os.replace(tmp, self.generation_path)
                self.seen = marker  # our own client saw our own writes
                self._held.mode = None


_directories: dict[str, _Directory] = {}
_directories_lock = threading.Lock()


def _directory(path: Path) -> _Directory:
    key = str(path.expanduser().resolve())
    with _directories_lock:
        if key not in _directories:
            _directories[key] = _Directory(Path(key))
        return _directories[key]


def open_client(settings: Settings):
    """The Chroma client for settings: this process's shared one for an embedded directory,
    an HttpClient for settings.chroma_url."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if settings.chroma_url:
        return _http_client(settings.chroma_url)
    return _directory(settings.store).client


class Store:
    """An open Chroma collection and the name of the model whose vectors it holds.

    Read inside `with store.reading():` and write inside `with store.writing():`; both are
    free for a Chroma server and take the store's locks for an embedded directory."""

    def __init__(self, *, collection_name: str, model: str, where: str,
                 directory: _Directory | None = None, client: object = None) -> None:
        self.name = collection_name
        self.model = model
        self.where = where  # the directory or URL, for messages
        self._directory = directory
        self._client = client
        self._collection = None
        self._epoch = -1
        if directory is not None:
            directory.register(self)

    @property
    def client(self):
        return self._directory.client if self._directory else self._client

    @property
    def collection(self):
        """The Chroma collection, re-fetched after the directory was reopened."""
        epoch = self._directory.epoch if self._directory else 0
        collection = self._collection  # once: a reopen may set it to None meanwhile
        if collection is None or epoch != self._epoch:
            try:
                collection = self.client.get_collection(self.name, embedding_function=None)
            except StoreError:
                raise
            except Exception as exc:  # deleted by another process since, or a server gone
                raise StoreError(_unreachable_or_missing(self, exc)) from exc
            self._collection, self._epoch = collection, epoch
        return collection

    @property
    def max_batch_size(self) -> int:
        return int(self.client.get_max_batch_size())  # type: ignore[attr-defined]

    def reading(self) -> AbstractContextManager[None]:
        """Search inside this: an embedded store waits for a running write and picks up others'."""
        return self._directory.reading() if self._directory else nullcontext()

    def writing(self) -> AbstractContextManager[None]:
        """Write inside this: one writer at a time, and readers in every process reopen after."""
        return self._directory.writing() if self._directory else nullcontext()


def _unreachable_or_missing(store: Store, exc: Exception) -> str:
    text = str(exc)
    if "does not exist" in text or "NotFound" in type(exc).__name__:
        return (f"No collection {store.name!r} in {store.where}. Ingest articles first: "
                f"kabar ingest --collection {store.name} FILE...")
    if store._directory is None:
        return (f"Cannot reach the Chroma server at {store.where} ({text}). Check that "
                "`chroma run` is running there, then try again.")
    return f"Cannot read the collection {store.name!r} in {store.where}: {text}"


def open_store(settings: Settings, *, create: bool = False) -> Store:
    """Open the collection (create it only for ingestion), refusing one that another
    embedding model built."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if settings.chroma_url:
        directory, client = None, _http_client(settings.chroma_url)
        where = settings.chroma_url
    else:
        directory = _directory(settings.store)
        client, where = None, str(settings.store)
    store = Store(collection_name=settings.collection, model=settings.model, where=where,
                  directory=directory, client=client)
    try:
        # embedding_function=None: Kabar always passes vectors; Chroma's default would download one.
        with store.reading():
            collection = store.client.get_collection(settings.collection, embedding_function=None)
    except StoreError:
        raise
    except Exception as exc:
        if not create:
            raise StoreError(_unreachable_or_missing(store, exc)) from None
        try:
            with store.writing():
                collection = store.client.get_or_create_collection(
                    settings.collection, configuration={"hnsw": HNSW_CONFIGURATION},
                    embedding_function=None,
                    metadata={MODEL_KEY: settings.model, SCHEMA_KEY: SCHEMA_VERSION})
        except Exception as exc:  # e.g. a name Chroma rejects: say so instead of a traceback
            raise StoreError(f"Cannot create the collection {settings.collection!r} in {where}: "
                             f"{exc}") from exc
    built_with = (collection.metadata or {}).get(MODEL_KEY)
    if built_with and built_with != settings.model:
        raise StoreError(
            f"The collection {settings.collection!r} in {where} was built with the embedding "
            f"model {built_with!r}, not {settings.model!r}; vectors of different models cannot be "
            f"mixed (its encoders, onnx and torch, may be: they give the same vectors). Use "
            f"--model {built_with} (or KABAR_EMBEDDING_MODEL), or another --collection.")
    return store


def warm_up(store: Store) -> None:
    """Have Chroma load the collection's vector index now rather than at the first search
    (1.1-1.6 s at 300k chunks), so that it can load while the caller does other work."""
    with store.reading():
        first = store.collection.get(limit=1, include=["embeddings"])
        if first["ids"]:
            store.collection.query(query_embeddings=[first["embeddings"][0]], n_results=1,
                                   include=[])


def bump_generation(store: Store) -> None:
    """Mark the collection as changed, so lexical indexes built from it know to rebuild."""
    current = store.client.get_collection(store.name, embedding_function=None)  # type: ignore[attr-defined]
    metadata = dict(current.metadata or {})
    metadata[GENERATION_KEY] = uuid.uuid4().hex
    current.modify(metadata=metadata)


def generation(store: Store) -> str:
    """The collection's current change marker ('' before the first write)."""
    current = store.client.get_collection(store.name, embedding_function=None)  # type: ignore[attr-defined]
    return str((current.metadata or {}).get(GENERATION_KEY, ""))
