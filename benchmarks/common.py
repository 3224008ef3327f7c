"""Shared by the benchmark scripts: where the evaluation data lives and how results are written."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"


def require_data(*relative: str) -> list[Path]:
    """Paths under ../shared/data, or a clear message and exit 2 when they are missing."""
    paths = [DATA / r for r in relative]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print("Benchmark data missing (this benchmark reads ../shared/data beside the checkout):\n  "
              + "\n  ".join(missing), file=sys.stderr)
        sys.exit(2)
    return paths


def write_result(name: str, result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {"machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                          "platform": platform.platform()}, **result}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return path


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
