"""What every Kabar command shares: the flags that pick a store and a model, the Settings they
make, and a word to the user while the model loads."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from qa.embeddings import ENCODERS, resolve_encoder
from qa.settings import Settings

SLOW_START_S = 1.0


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """--store / --chroma-url / --collection / --model, shared by every kabar command and app.py."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR",
                       help="embedded Chroma directory (default: $KABAR_STORE or "
                            "~/.local/share/kabar/store)")
    where.add_argument("--chroma-url", metavar="URL",
                       help="a Chroma server started with `chroma run`, e.g. http://127.0.0.1:8000")
    parser.add_argument("--collection", help="collection name (default: kabar)")
    parser.add_argument("--model", help="sentence-transformers model name or path (default: the "
                                        "offline multilingual-e5-small)")
    parser.add_argument("--encoder", choices=ENCODERS,
                        help="what runs the model: onnx (int8, the default model's default) or "
                             "torch (float32, any model's default); $KABAR_ENCODER")


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    """--rerank / --no-rerank, for the commands that search (search, eval, ask, serve, app.py)."""
    parser.add_argument("--rerank", action=argparse.BooleanOptionalAction, default=None,
                        help="re-score the first stage's best passages with the second stage "
                             "(qa/rerank.py; default on, $KABAR_RERANK=0 turns it off)")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(store=args.store, chroma_url=args.chroma_url,
                             collection=args.collection, model=args.model,
                             encoder=args.encoder, rerank=getattr(args, "rerank", None))


@contextmanager
def say_if_slow(message: str, *, after_s: float = SLOW_START_S) -> Iterator[None]:
    """Print message to stderr if the block is still running after after_s seconds.

    Loading the model takes 9-12 s with nothing to show for it; a quick start stays silent, and
    stdout stays clean for --json. Callers open the store before the model, so that a store error
    comes alone.
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
    encoder = resolve_encoder(settings.model, settings.encoder)
    return f"Loading the embedding model ({settings.model}, {encoder})…"
