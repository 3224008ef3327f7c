"""Many users at once: a real Kabar server answering concurrent users through the JSON API
(POST /api/ask, httpx) and the page's API (gradio_client, api_name "/ask"), every answer checked
against the same question asked alone.

Builds a store of the sample article plus a few hundred FacQA passages from ../shared/data (or,
without them, the sample and tests/data/*.txt), starts `python app.py --store DIR --port PORT` on
a free loopback port, asks each question once alone, then lets USERS users ask QUESTIONS
questions each at the same time, one way in after the other, and stops the server.

    python benchmarks/load.py [--users 40] [--questions 5] [--passages 300]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, ROOT, peak_rss_mb, write_result  # noqa: E402

SAMPLE = ROOT / "examples" / "idntimes-putin-kim.txt"
# (question, the earlier question whose answer is the history, or None): English and Indonesian.
SAMPLE_QUESTIONS = [
    ("What did Campbell tell Kim Hong-kyun?", None),
    ("What did Kim Hong-kyun tell Campbell?", None),
    ("Apa yang dikatakan Kim Hong-kyun kepada Campbell?", None),
    ("Kapan rudal Korut mendarat di Kharkiv?", None),
    ("Who is the Kremlin spokesman?", None),
    ("Siapa juru bicara Kremlin?", None),
    ("When did that happen?", "What did Campbell tell Kim Hong-kyun?"),
    ("Kapan itu terjadi?", "Apa yang dikatakan Kim Hong-kyun kepada Campbell?"),
    ("And what did Kim say back?", "What did Campbell tell Kim Hong-kyun?"),
]
# Over tests/data/*.txt, asked when ../shared/data is missing.
FIXTURE_QUESTIONS = [
    ("How many homes will the floating solar farm supply?", None),
    ("Berapa pengunjung Festival Layang-Layang Zambrela tahun ini?", None),
    ("Siapa ketua panitianya?", "Berapa pengunjung Festival Layang-Layang Zambrela tahun ini?"),
]
FACQA_QUESTIONS = 12
SERVER_START_S = 300  # the model loads and the store opens before the port answers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    """The caller's environment without anything that would change what is measured (an LLM,
    a login, another store)."""
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    for name in ("KABAR_LLM", "KABAR_AUTH", "KABAR_API_KEY", "KABAR_CHROMA_URL", "KABAR_STORE",
                 "KABAR_COLLECTION"):
        env.pop(name, None)
    return env


def build_store(store: Path, workdir: Path, passages: int) -> tuple[list[str], list[tuple]]:
    """Ingest the articles with `python -m ingest`; the sources and the questions about them."""
    sources = [str(SAMPLE)]
    questions = list(SAMPLE_QUESTIONS)
    facqa_articles, facqa_dev = DATA / "facqa" / "articles.jsonl", DATA / "facqa" / "dev.jsonl"
    if facqa_articles.is_file() and facqa_dev.is_file():
        dev = [json.loads(line) for line in facqa_dev.open(encoding="utf-8")]
        wanted: list[str] = []
        for q in dev:  # the passages of the first dev questions, so that those are answerable
            if q["doc_id"] not in wanted:
                wanted.append(q["doc_id"])
            if len(wanted) == passages:
                break
        keep = set(wanted)
        part = workdir / "facqa-part.jsonl"
        with part.open("w", encoding="utf-8") as out:
            for line in facqa_articles.open(encoding="utf-8"):
                if json.loads(line)["doc_id"] in keep:
                    out.write(line)
        sources.append(str(part))
        step = max(1, len(wanted) // FACQA_QUESTIONS)
        picked = [next(q for q in dev if q["doc_id"] == doc_id) for doc_id in wanted[::step]]
        questions += [(q["question"], None) for q in picked[:FACQA_QUESTIONS]]
    else:
        print(f"FacQA data missing ({facqa_articles} and {facqa_dev}): the store holds the "
              "sample article and tests/data/*.txt only.", file=sys.stderr)
        sources += sorted(str(p) for p in (ROOT / "tests" / "data").glob("*.txt"))
        questions += FIXTURE_QUESTIONS
    result = subprocess.run([sys.executable, "-m", "ingest", "--store", str(store),
                             "--collection", "load", "--json", *sources],
                            cwd=ROOT, env=server_env(), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"Ingestion failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    print(f"store: {result.stdout.strip().splitlines()[-1]}", file=sys.stderr)
    return sources, questions


class Server:
    """`python app.py` over the store on a loopback port, stopped on exit."""

    def __init__(self, store: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "app.py", "--store", str(store), "--collection", "load",
             "--port", str(self.port)],
            cwd=ROOT, env=server_env(), stdout=self.log, stderr=subprocess.STDOUT)

    def __enter__(self) -> Server:
        import httpx

        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"The server exited ({self.proc.returncode}); its log:\n"
                         + Path(self.log.name).read_text())
            try:
                if httpx.get(f"{self.url}/api/articles", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(1)
        self.__exit__()
        sys.exit(f"The server did not answer within {SERVER_START_S} s; see {self.log.name}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def essence(answer: dict) -> tuple:
    """What must not change with the load: the answer, what it cites, whether it abstained."""
    return (answer.get("answer"), [c.get("chunk_id") for c in answer.get("citations") or []],
            answer.get("abstained"))


class JsonApi:
    """POST /api/ask with httpx, one client per user."""

    name = "JSON API (POST /api/ask)"

    def __init__(self, url: str) -> None:
        import httpx

        self.client = httpx.Client(base_url=url, timeout=600)

    def ask(self, question: str, history: list[dict]) -> dict:
        response = self.client.post("/api/ask", json={"question": question, "history": history,
                                                      "k": 5})
        body = response.json()
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {body.get('error', body)}")
        return body

    def close(self) -> None:
        self.client.close()


class PageApi:
    """The page's API through gradio_client, one Client per user."""

    name = 'page API (gradio_client, "/ask")'

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False, analytics_enabled=False)

    def ask(self, question: str, history: list[dict]) -> dict:
        body = self.client.predict(question, history, 5, "", api_name="/ask")
        if isinstance(body, str):
            body = json.loads(body)
        if "error" in body:
            raise RuntimeError(body["error"])
        return body

    def close(self) -> None:
        self.client.close()


def conversations(questions: list[tuple], baseline: dict[tuple, dict]) -> list[tuple]:
    """(question, history) pairs: a follow-up carries its first question and that answer."""
    out = []
    for question, first in questions:
        history = [] if first is None else [
            {"role": "user", "content": first},
            {"role": "assistant", "content": baseline[(first, ())]["answer"]}]
        out.append((question, history))
    return out


def key(question: str, history: list[dict]) -> tuple:
    return question, tuple((m["role"], m["content"]) for m in history)


def load(way, url: str, asks: list[tuple], expected: dict[tuple, tuple], users: int,
         per_user: int) -> dict:
    """USERS threads, started together, each asking its PER_USER questions in turn."""
    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    lock = threading.Lock()
    ready = threading.Barrier(users + 1)

    def user(u: int) -> None:
        try:
            client = way(url)
        except Exception as exc:  # noqa: BLE001 - a client that cannot connect is an error
            with lock:
                errors.append(f"user {u} cannot connect: {exc}")
            ready.wait()
            return
        ready.wait()
        for i in range(per_user):
            question, history = asks[(u * per_user + i) % len(asks)]
            t0 = time.perf_counter()
            try:
                got = essence(client.ask(question, history))
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                with lock:
                    errors.append(f"{question!r}: {type(exc).__name__}: {exc}")
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)
                if got != expected[key(question, history)]:
                    mismatches.append(f"{question!r}: {got} != {expected[key(question, history)]}")
        client.close()

    threads = [threading.Thread(target=user, args=(u,)) for u in range(users)]
    for t in threads:
        t.start()
    ready.wait()  # the clients are made; the clock starts when all of them may ask
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ordered = sorted(latencies)
    return {
        "way_in": way.name, "users": users, "questions_per_user": per_user,
        "answers": len(latencies), "errors": len(errors), "mismatches": len(mismatches),
        "p50_s": round(statistics.median(ordered), 2) if ordered else None,
        "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2)
        if ordered else None,
        "answers_per_s": round(len(latencies) / wall, 2), "wall_s": round(wall, 1),
        "error_examples": sorted(set(errors))[:5], "mismatch_examples": sorted(set(mismatches))[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--questions", type=int, default=5, help="questions per user")
    parser.add_argument("--passages", type=int, default=300,
                        help="FacQA passages beside the sample (when ../shared/data has them)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        sources, questions = build_store(Path(tmp) / "store", Path(tmp), args.passages)
        ingest_s = time.perf_counter() - t0
        with Server(Path(tmp) / "store", Path(tmp) / "server.log") as server:
            # Single-user answers, one question at a time: first questions, then follow-ups.
            single = JsonApi(server.url)
            baseline: dict[tuple, dict] = {}
            alone: list[float] = []
            for first_turns in (True, False):
                for question, history in conversations(
                        [q for q in questions if (q[1] is None) == first_turns], baseline):
                    t1 = time.perf_counter()
                    baseline[key(question, history)] = single.ask(question, history)
                    alone.append(time.perf_counter() - t1)
            single.close()
            asks = conversations(questions, baseline)
            expected = {k: essence(answer) for k, answer in baseline.items()}
            runs = [load(way, server.url, asks, expected, args.users, args.questions)
                    for way in (JsonApi, PageApi)]

    result = {
        "sources": len(sources), "distinct_questions": len(asks),
        "follow_ups": sum(1 for _, h in asks if h), "ingest_s": round(ingest_s, 1),
        "single_user_p50_s": round(statistics.median(alone), 2), "runs": runs,
        "benchmark_peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(f"{len(asks)} distinct questions ({result['follow_ups']} follow-ups); one at a time "
          f"p50 {result['single_user_p50_s']} s\n")
    print("| way in | users x questions | answers | errors | mismatches | p50 s | p95 s "
          "| answers/s |\n|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['way_in']} | {r['users']} x {r['questions_per_user']} | {r['answers']} "
              f"| {r['errors']} | {r['mismatches']} | {r['p50_s']} | {r['p95_s']} "
              f"| {r['answers_per_s']} |")
        for example in r["error_examples"] + r["mismatch_examples"]:
            print(f"    {example}")
    print(f"wrote {write_result('load', result)}")
    return 1 if any(r["errors"] or r["mismatches"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
