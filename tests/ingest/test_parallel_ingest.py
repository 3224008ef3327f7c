"""Several writers on one real `chroma run` server (`kabar ingest --workers N`, or separate
`kabar ingest` processes) end with the store one process makes, also after a worker is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from conftest import DATA, ROOT, SAMPLE
from ingest.parallel import shard_of
from ingest.pipeline import Ingestor
from qa.settings import Settings
from qa.store import open_store
from test_ingest import N_SYNTHETIC, _synthetic_articles, cli_env, json_summary

SOURCES = [SAMPLE, DATA / "english-news.txt", DATA / "festival-article.txt",
           DATA / "qa-articles.jsonl", DATA / "speech-articles.jsonl"]
# A chunk is embedded beside other chunks in each run (another worker's shard, another run's
# batches), and batch neighbours change a vector in the last float32 digits only. Measured with
# the int8 ONNX encoder on 225 chunks, alone or in shuffled batches against one batch: at most
# 1.4e-7 per component, while two different synthetic chunks are up to cosine 0.985 apart.
VECTOR_TOLERANCE = 1e-5


def kabar_cmd(*args: str) -> list[str]:
    exe = Path(sys.executable).parent / "kabar"
    return ([str(exe)] if exe.exists() else [sys.executable, "-m", "qa.cli"]) + list(args)


def server_settings(url: str, name: str) -> Settings:
    return Settings.from_env(chroma_url=url, collection=f"{name}-{uuid.uuid4().hex[:8]}")


def snapshot(settings: Settings) -> dict[str, tuple[str, dict, np.ndarray]]:
    """id -> (document, metadata without the ingestion time, vector), for the whole collection."""
    got = open_store(settings).collection.get(include=["documents", "metadatas", "embeddings"])
    out = {}
    for id_, doc, meta, vector in zip(got["ids"], got["documents"], got["metadatas"],
                                      got["embeddings"]):
        meta = dict(meta)
        meta.pop("ingested_at")
        assert meta.pop("stale_tail", 0) == 0, f"{id_}: a stale tail is still recorded"
        out[id_] = (doc, meta, np.asarray(vector, dtype=np.float64))
    return out


def assert_same_store(got: dict, expected: dict) -> None:
    assert sorted(got) == sorted(expected)
    for id_, (doc, meta, vector) in expected.items():
        assert got[id_][:2] == (doc, meta), id_
        difference = float(np.abs(got[id_][2] - vector).max())
        assert difference <= VECTOR_TOLERANCE, f"{id_}: vector differs by {difference:.2e}"


def test_shards_are_stable_and_cover_every_worker():
    ids = [f"article-{i}" for i in range(200)]
    assert [shard_of(i, 3) for i in ids] == [shard_of(i, 3) for i in ids]
    assert {shard_of(i, 3) for i in ids} == {0, 1, 2}
    assert {shard_of(i, 1) for i in ids} == {0}


@pytest.mark.slow
def test_workers_and_separate_processes_make_the_one_process_store(chroma_server, model):
    one = server_settings(chroma_server, "one")
    reference = Ingestor(one, model=model).ingest([str(s) for s in SOURCES])
    assert reference.failed == [] and reference.added >= 10
    expected = snapshot(one)

    # --workers 2, and two `kabar ingest` processes over disjoint sources at the same time.
    workers = server_settings(chroma_server, "workers")
    two = server_settings(chroma_server, "two")
    procs = [subprocess.Popen(kabar_cmd("ingest", "--chroma-url", chroma_server, "--collection",
                                        collection, "--json", *map(str, sources)),
                              cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for collection, sources in [(workers.collection, SOURCES),
                                         (two.collection, SOURCES[::2]),
                                         (two.collection, SOURCES[1::2])]]
    runs = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        runs.append(json_summary(subprocess.CompletedProcess(proc.args, 0, stdout, stderr)))
    assert runs[0]["added"] == reference.added and runs[0]["chunks"] == reference.chunks
    assert runs[1]["added"] + runs[2]["added"] == reference.added
    assert_same_store(snapshot(workers), expected)
    assert_same_store(snapshot(two), expected)


def _worker_pids(parent: int) -> list[int]:
    """The multiprocessing workers of a process (not its resource tracker), from /proc."""
    try:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    except OSError:
        return []
    pids = []
    for child in map(int, children):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            pids.append(child)
    return pids


@pytest.mark.slow
def test_sigkill_one_worker_then_rerun_makes_the_clean_store(chroma_server, model, tmp_path):
    feed = tmp_path / "many.jsonl"
    _synthetic_articles(feed, N_SYNTHETIC)
    clean = server_settings(chroma_server, "clean")
    assert Ingestor(clean, model=model).ingest([str(feed)]).added == N_SYNTHETIC
    expected = snapshot(clean)

    killed = server_settings(chroma_server, "killed")
    command = kabar_cmd("ingest", "--workers", "2", "--chroma-url", chroma_server,
                        "--collection", killed.collection, "--json", str(feed))
    proc = subprocess.Popen(command, cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 300
        rows = 0
        while time.time() < deadline and proc.poll() is None:
            try:
                rows = open_store(killed).collection.count()
            except Exception:  # the collection is not created yet
                rows = 0
            if rows > 0:
                break
            time.sleep(0.2)
        pids = _worker_pids(proc.pid)
        assert proc.poll() is None, f"finished before a worker was killed: {proc.communicate()}"
        assert rows > 0 and len(pids) == 2, (rows, pids)
        os.kill(pids[0], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    # The other worker finished its shard; the run names what it could not do, and fails.
    assert proc.returncode == 1, stderr
    summary = json_summary(subprocess.CompletedProcess(command, 1, stdout, stderr))
    [failure] = summary["failed"]
    assert failure["source"] == str(feed)
    assert "was killed by SIGKILL" in failure["error"] and "again" in failure["error"]
    partial = snapshot(killed)
    assert 0 < len(partial) < len(expected), "the kill did not land mid-run"

    again = subprocess.run(command, cwd=ROOT, env=cli_env(), capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    resumed = json_summary(again)
    assert resumed["failed"] == [] and resumed["unchanged"] > 0 and resumed["added"] > 0
    assert resumed["added"] + resumed["unchanged"] + resumed["updated"] == N_SYNTHETIC
    assert resumed["store_chunks"] == len(expected)
    assert_same_store(snapshot(killed), expected)
