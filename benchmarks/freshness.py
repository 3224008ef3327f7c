"""How soon a running server answers about an article another process ingested, and forgets one
it deleted, on a store of real size; and whether any request failed meanwhile.

    python benchmarks/freshness.py [--passages N] [--rounds R]

Builds an embedded store from ../shared/data (FacQA passages, then IDK-MRC paragraphs, up to N
articles; it says so and stops when the data is missing), starts `python app.py` on it, and then,
R times: `kabar ingest` of a new article from another process while a client asks questions in a
loop; the seconds from the ingest's exit to the first answer that quotes the new article; then
`kabar delete` and the seconds until no answer cites it. Writes benchmarks/results/freshness.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULT = ROOT / "benchmarks" / "results" / "freshness.json"
ARTICLE = ("Festival Perahu Naga Sungai Kelabu {n}\n\n"
           "Festival Perahu Naga Sungai Kelabu ke-{n} diikuti {boats} perahu dari {towns} "
           "kabupaten, kata ketua panitia, Suryani Larasati, pada hari Minggu. Lomba utama "
           "dimenangi tim dari Desa Karang Tumaritis.")
QUESTION = "Berapa perahu yang ikut Festival Perahu Naga Sungai Kelabu ke-{n}?"


def _env() -> dict[str, str]:
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False")
    for name in ("KABAR_AUTH", "KABAR_API_KEY", "KABAR_LLM", "KABAR_CHROMA_URL", "KABAR_STORE"):
        env.pop(name, None)
    return env


def kabar(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT, env=_env(), check=True,
                   capture_output=True, text=True)


def build_store(store: Path, passages: int, work: Path) -> int:
    lines: list[str] = []
    for name in ("facqa/articles.jsonl", "idkmrc/articles.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            lines.extend(line for line in f if line.strip())
    source = work / "articles.jsonl"
    source.write_text("".join(lines[:passages]), encoding="utf-8")
    kabar("ingest", "--store", str(store), "--collection", "fresh", str(source))
    return min(passages, len(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"freshness: {DATA} is missing; this benchmark needs ../shared/data beside the "
              "checkout.", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kabar-fresh-"))
    store = work / "store"
    started = time.time()
    n_articles = build_store(store, args.passages, work)
    print(f"store: {n_articles} articles in {time.time() - started:.0f} s")

    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    log = open(work / "server.log", "w")
    server = subprocess.Popen([sys.executable, "app.py", "--store", str(store), "--collection",
                               "fresh", "--port", str(port)], cwd=ROOT, env=_env(), stdout=log,
                              stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=url, timeout=300, trust_env=False)
    rows = []
    try:
        while True:
            try:
                if client.get("/v1/models").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(1)

        def ask(question: str) -> dict:
            r = client.post("/api/ask", json={"question": question, "collection": "fresh"})
            r.raise_for_status()
            return r.json()

        failures: list[str] = []
        asked = [0]
        stop = threading.Event()

        def background() -> None:  # another user asking about something else all along
            with httpx.Client(base_url=url, timeout=300, trust_env=False) as other:
                while not stop.is_set():
                    r = other.post("/api/search", json={"query": "impor gandum",
                                                         "collection": "fresh"})
                    asked[0] += 1
                    if r.status_code != 200:
                        failures.append(f"{r.status_code} {r.text[:200]}")

        thread = threading.Thread(target=background, daemon=True)
        thread.start()
        for n in range(1, args.rounds + 1):
            boats = 100 + 7 * n
            path = work / f"festival-{n}.txt"
            path.write_text(ARTICLE.format(n=n, boats=boats, towns=n + 3), encoding="utf-8")
            question = QUESTION.format(n=n)
            kabar("ingest", "--store", str(store), "--collection", "fresh", str(path))
            done = time.time()
            while str(boats) not in ask(question)["answer"]:
                time.sleep(0.2)
            visible = time.time() - done
            answer = ask(question)
            article_id = answer["citations"][0]["article_id"]
            kabar("delete", "--store", str(store), "--collection", "fresh", article_id)
            done = time.time()
            while any(p["article_id"] == article_id for p in ask(question)["passages"]):
                time.sleep(0.2)
            gone = time.time() - done
            rows.append({"round": n, "visible_after_ingest_s": round(visible, 2),
                         "gone_after_delete_s": round(gone, 2)})
            print(f"round {n}: answered {visible:.2f} s after the ingest, "
                  f"forgotten {gone:.2f} s after the delete")
        stop.set()
        thread.join(timeout=300)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "articles": n_articles, "rounds": rows,
        "visible_p50_s": statistics.median(r["visible_after_ingest_s"] for r in rows),
        "visible_max_s": max(r["visible_after_ingest_s"] for r in rows),
        "gone_max_s": max(r["gone_after_delete_s"] for r in rows),
        "background_requests": asked[0], "background_failures": len(failures),
        "failure_examples": failures[:3], "cpus": os.cpu_count(),
    }
    print(f"\n| articles | answered after ingest (p50 / max) | forgotten after delete (max) | "
          f"requests meanwhile | failed |\n|---|---|---|---|---|\n| {n_articles} | "
          f"{result['visible_p50_s']:.2f} / {result['visible_max_s']:.2f} s | "
          f"{result['gone_max_s']:.2f} s | {asked[0]} | {len(failures)} |")
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULT.relative_to(ROOT)}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
