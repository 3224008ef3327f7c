"""The store's rules for sharing: reading never creates a collection, a writer waits for readers
(and new readers wait for a waiting writer), and a view that another writer moved reopens.

Real embedded Chroma in a temporary directory. Two `_Directory` objects on one path stand for two
processes' views of it (tests/test_processes.py does it with real processes).
"""

from __future__ import annotations

import threading
import time

import pytest

from qa.settings import Settings
from qa.store import StoreError, _Directory, open_store


def _settings(tmp_path, collection: str = "news") -> Settings:
    return Settings(store=tmp_path / "store", collection=collection)


def test_reading_a_missing_collection_says_so_and_creates_nothing(tmp_path):
    import chromadb

    with pytest.raises(StoreError, match="No collection 'typo'"):
        open_store(_settings(tmp_path, "typo"))
    with pytest.raises(StoreError, match="No collection 'typo'"):
        open_store(_settings(tmp_path, "typo"))  # still missing: nothing was cached either
    assert chromadb.PersistentClient(path=str(tmp_path / "store")).list_collections() == []
    open_store(_settings(tmp_path, "typo"), create=True)  # ingestion may create it
    assert open_store(_settings(tmp_path, "typo")).name == "typo"


def _in_thread(target) -> tuple[threading.Thread, threading.Event]:
    entered = threading.Event()

    def run() -> None:
        target(entered)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, entered


def test_a_writer_waits_for_readers_and_new_readers_wait_for_it(tmp_path):
    store = open_store(_settings(tmp_path), create=True)
    release_reader, release_writer = threading.Event(), threading.Event()

    def write(entered: threading.Event) -> None:
        with store.writing():
            entered.set()
            release_writer.wait(10)

    def read(entered: threading.Event) -> None:
        with store.reading():
            entered.set()

    with store.reading():
        writer, writer_in = _in_thread(write)
        assert not writer_in.wait(0.5), "the writer went in while a search was reading"
        late_reader, late_reader_in = _in_thread(read)
        # A reader that comes after a waiting writer queues behind it (no writer starvation).
        assert not late_reader_in.wait(0.5)
        release_reader.set()
    assert writer_in.wait(10)
    assert not late_reader_in.wait(0.3), "a reader went in while the writer was writing"
    release_writer.set()
    assert late_reader_in.wait(10)
    writer.join(10)
    late_reader.join(10)


def test_a_thread_cannot_turn_a_read_into_a_write(tmp_path):
    store = open_store(_settings(tmp_path), create=True)
    with store.reading(), pytest.raises(RuntimeError, match="cannot start writing"):
        with store.writing():
            pass
    with store.writing(), store.reading():  # reading inside one's own write is fine
        store.collection.count()


def test_a_view_that_another_writer_moved_reopens_before_it_reads(tmp_path):
    store = open_store(_settings(tmp_path), create=True)
    other = _Directory(store._directory.path)  # another process's view of the same directory
    epoch = other.epoch
    with other.reading():
        assert other.epoch == epoch  # nothing written since it opened
    with store.writing():
        store.collection.upsert(ids=["a::0"], embeddings=[[1.0, 0.0]], documents=["a"])
    marker = (tmp_path / "store" / "kabar-generation").read_text()
    assert marker and store._directory.seen == marker  # the writer's own view is current
    with other.reading():
        assert other.epoch == epoch + 1 and other.seen == marker
        collection = other.client.get_collection("news", embedding_function=None)
        assert collection.get(ids=["a::0"])["documents"] == ["a"]
    started = time.time()
    with other.reading():  # no write since: no reopen
        assert other.epoch == epoch + 1
    assert time.time() - started < 1


def test_a_reopen_frees_the_old_client(tmp_path):
    """The old client's System (and its in-memory vector index: 600 MB at 300k chunks) is gone
    once a view reopens after another writer: chromadb keeps it in reference cycles, and each
    write by another process used to leave one more copy in memory (docs/scale.md)."""
    import weakref

    from qa.store import Store

    writer = open_store(_settings(tmp_path), create=True)
    with writer.writing():
        writer.collection.upsert(ids=["a::0"], embeddings=[[1.0, 0.0]], documents=["a"])
    view = _Directory(writer._directory.path)  # another process's view
    reader = Store(collection_name="news", model="m", where="here", directory=view)
    with reader.reading():
        assert reader.collection.count() == 1
    old = weakref.ref(view.client._system)
    with writer.writing():
        writer.collection.upsert(ids=["b::0"], embeddings=[[0.0, 1.0]], documents=["b"])
    with reader.reading():
        assert reader.collection.count() == 2  # the reopened client sees the write
    assert old() is None


def test_warming_up_does_not_fail_on_an_empty_or_a_filled_store(tmp_path):
    from qa.store import warm_up

    store = open_store(_settings(tmp_path), create=True)
    warm_up(store)  # nothing to load
    with store.writing():
        store.collection.upsert(ids=["a::0", "b::0"], embeddings=[[1.0, 0.0], [0.0, 1.0]],
                                documents=["a", "b"])
    warm_up(store)
    found = store.collection.query(query_embeddings=[[0.0, 1.0]], n_results=1)
    assert found["ids"] == [["b::0"]]
