"""`kabar ingest`, `kabar list` and `kabar delete` (also `python -m ingest`)."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from ingest.index import article_summary
from qa.settings import Settings

SLOW_START_S = 1.0


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """--store / --chroma-url / --collection / --model, shared by every kabar command."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR",
                       help="embedded Chroma directory (default: $KABAR_STORE or "
                            "~/.local/share/kabar/store)")
    where.add_argument("--chroma-url", metavar="URL",
                       help="a Chroma server started with `chroma run`, e.g. http://127.0.0.1:8000")
    parser.add_argument("--collection", help="collection name (default: kabar)")
    parser.add_argument("--model", help="sentence-transformers model name or path (default: the "
                                        "offline multilingual-e5-small)")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(store=args.store, chroma_url=args.chroma_url,
                             collection=args.collection, model=args.model)


@contextmanager
def say_if_slow(message: str, *, after_s: float = SLOW_START_S) -> Iterator[None]:
    """Print message to stderr if the block is still running after after_s seconds.

    Loading the model takes 9-12 s with nothing to show for it; a quick start stays silent, and
    stdout stays clean for --json. Callers open the store first, so a store error comes alone.
    """
    timer = threading.Timer(after_s, lambda: print(message, file=sys.stderr, flush=True))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def loading_message(settings: Settings) -> str:
    """What a command says while it loads the embedding model."""
    return f"Loading the embedding model ({settings.model})…"


def _print_summary(summary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    print(f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
          f"failed {len(summary.failed)}; {summary.chunks} chunks written, "
          f"{summary.store_chunks} in the store")
    for failure in summary.failed:
        print(f"  FAILED {failure.source}: {failure.error}", file=sys.stderr)


def run_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import Ingestor
    from qa.store import open_store

    settings = settings_from(args)
    # The store first: its errors (a bad collection name, another model's collection) then come
    # alone, not after a loading message.
    store = open_store(settings, create=True)
    with say_if_slow(loading_message(settings)):
        ingestor = Ingestor(settings, store=store)
    with store.reading():
        has_articles = store.collection.count() > 0
    if args.if_empty and has_articles:
        if not args.json:
            print(f"{ingestor.store.where} already holds articles; nothing ingested (--if-empty)")
        return 0
    summary = ingestor.ingest(args.sources)
    _print_summary(summary, args.json)
    return 0 if summary.ok else 1


def run_list(args: argparse.Namespace) -> int:
    from ingest.index import ArticleIndex
    from qa.store import open_store

    articles = ArticleIndex(open_store(settings_from(args))).list_articles()
    if args.json:
        print(json.dumps({"articles": [article_summary(m) for m in articles]},
                         ensure_ascii=False))
        return 0
    for meta in articles:
        when = datetime.fromtimestamp(meta.get("ingested_at", 0), timezone.utc).strftime("%Y-%m-%d")
        print(f"{meta['article_id']}\t{meta['n_chunks']} chunks\t{when}\t"
              f"{meta.get('title') or '(untitled)'}\t{meta.get('source', '')}")
    print(f"{len(articles)} articles", file=sys.stderr)
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
