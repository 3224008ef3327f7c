"""One store, many processes: a CLI ingest or delete while a server or an Assistant is open on
the same store, two servers on one Chroma server, and a Chroma server that stops and comes back.

Everything is real: `kabar ingest`/`kabar delete` and `python app.py` are subprocesses, Chroma is
embedded in a temporary directory or a real `chroma run`, and the clients are httpx.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SAMPLE, KabarServer, free_port, offline_settings, server_env

FESTIVAL = DATA / "festival-article.txt"
FESTIVAL_Q = "How many visitors attended the Zambrela kite festival?"
FESTIVAL_ANSWER = "48.213"
CAMPBELL_Q = "What did Campbell tell Kim Hong-kyun?"
VISIBLE_WITHIN_S = 10  # the promise: a new article answers within 10 s of the ingest


def kabar(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT,
                          env=server_env(ROOT), capture_output=True, text=True, timeout=600)


class Server(KabarServer):
    """A Kabar server and the one question these tests ask it."""

    def __init__(self, args: list[str], log: Path) -> None:
        super().__init__(args, log, server_env(log.parent))

    def ask(self, question: str, collection: str, timeout: float = 300):
        import httpx

        return httpx.post(self.url + "/api/ask", json={"question": question,
                                                        "collection": collection},
                          timeout=timeout)


def _answers_festival(response) -> bool:
    assert response.status_code == 200, response.text
    return FESTIVAL_ANSWER in response.json()["answer"]


def _cites(response, article_id: str) -> bool:
    body = response.json()
    return any(p["article_id"] == article_id for p in body["passages"])


class Asker(threading.Thread):
    """Asks a question over and over until stopped, recording every failure."""

    def __init__(self, ask) -> None:
        super().__init__(daemon=True)
        self.ask, self.failures, self.count = ask, [], 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.ask()
            except Exception as exc:  # noqa: BLE001 - every failure is what we count
                self.failures.append(repr(exc))
            self.count += 1

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=120)


def _wait_until(check, seconds: float) -> float:
    """Seconds until check() held; fails after `seconds`."""
    start = time.time()
    while True:
        if check():
            return time.time() - start
        if time.time() - start > seconds:
            pytest.fail(f"not true within {seconds} s")
        time.sleep(0.2)


@pytest.mark.slow
def test_cli_ingest_and_delete_while_an_assistant_is_open(tmp_path, model):
    from ingest.pipeline import Ingestor
    from qa import Assistant

    settings = offline_settings(tmp_path / "store", "shared")
    assert Ingestor(settings, model=model).ingest([str(SAMPLE)]).added == 1
    kb = Assistant(settings=settings)
    assert not kb.ask(CAMPBELL_Q).abstained
    asker = Asker(lambda: kb.search(CAMPBELL_Q))
    asker.start()
    try:
        proc = kabar("ingest", "--store", str(settings.store), "--collection", "shared",
                     "--json", str(FESTIVAL))
        assert proc.returncode == 0, proc.stderr
        _wait_until(lambda: FESTIVAL_ANSWER in kb.ask(FESTIVAL_Q).text, VISIBLE_WITHIN_S)
        festival_id = next(p.article_id for p in kb.search(FESTIVAL_Q) if "festival" in
                           p.article_id)
        proc = kabar("delete", "--store", str(settings.store), "--collection", "shared",
                     festival_id)
        assert proc.returncode == 0, proc.stderr
        # Never shown again: the very next search already misses it.
        for _ in range(3):
            assert all(p.article_id != festival_id for p in kb.search(FESTIVAL_Q, k=10))
    finally:
        asker.stop()
    assert asker.failures == [] and asker.count > 0


@pytest.mark.slow
def test_server_answers_about_a_cli_ingest_and_forgets_a_cli_delete(tmp_path, model):
    import httpx

    from ingest.pipeline import Ingestor

    settings = offline_settings(tmp_path / "store", "served")
    assert Ingestor(settings, model=model).ingest([str(SAMPLE)]).added == 1
    server = Server(["--store", str(settings.store), "--collection", "served"],
                    tmp_path / "server.log")
    try:
        assert not _answers_festival(server.ask(FESTIVAL_Q, "served"))

        def ask_campbell() -> None:
            r = httpx.post(server.url + "/api/search", json={"query": CAMPBELL_Q,
                                                              "collection": "served"}, timeout=60)
            assert r.status_code == 200, r.text

        asker = Asker(ask_campbell)
        asker.start()
        try:
            proc = kabar("ingest", "--store", str(settings.store), "--collection", "served",
                         str(FESTIVAL))
            assert proc.returncode == 0, proc.stderr
            _wait_until(lambda: _answers_festival(server.ask(FESTIVAL_Q, "served")),
                        VISIBLE_WITHIN_S)
            festival_id = next(p["article_id"] for p in server.ask(FESTIVAL_Q, "served").json()
                               ["passages"] if "festival" in p["article_id"])
            proc = kabar("delete", "--store", str(settings.store), "--collection", "served",
                         festival_id)
            assert proc.returncode == 0, proc.stderr
            assert not _cites(server.ask(FESTIVAL_Q, "served"), festival_id)
        finally:
            asker.stop()
        assert asker.failures == [] and asker.count > 0
    finally:
        server.stop()


def _start_chroma(data: Path, port: int, log: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "chroma"
    exe = exe if exe.exists() else Path(shutil.which("chroma") or "chroma")
    proc = subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=open(log, "a"),
                            stderr=subprocess.STDOUT, env=server_env(data.parent))
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"chroma run did not start: {log.read_text()}")


@pytest.mark.slow
def test_two_servers_on_one_chroma_server_both_see_a_cli_ingest(chroma_server, tmp_path):
    collection = f"two-{secrets.token_hex(3)}"
    proc = kabar("ingest", "--chroma-url", chroma_server, "--collection", collection,
                 str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    servers = [Server(["--chroma-url", chroma_server, "--collection", collection],
                      tmp_path / f"server-{n}.log") for n in range(2)]
    try:
        for server in servers:
            assert not _answers_festival(server.ask(FESTIVAL_Q, collection))
        proc = kabar("ingest", "--chroma-url", chroma_server, "--collection", collection,
                     str(FESTIVAL))
        assert proc.returncode == 0, proc.stderr
        for server in servers:
            _wait_until(lambda: _answers_festival(server.ask(FESTIVAL_Q, collection)),
                        VISIBLE_WITHIN_S)
    finally:
        for server in servers:
            server.stop()


@pytest.mark.slow
def test_a_chroma_server_that_stops_is_a_sentence_and_answers_resume(tmp_path):
    from gradio_client import Client

    port = free_port()
    chroma_url = f"http://127.0.0.1:{port}"
    chroma = _start_chroma(tmp_path / "chroma", port, tmp_path / "chroma.log")
    server = None
    try:
        proc = kabar("ingest", "--chroma-url", chroma_url, "--collection", "outage",
                     str(SAMPLE))
        assert proc.returncode == 0, proc.stderr
        server = Server(["--chroma-url", chroma_url, "--collection", "outage"],
                        tmp_path / "server.log")
        assert not server.ask(CAMPBELL_Q, "outage").json()["abstained"]

        chroma.terminate()
        chroma.wait(timeout=30)
        down = server.ask(CAMPBELL_Q, "outage")
        assert down.status_code == 503
        message = down.json()["error"]
        assert chroma_url in message and "chroma run" in message, message
        # The page's API says the same sentence, not a bare "Error".
        said = Client(server.url, verbose=False).predict(CAMPBELL_Q, api_name="/chat")
        assert chroma_url in said and "chroma run" in said, said

        chroma = _start_chroma(tmp_path / "chroma", port, tmp_path / "chroma.log")
        _wait_until(lambda: server.ask(CAMPBELL_Q, "outage").status_code == 200, 30)
        back = server.ask(CAMPBELL_Q, "outage").json()
        assert not back["abstained"] and "Kim Hong-kyun" in back["answer"]
    finally:
        if server is not None:
            server.stop()
        chroma.terminate()
        chroma.wait(timeout=30)
