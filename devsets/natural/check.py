#!/usr/bin/env python3
"""Validate questions.jsonl of the natural dev/test set (stdlib only).

Checks that every doc_id resolves to an article text, every gold sentence is an exact substring
of it, every gold_span is inside one of its gold sentences, ids are unique, conversations have
turns 1..n in order, every doc_id sits in one split only, and fields hold allowed values.
Prints counts; exits 1 on any problem.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))
KINDS = {"statement", "reason", "how", "what-happened", "exchange", "consequence", "who-is",
         "where-from", "when", "factoid", "unanswerable"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_texts(needed):
    texts = {}
    sources = [(os.path.join(HERE, "articles.jsonl"), "natural-"),
               (os.path.join(SHARED, "facqa", "articles.jsonl"), "facqa-"),
               (os.path.join(SHARED, "idkmrc", "articles.jsonl"), "idkmrc-")]
    for path, prefix in sources:
        if not any(d.startswith(prefix) for d in needed):
            continue
        for row in read_jsonl(path):
            if row["doc_id"].startswith(prefix) and row["doc_id"] in needed:
                texts[row["doc_id"]] = row["text"]
    if "sample-idntimes" in needed:
        with open(os.path.join(SHARED, "seed", "idntimes-putin-kim.txt"), encoding="utf-8") as f:
            texts["sample-idntimes"] = f.read()
    return texts


def main():
    problems = []
    rows = read_jsonl(os.path.join(HERE, "questions.jsonl"))
    texts = load_texts({r["doc_id"] for r in rows})

    ids = collections.Counter(r["id"] for r in rows)
    problems += ["duplicate id %s" % i for i, n in ids.items() if n > 1]

    doc_splits = collections.defaultdict(set)
    convs = collections.defaultdict(list)
    for r in rows:
        where = r.get("id", "?")
        for key in ("id", "doc_id", "language", "kind", "question", "gold_sentences", "gold_span",
                    "conversation", "turn", "split"):
            if key not in r:
                problems.append("%s: missing %s" % (where, key))
        if r["language"] not in ("en", "id"):
            problems.append("%s: language %r" % (where, r["language"]))
        if r["kind"] not in KINDS:
            problems.append("%s: kind %r" % (where, r["kind"]))
        if r["split"] not in ("dev", "test"):
            problems.append("%s: split %r" % (where, r["split"]))
        if not r["question"].strip():
            problems.append("%s: empty question" % where)
        text = texts.get(r["doc_id"])
        if text is None:
            problems.append("%s: unknown doc_id %s" % (where, r["doc_id"]))
            continue
        gold = r["gold_sentences"]
        for s in gold:
            if not s or s not in text:
                problems.append("%s: gold sentence not in %s: %.60r" % (where, r["doc_id"], s))
        if r["kind"] == "unanswerable":
            if gold or r["gold_span"] is not None:
                problems.append("%s: unanswerable question with gold" % where)
        elif not gold:
            problems.append("%s: no gold sentence" % where)
        if r["gold_span"] is not None and not any(r["gold_span"] in s for s in gold):
            problems.append("%s: gold_span %r not in its gold sentences" % (where, r["gold_span"]))
        doc_splits[r["doc_id"]].add(r["split"])
        if r["conversation"] is not None:
            convs[r["conversation"]].append(r)
        elif r["turn"] != 1:
            problems.append("%s: turn %r outside a conversation" % (where, r["turn"]))

    for d, splits in doc_splits.items():
        if len(splits) > 1:
            problems.append("doc %s in several splits: %s" % (d, sorted(splits)))
    for cid, turns in convs.items():
        if [t["turn"] for t in turns] != list(range(1, len(turns) + 1)):
            problems.append("%s: turns %s not consecutive from 1" % (cid, [t["turn"] for t in turns]))
        if not 2 <= len(turns) <= 4:
            problems.append("%s: %d turns" % (cid, len(turns)))
        if len({t["split"] for t in turns}) > 1:
            problems.append("%s: turns in several splits" % cid)
        positions = [rows.index(t) for t in turns]
        if positions != list(range(positions[0], positions[0] + len(turns))):
            problems.append("%s: turns not adjacent in the file" % cid)

    def source(d):
        return d.split("-")[0]

    print("questions:        %d" % len(rows))
    print("articles:         %d  (%s)" % (len(doc_splits), ", ".join(
        "%s %d" % kv for kv in sorted(collections.Counter(source(d) for d in doc_splits).items()))))
    print("conversations:    %d" % len(convs))
    print("follow-up turns:  %d" % sum(len(t) - 1 for t in convs.values()))
    print("topic switches:   %d" % sum(1 for t in convs.values() if len({x["doc_id"] for x in t}) > 1))
    print("language:         %s" % dict(sorted(collections.Counter(r["language"] for r in rows).items())))
    print("kind:")
    kinds = collections.Counter(r["kind"] for r in rows)
    by_split = collections.Counter((r["kind"], r["split"]) for r in rows)
    for k in sorted(KINDS, key=lambda k: -kinds[k]):
        print("  %-14s %3d  (dev %d, test %d)" % (k, kinds[k], by_split[(k, "dev")], by_split[(k, "test")]))
    for sp in ("dev", "test"):
        sub = [r for r in rows if r["split"] == sp]
        docs = {r["doc_id"] for r in sub}
        print("split %-4s        %d questions, %d articles (%s), %d conversations, %s" % (
            sp, len(sub), len(docs),
            ", ".join("%s %d" % kv for kv in sorted(collections.Counter(source(d) for d in docs).items())),
            len({r["conversation"] for r in sub if r["conversation"]}),
            dict(sorted(collections.Counter(r["language"] for r in sub).items()))))

    if problems:
        print("\n%d problem(s):" % len(problems))
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
