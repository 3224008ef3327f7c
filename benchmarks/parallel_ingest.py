"""Speed-up of `kabar ingest --workers 2` over one worker, against a real `chroma run` server.

Reads ../shared/data/facqa/articles.jsonl (stops with a message if it is missing). Each run
ingests the same first N articles into a fresh collection of one server started here; the runs
alternate (1, 2, 2, 1 workers by default) so that a change in the machine's load touches both.
Times count from the moment every worker has loaded its model (a fixed cost, reported apart) to
the end. The machine's idle CPU during each run is read from /proc/stat, so the table says how
many cores were free: on a shared machine the ratio holds within one run, absolute rates do not.

    OMP_NUM_THREADS=1 python benchmarks/parallel_ingest.py [--limit N] [--order 1,2,2,1]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import require_data, write_result  # noqa: E402


def cpu_times() -> tuple[float, float]:
    """(busy, idle) seconds of the whole machine so far, all cores together."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - idle) / tick, idle / tick


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of one running process (the Chroma server)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(exe if exe.exists() else shutil.which("chroma") or "chroma"),
                             "run", "--path", str(path), "--host", "127.0.0.1", "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    sys.exit("chroma run did not start within 60 s")


class ReadyTimes(logging.Handler):
    """Notes when ingest.parallel logs that a worker has loaded its model, and the CPU seconds
    each worker spent on its shard after that."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.times: list[float] = []
        self.idle_at: list[float] = []  # the machine's idle CPU seconds at each "ready"
        self.shard_cpu_s: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if " ready " in message:
            self.times.append(time.perf_counter())
            self.idle_at.append(cpu_times()[1])
        elif " finished: " in message:
            self.shard_cpu_s.append(float(record.args[2]))


def one_run(url: str, feed: Path, workers: int, name: str, server_pid: int) -> dict:
    from ingest.parallel import ingest_in_parallel
    from qa.settings import Settings

    settings = Settings.from_env(chroma_url=url, collection=name)
    ready = ReadyTimes()
    logger = logging.getLogger("ingest.parallel")
    logger.addHandler(ready)
    logger.setLevel(logging.INFO)  # the "ready" lines are INFO; nothing else prints them here
    # Cores left free by everything else on the machine, over 2 s before this run starts.
    before = cpu_times()[1]
    time.sleep(2)
    free_before = (cpu_times()[1] - before) / 2
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    server0 = process_cpu_s(server_pid)
    t0 = time.perf_counter()
    busy0, idle0 = cpu_times()
    try:
        summary = ingest_in_parallel(settings, [str(feed)], workers, progress=False)
    finally:
        logger.removeHandler(ready)
    end = time.perf_counter()
    busy1, idle1 = cpu_times()
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if summary.failed or len(ready.times) != workers:
        sys.exit(f"the run with {workers} workers failed: {summary.failed}")
    loaded = max(ready.times)
    ingest_s = end - loaded
    workers_cpu = ((children1.ru_utime + children1.ru_stime)
                   - (children0.ru_utime + children0.ru_stime))
    return {
        "workers": workers, "articles": summary.added, "chunks": summary.chunks,
        "wall_s": round(end - t0, 2), "model_load_s": round(loaded - t0, 2),
        "ingest_s": round(ingest_s, 2), "chunks_per_s": round(summary.chunks / ingest_s, 2),
        # Workers' CPU after their model loads, and in all; the server's is its share of the writes.
        "workers_ingest_cpu_s": round(sum(ready.shard_cpu_s), 2),
        "workers_cpu_s": round(workers_cpu, 2),
        "chunks_per_cpu_s": round(summary.chunks / sum(ready.shard_cpu_s), 2),
        "server_cpu_s": round(process_cpu_s(server_pid) - server0, 2),
        # Idle cores (machine-wide) before the run, during it, and while the workers embedded.
        "free_cores_before": round(free_before, 2),
        "free_cores": round((idle1 - idle0) / (end - t0), 2),
        "free_cores_ingesting": round((idle1 - ready.idle_at[-1]) / ingest_s, 2),
        "busy_cores": round((busy1 - busy0) / (end - t0), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="the first N articles (300)")
    parser.add_argument("--order", default="1,2,2,1",
                        help="worker counts of the runs, in order (default 1,2,2,1)")
    args = parser.parse_args()
    [articles] = require_data("facqa/articles.jsonl")
    order = [int(n) for n in args.order.split(",")]
    if os.environ.get("OMP_NUM_THREADS") is None:
        print("OMP_NUM_THREADS is not set: each worker takes cores/workers threads",
              file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "facqa.jsonl"
        lines = articles.read_text(encoding="utf-8").splitlines(True)[:args.limit]
        feed.write_text("".join(lines), encoding="utf-8")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = start_chroma(Path(tmp) / "chroma", port)
        try:
            runs = [one_run(f"http://127.0.0.1:{port}", feed, n, f"bench-{i}-{n}w", server.pid)
                    for i, n in enumerate(order)]
        finally:
            server.terminate()
            server.wait(timeout=30)

    rates = {n: [r["chunks_per_s"] for r in runs if r["workers"] == n] for n in set(order)}
    mean = {n: sum(v) / len(v) for n, v in rates.items()}
    per_cpu = [r["chunks"] for r in runs], [r["workers_ingest_cpu_s"] for r in runs]
    chunks_per_cpu_s = round(sum(per_cpu[0]) / sum(per_cpu[1]), 2)
    speedup = round(mean[2] / mean[1], 2) if 1 in mean and 2 in mean else None
    columns = ["workers", "chunks", "wall_s", "model_load_s", "ingest_s", "chunks_per_s",
               "workers_ingest_cpu_s", "chunks_per_cpu_s", "server_cpu_s", "free_cores_before",
               "free_cores_ingesting"]
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for run in runs:
        print("| " + " | ".join(str(run[c]) for c in columns) + " |")
    print(f"\nspeed-up of 2 workers over 1 (mean chunks/s after model load): {speedup}")
    print(f"chunks per CPU second of a worker, model load aside: {chunks_per_cpu_s}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}")
    result = {"source": "facqa/articles.jsonl", "limit": args.limit,
              "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
              "load_average_end": round(os.getloadavg()[0], 2), "runs": runs,
              "mean_chunks_per_s": {str(n): round(v, 2) for n, v in mean.items()},
              "speedup_2_over_1": speedup, "chunks_per_worker_cpu_s": chunks_per_cpu_s}
    print(f"wrote {write_result('parallel_ingest', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
