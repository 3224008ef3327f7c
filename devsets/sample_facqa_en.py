"""Deterministically sample 170 FacQA dev rows (seed 2026) and print them as JSONL sorted by id."""
import json
import random
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/facqa/dev.jsonl"
with open(path, encoding="utf-8") as f:
    rows = [json.loads(line) for line in f if line.strip()]
sample = sorted(random.Random(2026).sample(rows, 170), key=lambda r: r["id"])
for row in sample:
    print(json.dumps(row, ensure_ascii=False))
