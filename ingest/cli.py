"""`kabar ingest`, `kabar list` and `kabar delete` (also `python -m ingest`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone

from qa.flags import add_store_arguments, loading_message, say_if_slow, settings_from


def _print_summary(summary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    print(f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
          f"failed {len(summary.failed)}; {summary.chunks} chunks written, "
          f"{summary.store_chunks} in the store")
    for failure in summary.failed:
        print(f"  FAILED {failure.source}: {failure.error}", file=sys.stderr)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of workers, 1 or more")
    return value


def run_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import Ingestor
    from qa.store import open_store

    settings = settings_from(args)
    # The store first: its errors (a bad collection name, another model's collection) then come
    # alone, not after a loading message.
    store = open_store(settings, create=True)
    with store.reading():
        has_articles = store.collection.count() > 0
    if args.if_empty and has_articles:
        if not args.json:
            print(f"{store.where} already holds articles; nothing ingested (--if-empty)")
        return 0
    if args.workers > 1:
        from ingest.parallel import ingest_in_parallel

        # Each worker loads its own model; this process parses the sources and loads none.
        summary = ingest_in_parallel(settings, args.sources, args.workers, store=store)
    else:
        with say_if_slow(loading_message(settings)):
            ingestor = Ingestor(settings, store=store)
        summary = ingestor.ingest(args.sources)
    _print_summary(summary, args.json)
    return 0 if summary.ok else 1


def run_list(args: argparse.Namespace) -> int:
    from ingest.index import ArticleIndex
    from qa.store import open_store

    heads = ArticleIndex(open_store(settings_from(args))).list_articles()
    if args.json:
        print(json.dumps({"articles": [head.summary() for head in heads]}, ensure_ascii=False))
        return 0
    for head in heads:
        meta = head.metadata
        when = datetime.fromtimestamp(meta.get("ingested_at", 0), timezone.utc).strftime("%Y-%m-%d")
        print(f"{meta['article_id']}\t{meta['n_chunks']} chunks\t{when}\t"
              f"{meta.get('title') or '(untitled)'}\t{meta.get('source', '')}")
    print(f"{len(heads)} articles", file=sys.stderr)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from ingest.index import ArticleIndex
    from qa.store import open_store

    index = ArticleIndex(open_store(settings_from(args)))
    status = 0
    for article_id in args.article_ids:
        removed = index.delete(article_id)
        if removed:
            print(f"deleted {article_id} ({removed} chunks)")
        else:
            print(f"no article {article_id!r} in the store (see `kabar list`)", file=sys.stderr)
            status = 1
    return status


def register(subparsers) -> None:
    """Add the ingest, list and delete commands to a `kabar` argument parser."""
    p = subparsers.add_parser("ingest", help="add or update articles from files, folders or URLs")
    add_store_arguments(p)
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--if-empty", action="store_true",
                   help="do nothing if the collection already holds articles")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="N processes embed and write disjoint shards of the articles (by a hash "
                        "of the article id), each with its own model (about 0.6 GB of memory); "
                        "the result is the same store as one process. Meant for a Chroma server "
                        "(--chroma-url), which takes their writes at once. With an embedded "
                        "--store it is safe but gains less: the workers' writes take turns on "
                        "the store's lock, and each reopens the store after another's write. "
                        "Default 1")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help=".txt .md .html .htm .json .jsonl files, folders, or http(s) URLs")
    p.set_defaults(func=run_ingest)

    p = subparsers.add_parser("list", help="list the stored articles")
    add_store_arguments(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list)

    p = subparsers.add_parser("delete", help="delete articles by id")
    add_store_arguments(p)
    p.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID")
    p.set_defaults(func=run_delete)
