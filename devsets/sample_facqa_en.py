"""Deterministically sample the FacQA dev rows that devsets/facqa-en-dev.jsonl translates.

    python devsets/sample_facqa_en.py            # the first 170 (seed 2026), sorted by id
    python devsets/sample_facqa_en.py --more 330 # 330 more from the rest (seed 2027), sorted by id

The first sample is unchanged from the set's first version, so its figures stay comparable.
"""
import argparse
import json
import random

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("path", nargs="?", default="../shared/data/facqa/dev.jsonl")
parser.add_argument("--more", type=int, default=0, help="sample this many more rows instead")
args = parser.parse_args()
with open(args.path, encoding="utf-8") as f:
    rows = [json.loads(line) for line in f if line.strip()]
sample = random.Random(2026).sample(rows, 170)
if args.more:
    taken = {r["id"] for r in sample}
    sample = random.Random(2027).sample([r for r in rows if r["id"] not in taken], args.more)
for row in sorted(sample, key=lambda r: r["id"]):
    print(json.dumps(row, ensure_ascii=False))
