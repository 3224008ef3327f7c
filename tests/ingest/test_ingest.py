"""Ingestion end to end: real model, real Chroma (embedded in temporary directories, and a real
`chroma run` server), the CLI in subprocesses, bad inputs, a local HTTP server, crash safety."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from conftest import DATA, ROOT, SAMPLE, free_port
from ingest.chunk import split_into_chunks
from ingest.index import ArticleIndex
from ingest.loaders import load_sources
from ingest.pipeline import Ingestor, token_counter
from qa.documents import Article
from qa.records import chunk_id
from qa.settings import Settings
from qa.store import Store, open_store

JUNK = ["Baca Juga", "pexels.com", "unsplash.com", "Verified Writer", "IDN Times Community adalah",
        "Topik:", "Berita Terkini Lainnya", "Self-proclaimed", "Vanny El Rahman"]
SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un, AS Khawatir Korut-Rusia Makin Akrab"
SUMMARY_KEYS = {"added", "updated", "unchanged", "chunks", "failed"}


# --- helpers --------------------------------------------------------------------------------

def make_settings(tmp_path: Path, name: str, **overrides) -> Settings:
    return Settings.from_env(store=tmp_path / name, collection="test", **overrides)


def contents(store_or_settings) -> dict[str, tuple[str, dict]]:
    """id -> (document, metadata without the ingestion time), for the whole collection."""
    store = store_or_settings if isinstance(store_or_settings, Store) \
        else open_store(store_or_settings)
    got = store.collection.get(include=["documents", "metadatas"])
    out = {}
    for id_, doc, meta in zip(got["ids"], got["documents"], got["metadatas"]):
        meta = dict(meta)
        meta.pop("ingested_at")
        assert meta.pop("stale_tail", 0) == 0, f"{id_}: a stale tail is still recorded"
        out[id_] = (doc, meta)
    return out


def load_one(path: Path) -> Article:
    [article] = list(load_sources([str(path)], max_bytes=10_000_000))
    assert isinstance(article, Article), article
    return article


def expected_ids(article: Article, model) -> list[str]:
    return [c.chunk_id for c in split_into_chunks(article, token_counter(model))]


def search(store: Store, model, question: str, n: int = 1, where: dict | None = None) -> list[dict]:
    vector = model.encode_query([question], convert_to_numpy=True).tolist()
    got = store.collection.query(query_embeddings=vector, n_results=n, where=where,
                                 include=["metadatas", "documents"])
    return [dict(meta, document=doc) for meta, doc in zip(got["metadatas"][0], got["documents"][0])]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    env.pop("KABAR_STORE", None)
    env.pop("KABAR_CHROMA_URL", None)
    env.update(extra)
    return env


def kabar(*args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
    """Run the `kabar` console script (installed beside this Python) or `python -m qa.cli`."""
    exe = Path(sys.executable).parent / "kabar"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "qa.cli"]
    return subprocess.run(cmd + list(args), cwd=ROOT, env=cli_env(**env), capture_output=True,
                          text=True, timeout=timeout)


def python_m_ingest(*args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT, env=cli_env(**env),
                          capture_output=True, text=True, timeout=timeout)


def json_summary(proc: subprocess.CompletedProcess) -> dict:
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines, f"no output; stderr:\n{proc.stderr}"
    summary = json.loads(lines[-1])
    assert SUMMARY_KEYS <= set(summary), summary
    return summary


# --- idempotence ----------------------------------------------------------------------------

def test_sample_twice_is_idempotent(ingestor, settings, model, monkeypatch):
    article = load_one(SAMPLE)
    ids = expected_ids(article, model)
    first = ingestor.ingest([str(SAMPLE)])
    assert (first.added, first.updated, first.unchanged, first.failed) == (1, 0, 0, [])
    assert first.chunks == len(ids) >= 4
    assert first.store_chunks == len(ids)
    before = ingestor.store.collection.get(include=["documents", "metadatas", "embeddings"])

    calls = []
    original = model.encode_document
    monkeypatch.setattr(model, "encode_document",
                        lambda *a, **k: calls.append(a) or original(*a, **k))
    second = ingestor.ingest([str(SAMPLE)])
    assert (second.added, second.updated, second.unchanged, second.chunks) == (0, 0, 1, 0)
    assert second.failed == []
    assert second.store_chunks == first.store_chunks == ingestor.store.collection.count()
    assert calls == [], "an unchanged article was embedded again"
    after = ingestor.store.collection.get(include=["documents", "metadatas", "embeddings"])
    assert after["ids"] == before["ids"]
    assert after["documents"] == before["documents"]
    assert after["metadatas"] == before["metadatas"]  # not even the ingestion time moved
    assert (after["embeddings"] == before["embeddings"]).all()

    # A new Ingestor (a new process, as far as the store is concerned) agrees.
    third = Ingestor(settings, model=model).ingest([str(SAMPLE)])
    assert (third.unchanged, third.chunks, third.store_chunks) == (1, 0, len(ids))


def test_stored_chunks_are_clean_and_carry_metadata(ingestor, model):
    ingestor.ingest([str(SAMPLE)])
    article = load_one(SAMPLE)
    stored = contents(ingestor.store)
    assert sorted(stored) == sorted(expected_ids(article, model))
    for id_, (doc, meta) in stored.items():
        for junk in JUNK:
            assert junk.lower() not in doc.lower(), (id_, junk)
        assert meta["article_id"] == article.article_id
        assert meta["title"] == SAMPLE_TITLE
        assert meta["source"] == str(SAMPLE)
        assert meta["url"] == ""
        assert "published" not in meta
        assert id_ == chunk_id(article.article_id, meta["chunk_index"])
        assert meta["n_chunks"] == len(stored)
        assert article.text[meta["start"]:meta["end"]] == doc
        assert meta["section"] in {""} | {name for _, name in article.sections}
    assert {m["section"] for _, m in stored.values()} >= {name for _, name in article.sections}
    # The collection uses cosine distance, as the issue asks: distance == 1 - cosine similarity
    # (squared L2 would give 2 - 2 cos, inner product 1 - dot only by coincidence of norms).
    got = ingestor.store.collection.get(ids=[chunk_id(article.article_id, 1)],
                                        include=["embeddings"])
    stored_vector = np.asarray(got["embeddings"][0])
    question = model.encode_query(["Putin visits Pyongyang"], convert_to_numpy=True)[0] * 3.0
    result = ingestor.store.collection.query(query_embeddings=[question.tolist()],
                                             n_results=len(stored), include=["distances"])
    distance = dict(zip(result["ids"][0], result["distances"][0]))[got["ids"][0]]
    cosine = float(stored_vector @ question / np.linalg.norm(stored_vector) / np.linalg.norm(question))
    assert distance == pytest.approx(1 - cosine, abs=1e-3)
    # The Campbell passage is found by an English question.
    [hit] = search(ingestor.store, model,
                   "What did US Deputy Secretary of State Kurt Campbell tell Kim Hong-kyun?")
    assert "Kurt Campbell, mengatakan kepada mitranya dari Korsel" in hit["document"]


def test_cli_twice_reports_unchanged(tmp_path):
    store = tmp_path / "cli-store"
    first = python_m_ingest("--store", str(store), "--json", str(SAMPLE))
    assert first.returncode == 0, first.stderr
    s1 = json_summary(first)
    assert (s1["added"], s1["updated"], s1["unchanged"], s1["failed"]) == (1, 0, 0, [])
    assert s1["chunks"] > 0
    assert s1["store_chunks"] == s1["chunks"]
    # The console script, without --json: a one-line human summary.
    second = kabar("ingest", "--store", str(store), str(SAMPLE))
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == (f"added 0, updated 0, unchanged 1, failed 0; 0 chunks written, "
                                     f"{s1['chunks']} in the store")


# --- changed articles -----------------------------------------------------------------------

def _first_half(raw: str) -> str:
    paragraphs = raw.split("\n\n")
    return "\n\n".join(paragraphs[: len(paragraphs) // 2]) + "\n"


def test_changed_article_replaces_its_chunks(tmp_path, model):
    path = tmp_path / "articles" / "berita.txt"
    path.parent.mkdir()
    full = SAMPLE.read_text(encoding="utf-8")
    path.write_text(full, encoding="utf-8")
    settings = make_settings(tmp_path, "store")
    ingestor = Ingestor(settings, model=model)

    def clean_ingest(name: str):
        """The same file, as it is now, ingested once into a fresh store."""
        fresh = make_settings(tmp_path, name)
        Ingestor(fresh, model=model).ingest([str(path)])
        return contents(fresh)

    s = ingestor.ingest([str(path)])
    assert (s.added, s.failed) == (1, [])
    n_full = s.chunks
    full_contents = contents(ingestor.store)

    # Shorter: updated, and not one chunk of the longer version survives.
    path.write_text(_first_half(full), encoding="utf-8")
    s = ingestor.ingest([str(path)])
    assert (s.added, s.updated, s.unchanged, s.failed) == (0, 1, 0, [])
    short_ids = expected_ids(load_one(path), model)
    assert 0 < s.chunks == len(short_ids) < n_full
    stored = contents(ingestor.store)
    assert set(stored) == set(short_ids)
    assert stored == clean_ingest("clean-short")
    assert ingestor.store.collection.count() == len(short_ids)
    assert s.store_chunks == len(short_ids)

    # Unchanged again: nothing happens.
    s = ingestor.ingest([str(path)])
    assert (s.unchanged, s.chunks) == (1, 0)

    # Longer again: updated back to exactly what the full text gives.
    path.write_text(full, encoding="utf-8")
    s = ingestor.ingest([str(path)])
    assert (s.added, s.updated, s.unchanged) == (0, 1, 0)
    assert s.chunks == n_full
    assert contents(ingestor.store) == full_contents == clean_ingest("clean-full")

    # An edit inside a paragraph (same number of chunks) is an update too.
    path.write_text(full.replace("Kurt Campbell", "Kurt M. Campbell"), encoding="utf-8")
    s = ingestor.ingest([str(path)])
    assert (s.updated, s.chunks) == (1, n_full)
    stored = contents(ingestor.store)
    assert stored == clean_ingest("clean-edited")
    assert any("Kurt M. Campbell" in doc for doc, _ in stored.values())
    assert not any("AS, Kurt Campbell" in doc for doc, _ in stored.values())


def test_deterministic_ids(tmp_path, model):
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": "rec-1", "title": "Satu", "text": "Kalimat pertama tentang banjir di Bekasi."},
        {"text": "Rekaman tanpa id mendapat id dari berkas dan nomor barisnya."},
    ]) + "\n", encoding="utf-8")
    sources = [str(SAMPLE), str(DATA / "english-news.txt"), str(jsonl)]
    a = make_settings(tmp_path, "a")
    b = make_settings(tmp_path, "b")
    Ingestor(a, model=model).ingest(sources)
    Ingestor(b, model=model).ingest(list(reversed(sources)))
    ca, cb = contents(a), contents(b)
    assert ca == cb
    assert len(ca) >= 7
    ids = sorted(ca)
    assert "rec-1::0" in ids
    assert all(id_.rsplit("::", 1)[1].isdigit() for id_ in ids)
    # File ids are readable (from the file name) and stable.
    assert any(id_.startswith("idntimes-putin-kim-") for id_ in ids)
    assert any(id_.startswith("english-news-") for id_ in ids)


# --- crash safety inside one process --------------------------------------------------------

def test_interrupted_tail_deletion_is_finished_next_run(tmp_path, model, monkeypatch):
    """Killed after the shorter version's upsert but before its old tail was deleted: the next
    run (with the same text) finishes the deletion."""
    path = tmp_path / "berita.txt"
    full = SAMPLE.read_text(encoding="utf-8")
    path.write_text(full, encoding="utf-8")
    settings = make_settings(tmp_path, "store")
    Ingestor(settings, model=model).ingest([str(path)])
    path.write_text(_first_half(full), encoding="utf-8")

    class Killed(BaseException):
        pass

    def die(*args, **kwargs):
        raise Killed()
    monkeypatch.setattr(ArticleIndex, "drop_stale_tail", die)
    with pytest.raises(Killed):
        Ingestor(settings, model=model).ingest([str(path)])
    monkeypatch.undo()

    s = Ingestor(settings, model=model).ingest([str(path)])
    assert (s.unchanged, s.chunks) == (1, 0)
    short_ids = expected_ids(load_one(path), model)
    stored = contents(settings)
    assert set(stored) == set(short_ids)
    clean = make_settings(tmp_path, "clean")
    Ingestor(clean, model=model).ingest([str(path)])
    assert stored == contents(clean)


def test_article_split_across_writes_is_whole_or_rewritten(tmp_path, model, monkeypatch):
    """An article bigger than one write goes in several upserts, its head last: a crash between
    them leaves no head, so the next run writes the article again, completely."""
    settings = make_settings(tmp_path, "store")
    monkeypatch.setattr(Store, "max_batch_size", property(lambda self: 2))
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    ingestor = Ingestor(settings, model=model)
    upsert = ingestor.store.collection.upsert

    def dying_upsert(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Killed()
        return upsert(**kwargs)
    monkeypatch.setattr(ingestor.store.collection, "upsert", dying_upsert)
    with pytest.raises(Killed):
        ingestor.ingest([str(SAMPLE)])
    partial = contents(settings)
    assert 0 < len(partial) < len(expected_ids(load_one(SAMPLE), model))
    assert not any(meta["chunk_index"] == 0 for _, meta in partial.values())

    monkeypatch.setattr(ingestor.store.collection, "upsert", upsert)
    s = ingestor.ingest([str(SAMPLE)])
    assert (s.added, s.unchanged) == (1, 0)  # no head: the article counts as new
    clean = make_settings(tmp_path, "clean")
    Ingestor(clean, model=model).ingest([str(SAMPLE)])
    assert contents(settings) == contents(clean)


# --- bad inputs -----------------------------------------------------------------------------

@pytest.fixture
def mixed_sources(tmp_path):
    """Good and bad sources together; returns (sources, expected failures, good ids)."""
    d = tmp_path / "in"
    d.mkdir()
    good_txt = d / "sample.txt"
    shutil.copyfile(SAMPLE, good_txt)
    folder = d / "folder"
    (folder / "nested").mkdir(parents=True)
    shutil.copyfile(DATA / "english-news.txt", folder / "nested" / "english.txt")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.txt").write_text("Berkas tersembunyi tidak dibaca.\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not supported")
    empty = d / "empty.txt"
    empty.write_bytes(b"")
    binary = d / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    latin = d / "latin1.txt"
    latin.write_bytes("Kafé di Jakarta\n\nHarga kopi naik menjadi Rp 25.000 per cangkir, "
                      "kata pemilik kafé.\n".encode("latin-1"))
    records = d / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"doc_id": "good-1", "title": "Pelabuhan baru",
                    "text": "Pelabuhan baru di Kendal mulai melayani kapal peti kemas pekan ini."}),
        '{"doc_id": "broken", "text": "kalimat ini tidak ditutup',
        json.dumps({"id": "good-3", "title": "Kereta cepat",
                    "text": "Jumlah penumpang kereta cepat naik 20 persen selama libur sekolah."}),
    ]) + "\n", encoding="utf-8")
    big = d / "big.txt"
    big.write_text("Judul Besar\n\n" + "Kalimat panjang yang diulang untuk berkas besar. " * 400,
                   encoding="utf-8")
    missing = d / "does-not-exist.txt"
    url = f"http://127.0.0.1:{free_port()}/x"  # nothing listens there
    sources = [str(good_txt), str(empty), str(binary), str(latin), str(records), str(missing),
               url, str(big), str(folder)]
    failures = {  # source -> words its reason must contain
        str(empty): ["empty"],
        str(binary): ["binary"],
        str(latin): ["UTF-8"],
        f"{records}:2": ["line 2", "JSON"],
        str(missing): ["no such file"],
        url: ["cannot fetch"],
        str(big): ["MB", "limit"],
    }
    return sources, failures, {"good-1", "good-3"}


def _check_failures(failed: list[dict], expected: dict[str, list[str]]):
    by_source = {f["source"]: f["error"] for f in failed}
    assert set(by_source) == set(expected), by_source
    for source, words in expected.items():
        for word in words:
            assert word.lower() in by_source[source].lower(), (source, by_source[source])


def test_bad_inputs_reported_good_ones_stored(tmp_path, model, mixed_sources):
    sources, failures, record_ids = mixed_sources
    settings = dataclasses.replace(make_settings(tmp_path, "store"), max_file_mb=0.01)
    ingestor = Ingestor(settings, model=model)
    summary = ingestor.ingest(sources)
    assert not summary.ok
    _check_failures([dataclasses.asdict(f) for f in summary.failed], failures)
    # Good: the sample, the nested English file (not the hidden one, not the PDF), two records.
    assert summary.added == 4
    stored = contents(ingestor.store)
    article_ids = {meta["article_id"] for _, meta in stored.values()}
    assert record_ids <= article_ids and "broken" not in article_ids
    assert len(article_ids) == 4
    assert not any("tersembunyi" in doc for doc, _ in stored.values())
    titles = {meta["title"] for _, meta in stored.values()}
    assert {SAMPLE_TITLE, "Harbour City Opens Floating Solar Farm on Reservoir",
            "Pelabuhan baru", "Kereta cepat"} == titles
    # ...and searchable.
    [hit] = search(ingestor.store, model, "floating solar panels on a reservoir")
    assert hit["title"] == "Harbour City Opens Floating Solar Farm on Reservoir"
    [hit] = search(ingestor.store, model, "How many more passengers took the fast train?")
    assert hit["article_id"] == "good-3"


def test_bad_inputs_cli_exit_code_and_json(tmp_path, mixed_sources):
    sources, failures, _ = mixed_sources
    proc = python_m_ingest("--store", str(tmp_path / "cli-store"), "--json", *sources,
                           KABAR_MAX_FILE_MB="0.01")
    assert proc.returncode == 1, proc.stderr
    summary = json_summary(proc)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (4, 0, 0)
    assert summary["chunks"] >= 4
    assert all(set(f) == {"source", "error"} for f in summary["failed"])
    _check_failures(summary["failed"], failures)
    # The good sources are in the store.
    listed = kabar("list", "--store", str(tmp_path / "cli-store"), "--json")
    assert listed.returncode == 0, listed.stderr
    assert {"good-1", "good-3"} <= {a["article_id"] for a in json.loads(listed.stdout)["articles"]}
    assert len(json.loads(listed.stdout)["articles"]) == 4


def test_cli_usage_errors(tmp_path):
    proc = kabar("ingest", "--store", str(tmp_path / "s"), "--chroma-url", "http://127.0.0.1:1",
                 str(SAMPLE))
    assert proc.returncode == 2  # argparse: --store and --chroma-url exclude each other
    assert "not allowed with" in proc.stderr
    assert not (tmp_path / "s").exists()
    # A collection name Chroma rejects: a one-line error, not a traceback.
    proc = kabar("ingest", "--store", str(tmp_path / "s"), "--collection", "c", str(SAMPLE))
    assert proc.returncode == 2
    assert proc.stderr.startswith("kabar: error:") and "'c'" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- URLs -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def http_server():
    """A real HTTP server on 127.0.0.1 serving tests/data/; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(DATA)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


NEWS_PAGE_TEXT = ["Pemerintah kabupaten meresmikan pasar ikan terapung pertama di Teluk Sentosa",
                  "Bupati Ratna Wulandari mengatakan", "Rp 42 miliar",
                  "biaya sewa lapak yang akan ditetapkan bulan depan"]
NEWS_PAGE_JUNK = ["Beranda", "Masuk Akun Pembaca Setia", "Berita Populer", "Lebaran Kuda Laut",
                  "Hak Cipta", "Dilarang mengutip", "Kontak Redaksi", "Jalan Karang Indah"]


def test_url_ingestion(ingestor, model, http_server):
    url = f"{http_server}/news-page.html"
    missing = f"{http_server}/no-such-page.html"
    summary = ingestor.ingest([url, missing])
    assert summary.added == 1
    assert [(f.source, f.error) for f in summary.failed] == [(missing, "HTTP 404 File not found")]
    stored = contents(ingestor.store)
    assert stored
    text = "\n".join(doc for doc, _ in stored.values())
    for phrase in NEWS_PAGE_TEXT:
        assert phrase in text
    for junk in NEWS_PAGE_JUNK:
        assert junk not in text
    for _, meta in stored.values():
        assert meta["source"] == url and meta["url"] == url
        assert meta["title"] == "Pasar Ikan Terapung Dibuka di Teluk Sentosa"
        published = datetime.fromtimestamp(meta["published"], timezone.utc)
        assert published.date().isoformat() == "2024-03-05"
    # Same URL again: unchanged.
    again = ingestor.ingest([url])
    assert (again.unchanged, again.chunks) == (1, 0)
    [hit] = search(ingestor.store, model, "floating fish market opened by the regent")
    assert hit["url"] == url


def test_local_html_file(ingestor):
    summary = ingestor.ingest([str(DATA / "news-page.html")])
    assert (summary.added, summary.failed) == (1, [])
    text = "\n".join(doc for doc, _ in contents(ingestor.store).values())
    assert NEWS_PAGE_TEXT[0] in text
    assert not any(junk in text for junk in NEWS_PAGE_JUNK)


# --- JSON / JSONL records -------------------------------------------------------------------

def _epoch(iso: str) -> int:
    dt = datetime.fromisoformat(iso)
    return int((dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp())


def test_json_and_jsonl_records(tmp_path, ingestor, model):
    as_json = tmp_path / "batch.json"
    as_json.write_text(json.dumps([
        {"doc_id": "j-1", "title": "Inflasi Mei", "url": "https://example.id/inflasi",
         "published": "2024-06-03T10:00:00+07:00",
         "text": "Badan Pusat Statistik mencatat inflasi Mei sebesar 2,84 persen secara tahunan."},
        {"id": 42, "title": "Tol Baru", "published": "2023-12-20",
         "text": "Jalan tol baru sepanjang 36 kilometer dibuka menjelang libur Natal."},
    ]), encoding="utf-8")
    as_jsonl = tmp_path / "feed.jsonl"
    as_jsonl.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": "l-1", "title": "Gempa Laut", "source": "Kantor Berita X",
         "published": "2024-07-01T00:00:00Z",
         "text": "Gempa bermagnitudo 5,1 mengguncang laut selatan Jawa tanpa potensi tsunami."},
        {"id": "l-2", "title": "Panen Raya", "published": 1717200000,
         "text": "Petani di Karawang memulai panen raya dengan hasil 6,5 ton per hektare."},
        {"doc_id": "l-3", "title": "Tanggal Salah", "published": "kemarin sore",
         "text": "Rekaman ini punya tanggal yang tidak dapat dibaca."},
    ]) + "\n", encoding="utf-8")
    summary = ingestor.ingest([str(as_json), str(as_jsonl)])
    assert summary.added == 4
    assert [f.source for f in summary.failed] == [f"{as_jsonl}:3"]
    assert "line 3" in summary.failed[0].error and "kemarin sore" in summary.failed[0].error

    heads = {m["article_id"]: m for _, m in contents(ingestor.store).values()
             if m["chunk_index"] == 0}
    assert set(heads) == {"j-1", "42", "l-1", "l-2"}
    expected = {"j-1": _epoch("2024-06-03T10:00:00+07:00"), "42": _epoch("2023-12-20"),
                "l-1": _epoch("2024-07-01T00:00:00+00:00"), "l-2": 1717200000}
    for article_id, published in expected.items():
        assert isinstance(heads[article_id]["published"], int)
        assert heads[article_id]["published"] == published
    assert heads["j-1"]["title"] == "Inflasi Mei"
    assert heads["j-1"]["url"] == "https://example.id/inflasi"
    assert heads["j-1"]["source"] == str(as_json)
    assert heads["l-1"]["source"] == "Kantor Berita X"

    # Range filters work on the integer epoch.
    since = _epoch("2024-06-01T00:00:00+00:00")
    got = ingestor.store.collection.get(where={"published": {"$gte": since}}, include=["metadatas"])
    assert {m["article_id"] for m in got["metadatas"]} == {"j-1", "l-1", "l-2"}
    got = ingestor.store.collection.get(
        where={"$and": [{"published": {"$gte": since}}, {"published": {"$lt": expected["l-1"]}}]},
        include=["metadatas"])
    assert {m["article_id"] for m in got["metadatas"]} == {"j-1", "l-2"}
    hits = search(ingestor.store, model, "toll road opened before Christmas", n=1,
                  where={"published": {"$lt": since}})
    assert [h["article_id"] for h in hits] == ["42"]

    # A changed record (same id) is an update; the file's other records are unchanged.
    as_json.write_text(as_json.read_text().replace("2,84 persen", "2,90 persen"), encoding="utf-8")
    summary = ingestor.ingest([str(as_json)])
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)


# --- kabar list / delete --------------------------------------------------------------------

def test_list_and_delete_cli(tmp_path, ingestor, settings):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": "pasar-1", "title": "Pasar Murah", "text": "Pasar murah digelar di alun-alun."},
        {"doc_id": "hujan-2", "title": "Hujan Es", "text": "Hujan es turun di Bogor sore ini."},
    ]) + "\n", encoding="utf-8")
    ingestor.ingest([str(SAMPLE), str(feed)])
    sample_id = load_one(SAMPLE).article_id
    n_sample = len([1 for _, m in contents(settings).values() if m["article_id"] == sample_id])
    where = ["--store", str(settings.store), "--collection", settings.collection]

    listed = kabar("list", *where, "--json")
    assert listed.returncode == 0, listed.stderr
    articles = json.loads(listed.stdout)["articles"]
    assert {a["article_id"] for a in articles} == {sample_id, "pasar-1", "hujan-2"}
    by_id = {a["article_id"]: a for a in articles}
    assert by_id[sample_id]["n_chunks"] == n_sample and by_id[sample_id]["title"] == SAMPLE_TITLE

    plain = kabar("list", *where)
    assert plain.returncode == 0
    for article_id in (sample_id, "pasar-1", "hujan-2"):
        assert article_id in plain.stdout
    assert "3 articles" in plain.stderr

    deleted = kabar("delete", *where, sample_id)
    assert deleted.returncode == 0, deleted.stderr
    assert f"deleted {sample_id} ({n_sample} chunks)" in deleted.stdout
    remaining = contents(open_store(settings))
    assert {m["article_id"] for _, m in remaining.values()} == {"pasar-1", "hujan-2"}

    unknown = kabar("delete", *where, "no-such-article")
    assert unknown.returncode == 1
    assert "no-such-article" in unknown.stderr
    listed = kabar("list", *where, "--json")
    assert {a["article_id"] for a in json.loads(listed.stdout)["articles"]} == {"pasar-1", "hujan-2"}

    # A deleted article comes back as new on the next ingestion.
    again = Ingestor(settings, model=ingestor.model).ingest([str(SAMPLE), str(feed)])
    assert (again.added, again.unchanged, again.chunks) == (1, 2, n_sample)


def test_other_model_is_refused_by_cli(tmp_path, ingestor, settings):
    ingestor.ingest([str(DATA / "english-news.txt")])
    proc = kabar("list", "--store", str(settings.store), "--collection", settings.collection,
                 "--model", "other-model")
    assert proc.returncode == 2
    assert "other-model" in proc.stderr and settings.model in proc.stderr


# --- crash safety with a real SIGKILL -------------------------------------------------------

SUBJECTS = ["Pemerintah daerah", "Warga desa", "Kepolisian setempat", "Para nelayan",
            "Dinas kesehatan", "Pengusaha muda", "Mahasiswa", "Petani kopi", "Komunitas lokal",
            "Badan meteorologi", "Pengurus koperasi", "Tim penyelamat"]
VERBS = ["meresmikan", "membangun", "memeriksa", "mengumumkan", "menolak", "mendukung",
         "membahas", "memperbaiki", "meninjau", "mengembangkan", "merayakan", "mengevaluasi"]
OBJECTS = ["jembatan gantung", "pasar tradisional", "saluran irigasi", "program vaksinasi",
           "festival budaya", "jalur sepeda", "gudang beras", "sekolah darurat",
           "pembangkit listrik tenaga surya", "tempat pelelangan ikan", "perpustakaan desa",
           "rencana tata ruang"]
PLACES = ["Sleman", "Kupang", "Pontianak", "Ambon", "Jayapura", "Padang", "Mataram", "Palu",
          "Banjarmasin", "Ternate", "Cirebon", "Manado", "Jember", "Bukittinggi"]
TAILS = ["setelah rapat panjang pada Senin malam", "dengan anggaran Rp {n} miliar",
         "yang ditargetkan selesai dalam {n} bulan", "meski cuaca buruk melanda sejak pagi",
         "bersama {n} relawan dari berbagai daerah", "menurut keterangan resmi kepala dinas",
         "sebagai bagian dari program tahun {y}", "di tengah kenaikan harga bahan pokok"]


# More than one batch of the pipeline (ingest.pipeline.ARTICLES_PER_BATCH = 128), so that a
# killed run can have written some articles and not others.
N_SYNTHETIC = 200


def _synthetic_articles(path: Path, n: int, seed: int = 7) -> None:
    """n short articles (one to three paragraphs; every 20th long enough for several chunks)."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            place = rnd.choice(PLACES)
            long = i % 20 == 5
            paragraphs = []
            for _ in range(10 if long else rnd.choice([1, 1, 2, 3])):
                sentences = []
                for _ in range(2 if long else 1):
                    tail = rnd.choice(TAILS).format(n=rnd.randint(2, 900), y=rnd.randint(2019, 2025))
                    sentences.append(f"{rnd.choice(SUBJECTS)} di {rnd.choice(PLACES)} "
                                     f"{rnd.choice(VERBS)} {rnd.choice(OBJECTS)} {tail}.")
                paragraphs.append(" ".join(sentences))
            record = {"title": f"Kabar {place} nomor {i}", "text": "\n\n".join(paragraphs)}
            if i % 3:
                record["doc_id"] = f"syn-{i:04d}"  # the rest get ids from the file and line
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _stored_rows(store_dir: Path) -> int:
    """Rows Chroma has committed, read straight from its SQLite file, read-only."""
    db = store_dir / "chroma.sqlite3"
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return conn.execute("select count(*) from embeddings").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_equals_clean_run(tmp_path, model):
    feed = tmp_path / "many.jsonl"
    _synthetic_articles(feed, N_SYNTHETIC)
    killed_store = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "ingest", "--store", str(killed_store),
                             "--collection", "test", "--json", str(feed)],
                            cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 150
        rows = 0
        while time.time() < deadline and proc.poll() is None:
            rows = _stored_rows(killed_store)
            if rows > 0:
                break
            time.sleep(0.1)
        assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
        assert rows > 0, "no chunk was written before the deadline"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    clean_settings = make_settings(tmp_path, "clean")
    clean = Ingestor(clean_settings, model=model).ingest([str(feed)])
    assert clean.added == N_SYNTHETIC and clean.failed == []
    expected = contents(clean_settings)

    killed_settings = make_settings(tmp_path, "killed")
    partial = contents(killed_settings)
    assert 0 < len(partial) < len(expected), "the kill did not land mid-run"

    resumed = Ingestor(killed_settings, model=model).ingest([str(feed)])
    assert resumed.failed == []
    assert resumed.unchanged > 0 and resumed.added > 0
    assert resumed.unchanged + resumed.added + resumed.updated == N_SYNTHETIC
    assert contents(killed_settings) == expected
    assert open_store(killed_settings).collection.count() == len(expected)
    # Vectors too: the resumed store answers a query like the clean one.
    vector = model.encode_query(["jembatan gantung di Ambon"], convert_to_numpy=True).tolist()
    got = [open_store(s).collection.query(query_embeddings=vector, n_results=5)["ids"][0]
           for s in (killed_settings, clean_settings)]
    assert got[0] == got[1]


# --- a real Chroma server -------------------------------------------------------------------

@pytest.mark.slow
def test_server_mode(chroma_server, model, tmp_path):
    collection = f"test-{uuid.uuid4().hex[:8]}"
    settings = Settings.from_env(chroma_url=chroma_server, collection=collection)
    assert settings.chroma_url == chroma_server
    ingestor = Ingestor(settings, model=model)
    assert ingestor.store.where == chroma_server
    first = ingestor.ingest([str(SAMPLE)])
    assert (first.added, first.failed) == (1, [])
    n = first.chunks
    assert n == len(expected_ids(load_one(SAMPLE), model))
    second = Ingestor(settings, model=model).ingest([str(SAMPLE)])
    assert (second.unchanged, second.chunks, second.store_chunks) == (1, 0, n)
    stored = contents(settings)
    assert len(stored) == n
    for doc, _ in stored.values():
        assert not any(junk.lower() in doc.lower() for junk in JUNK)
    # Same ids and documents as an embedded store.
    embedded = make_settings(tmp_path, "embedded")
    Ingestor(embedded, model=model).ingest([str(SAMPLE)])
    assert contents(embedded) == stored
    [hit] = search(open_store(settings), model,
                   "What did US Deputy Secretary of State Kurt Campbell tell Kim Hong-kyun?")
    assert "Kurt Campbell" in hit["document"]

    # The CLI against the server: the sample is unchanged, the English article is added.
    proc = kabar("ingest", "--chroma-url", chroma_server, "--collection", collection, "--json",
                 str(SAMPLE), str(DATA / "english-news.txt"))
    assert proc.returncode == 0, proc.stderr
    summary = json_summary(proc)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (1, 0, 1)
    assert summary["failed"] == [] and summary["store_chunks"] == n + summary["chunks"]
    proc = kabar("list", "--chroma-url", chroma_server, "--collection", collection, "--json")
    assert proc.returncode == 0, proc.stderr
    titles = {a["title"] for a in json.loads(proc.stdout)["articles"]}
    assert titles == {SAMPLE_TITLE, "Harbour City Opens Floating Solar Farm on Reservoir"}
    # KABAR_CHROMA_URL works like --chroma-url.
    proc = kabar("list", "--collection", collection, "--json", KABAR_CHROMA_URL=chroma_server)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["articles"]) == 2
