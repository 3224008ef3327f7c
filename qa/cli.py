"""The `kabar` command: ingest, list, delete, search, eval, ask, serve."""

from __future__ import annotations

import argparse
import logging
import sys

from qa.store import StoreError


def build_parser() -> argparse.ArgumentParser:
    from ingest import cli as ingest_cli

    parser = argparse.ArgumentParser(
        prog="kabar", description="Question answering over news articles, offline, with quotes.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from qa.embeddings import ModelError

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")
    try:
        return int(args.func(args) or 0)
    except (StoreError, ModelError) as exc:
        print(f"kabar: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
