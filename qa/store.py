"""The one place that opens Chroma (embedded directory or server) and checks which model built it."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from urllib.parse import urlparse

from qa.settings import Settings

log = logging.getLogger(__name__)

# Measured with chromadb 1.5.9: ef_search only takes effect when set at creation, and the
# default (100) lost recall on large collections; 400 cost ~2 ms more at 100k chunks.
HNSW_CONFIGURATION = {"space": "cosine", "ef_search": 400, "ef_construction": 200}
MODEL_KEY = "kabar_embedding_model"
SCHEMA_KEY = "kabar_schema"
SCHEMA_VERSION = 1


class StoreError(RuntimeError):
    """The store cannot be opened, or it was built with another embedding model."""


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def open_client(settings: Settings):
    """An embedded PersistentClient for settings.store, or an HttpClient for settings.chroma_url."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url
                       else f"http://{settings.chroma_url}")
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreError(f"--chroma-url {settings.chroma_url!r} is not an http(s) URL "
                             "such as http://127.0.0.1:8000")
        try:
            return chromadb.HttpClient(host=url.hostname, port=url.port or
                                       (443 if url.scheme == "https" else 8000),
                                       ssl=url.scheme == "https", settings=_chroma_settings())
        except Exception as exc:
            raise StoreError(f"Cannot reach the Chroma server at {settings.chroma_url}: {exc}. "
                             "Is `chroma run` running there?") from exc
    try:
        settings.store.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.store), settings=_chroma_settings())
    except Exception as exc:
        raise StoreError(f"Cannot open the Chroma store at {settings.store}: {exc}") from exc


@dataclass
class Store:
    """An open Chroma collection and the name of the model whose vectors it holds."""

    client: object
    collection: object
    model: str
    where: str  # the directory or URL, for messages

    @property
    def max_batch_size(self) -> int:
        return int(self.client.get_max_batch_size())  # type: ignore[attr-defined]


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """Open (or create) the collection, refusing one that another embedding model built."""
    client = open_client(settings)
    where = settings.chroma_url or str(settings.store)
    try:
        # embedding_function=None: Kabar always passes vectors; Chroma's default would download one.
        collection = client.get_collection(settings.collection, embedding_function=None)
    except Exception:
        if not create:
            raise StoreError(f"No collection {settings.collection!r} in {where}. "
                             "Ingest articles first: kabar ingest FILE...") from None
        try:
            collection = client.get_or_create_collection(
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
            f"mixed. Use --model {built_with} (or KABAR_EMBEDDING_MODEL), or another --collection.")
    return Store(client=client, collection=collection, model=settings.model, where=where)


GENERATION_KEY = "kabar_generation"


def bump_generation(store: Store) -> None:
    """Mark the collection as changed, so lexical indexes built from it know to rebuild."""
    import uuid

    current = store.client.get_collection(store.collection.name, embedding_function=None)  # type: ignore[attr-defined]
    metadata = dict(current.metadata or {})
    metadata[GENERATION_KEY] = uuid.uuid4().hex
    current.modify(metadata=metadata)


def generation(store: Store) -> str:
    """The collection's current change marker ('' before the first write)."""
    current = store.client.get_collection(store.collection.name, embedding_function=None)  # type: ignore[attr-defined]
    return str((current.metadata or {}).get(GENERATION_KEY, ""))
