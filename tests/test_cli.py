"""The `kabar` command as a user runs it: real processes, a real embedded store, the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT
from qa.records import ARTICLE_FIELDS


def kabar(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KABAR_LLM"}  # the offline answerer only
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def store_args(settings) -> list[str]:
    return ["--store", str(settings.store), "--collection", settings.collection]


def test_ask_json_abstention_cites_nothing(sample_store):
    settings, article_id = sample_store
    proc = kabar("ask", *store_args(settings), "--json",
                 "Berapa harga tiket kereta cepat Jakarta-Bandung?")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)  # stdout is the JSON alone, whatever went to stderr
    assert answer["abstained"] is True
    assert answer["citations"] == []
    # The passages it read are still there, for whoever wants to look.
    assert answer["passages"] and answer["passages"][0]["article_id"] == article_id
    # Loading takes seconds: stderr says what is happening.
    assert f"Loading the embedding model ({settings.model}, onnx)" in proc.stderr


def test_ask_json_answer_cites(sample_store):
    settings, article_id = sample_store
    proc = kabar("ask", *store_args(settings), "--json",
                 "What did US Deputy Secretary of State Kurt Campbell tell Kim Hong-kyun?")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["abstained"] is False
    assert answer["citations"] and answer["citations"][0]["article_id"] == article_id


def test_list_json_prints_the_documented_fields(sample_store):
    settings, article_id = sample_store
    proc = kabar("list", *store_args(settings), "--json")
    assert proc.returncode == 0, proc.stderr
    [article] = json.loads(proc.stdout)["articles"]
    assert tuple(article) == ARTICLE_FIELDS == (
        "article_id", "title", "source", "url", "published", "n_chunks", "ingested_at")
    assert article["article_id"] == article_id
    assert article["published"] is None  # the sample text file carries no date
    assert article["n_chunks"] >= 4 and isinstance(article["ingested_at"], int)
