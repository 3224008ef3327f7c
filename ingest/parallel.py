"""`kabar ingest --workers N`: N processes embed and write disjoint shards of the articles."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import queue
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.loaders import SourceError, load_sources
from ingest.pipeline import IngestSummary
from qa.documents import Article
from qa.embeddings import default_model_path, resolve_encoder
from qa.settings import DEFAULT_MODEL, Settings
from qa.store import Store, open_store

log = logging.getLogger(__name__)

# Smaller than the one-process batch (ingest.pipeline.ARTICLES_PER_BATCH): a worker killed
# mid-run loses less work and progress moves more often, while 32 articles still make at
# least one full batch of 32 chunks for the model.
ARTICLES_PER_WORKER_BATCH = 32
# Articles waiting for each worker: enough to keep it busy while the parent parses, bounded
# so that a large feed is never held in memory whole.
QUEUE_ARTICLES = 2 * ARTICLES_PER_WORKER_BATCH
POLL_S = 0.5


def shard_of(article_id: str, workers: int) -> int:
    """The worker (0-based) that owns an article: a stable hash of its id, never of its source,
    so two records with one id meet in one worker and the later one wins, as in one process."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % workers


@dataclass
class _Worker:
    """The parent's view of a worker: its process, its queue, the articles it has not confirmed."""

    number: int  # 1-based, as the user reads it
    process: multiprocessing.process.BaseProcess
    inbox: multiprocessing.queues.Queue
    unconfirmed: dict[str, str] = field(default_factory=dict)  # article id -> source
    finished: bool = False
    failure: str | None = None  # why it stopped before finishing


def _worker_main(number: int, settings: Settings, inbox, outbox, parent_pid: int,
                 threads: int | None) -> None:
    """One worker process: load the model, then embed and write each batch the parent sends."""
    try:
        if threads:
            # Without this every worker would run as many threads as the machine has cores,
            # and N workers would fight over them. The int8 encoder reads OMP_NUM_THREADS
            # (qa/light_encoder.py); torch, when it runs the model, is told as well.
            os.environ["OMP_NUM_THREADS"] = str(threads)
            if resolve_encoder(settings.model, settings.encoder) == "torch":
                import torch

                torch.set_num_threads(threads)
        from ingest.pipeline import Ingestor

        ingestor = Ingestor(settings)
        loaded_cpu_s = time.process_time()
        outbox.put(("ready", number, os.getpid()))
        batch: list[Article] = []

        def flush() -> None:
            done = IngestSummary()
            ingestor.ingest_batch(batch, done)
            outbox.put(("batch", number, ([a.article_id for a in batch], done)))
            batch.clear()

        while True:
            try:
                article = inbox.get(timeout=POLL_S * 2)
            except queue.Empty:
                if os.getppid() != parent_pid:
                    return  # the parent died: nobody would read the summary
                if batch:  # the parent parses slowly (URLs): write what has come so far
                    flush()
                continue
            if article is None:
                break
            batch.append(article)
            if len(batch) >= ARTICLES_PER_WORKER_BATCH:
                flush()
        if batch:
            flush()
        outbox.put(("done", number, time.process_time() - loaded_cpu_s))
    except BaseException as exc:  # reported to the parent, which names the worker and the articles
        outbox.put(("error", number, f"{type(exc).__name__}: {exc}"))


def _exit_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with status {exitcode} before it finished"


def _add(total: IngestSummary, part: IngestSummary) -> None:
    total.added += part.added
    total.updated += part.updated
    total.unchanged += part.unchanged
    total.chunks += part.chunks
    total.failed.extend(part.failed)
    total.article_ids.extend(part.article_ids)


def ingest_in_parallel(settings: Settings, sources: Iterable[str], workers: int, *,
                       store: Store | None = None, progress: bool | None = None) -> IngestSummary:
    """Ingest sources with `workers` processes, each writing the articles of its shard.

    This process parses the sources once and hands each article to the worker that owns its id
    (shard_of); each worker loads its own model and writes as `kabar ingest` does, so the store
    ends the same as after one process: same ids, documents and metadata, and vectors equal
    within the int8 encoder's batch-to-batch rounding. A worker that dies (SIGKILL, out of
    memory) does not stop the others: its unconfirmed articles are reported as failed, per
    source, and running the same command again finishes them, as after a killed single run.
    """
    from tqdm import tqdm

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    # Create the collection here, before the workers start, so they never race to create it.
    store = store or open_store(settings, create=True)
    if settings.model == DEFAULT_MODEL:
        # Build the cached model here, once, so that workers starting together on a first run do
        # not each build it (qa/embeddings.py).
        default_model_path(settings.cache_dir, resolve_encoder(settings.model, settings.encoder))
    threads = None
    if not os.environ.get("OMP_NUM_THREADS"):
        threads = max(1, (os.cpu_count() or 1) // workers)
    # spawn, not fork: this process may hold Chroma's and the tokenizer's threads, which a fork
    # would copy in an unknown state.
    context = multiprocessing.get_context("spawn")
    outbox = context.Queue()
    pool: list[_Worker] = []
    for number in range(1, workers + 1):
        inbox = context.Queue(maxsize=QUEUE_ARTICLES)
        process = context.Process(target=_worker_main, name=f"kabar-ingest-{number}",
                                  args=(number, settings, inbox, outbox, os.getpid(), threads),
                                  daemon=True)
        pool.append(_Worker(number, process, inbox))
    for worker in pool:
        worker.process.start()

    summary = IngestSummary()
    bar = tqdm(unit=" articles", desc=f"Ingesting with {workers} workers",
               disable=None if progress is None else not progress, leave=False)

    def stop(worker: _Worker, reason: str) -> None:
        if worker.failure is None and not worker.finished:
            worker.failure = reason
            log.warning("worker %d of %d %s; the other workers go on", worker.number, workers,
                        reason)

    def handle(message: tuple) -> None:
        kind, number, payload = message
        worker = pool[number - 1]
        if kind == "ready":
            log.info("worker %d of %d ready (pid %d)", number, workers, payload)
        elif kind == "batch":
            ids, done = payload
            for article_id in ids:
                worker.unconfirmed.pop(article_id, None)
            _add(summary, done)
            bar.update(len(ids))
        elif kind == "done":
            worker.finished = True
            # The CPU a shard cost, model load aside: what benchmarks/parallel_ingest.py reads.
            log.info("worker %d of %d finished: %.2f CPU s after loading its model", number,
                     workers, payload)
        elif kind == "error":
            stop(worker, f"stopped on an error ({payload})")

    def drain(wait_s: float = 0.0) -> None:
        """Read every message waiting, then notice workers that died without saying so."""
        try:
            handle(outbox.get(timeout=wait_s) if wait_s else outbox.get_nowait())
            while True:
                handle(outbox.get_nowait())
        except queue.Empty:
            pass
        for worker in pool:
            if not worker.finished and worker.failure is None and not worker.process.is_alive():
                # Its last messages may still be in the pipe: read them before judging.
                try:
                    while True:
                        handle(outbox.get(timeout=0.2))
                except queue.Empty:
                    pass
                if not worker.finished:
                    stop(worker, _exit_reason(worker.process.exitcode))

    def send(worker: _Worker, item: Article | None) -> None:
        while worker.failure is None:
            try:
                worker.inbox.put(item, timeout=POLL_S)
                return
            except queue.Full:
                drain()

    try:
        max_bytes = int(settings.max_file_mb * 1_000_000)
        for item in load_sources(sources, max_bytes=max_bytes):
            if isinstance(item, SourceError):
                summary.failed.append(item)
                log.warning("%s: %s", item.source, item.error)
                continue
            worker = pool[shard_of(item.article_id, workers)]
            worker.unconfirmed[item.article_id] = item.source
            send(worker, item)
            drain()
        for worker in pool:
            send(worker, None)
        while any(not w.finished and w.failure is None for w in pool):
            drain(POLL_S)
    finally:
        bar.close()
        for worker in pool:
            # A finished worker exits on its own (slowly on a busy machine: torch's shutdown);
            # one that has not finished is only still here when this process itself failed.
            worker.process.join(timeout=60 if worker.finished else 0.1)
            if worker.process.is_alive():
                worker.process.kill()
    for worker in pool:
        if worker.failure and worker.unconfirmed:
            summary.failed.extend(_not_ingested(worker, workers))
    with store.reading():
        summary.store_chunks = store.collection.count()
    return summary


def _not_ingested(worker: _Worker, workers: int) -> list[SourceError]:
    """One failure per source for the articles a stopped worker did not confirm writing."""
    by_source: dict[str, list[str]] = {}
    for article_id, source in worker.unconfirmed.items():
        by_source.setdefault(source, []).append(article_id)
    failures = []
    for source, ids in by_source.items():
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        failures.append(SourceError(
            source, f"{len(ids)} article(s) not ingested ({shown}): worker {worker.number} of "
                    f"{workers} {worker.failure}. Run the same command again to finish them; "
                    "what the worker wrote is kept or repaired."))
    return failures
