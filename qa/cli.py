"""The `kabar` command: ingest, list, delete, search, eval, ask, serve."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from qa.flags import add_search_arguments, add_store_arguments, loading_message, say_if_slow, settings_from
from qa.fusion import Fusion
from qa.settings import DEFAULT_K, SettingsError
from qa.store import StoreError


def _assistant(args):
    """The Assistant for a command's --store/--chroma-url/--collection/--model flags."""
    from qa.assistant import Assistant

    settings = settings_from(args)
    # The Assistant opens the store (never creating it) before it loads the model.
    with say_if_slow(loading_message(settings)):
        return Assistant(settings=settings, fusion=getattr(args, "fusion", "kabar"))


def run_search(args: argparse.Namespace) -> int:
    kb = _assistant(args)
    passages = kb.search(args.query, k=args.k)
    if args.json:
        from qa.service import search_json  # the same JSON as POST /api/search

        print(json.dumps(search_json(passages), ensure_ascii=False))
        return 0
    if not passages:
        print("No passages: the store is empty.")
    for n, p in enumerate(passages, start=1):
        print(f"[{n}] {p.score:.3f}  {p.title or p.article_id}  ({p.chunk_id})")
        print("    " + p.text.replace("\n", " ")[:400])
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from qa.evaluate import DEPTH, evaluate, load_questions

    try:
        questions = load_questions(args.questions)
    except OSError as exc:  # a missing or unreadable file: a message, not a traceback
        print(f"kabar: error: cannot read {args.questions}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    except ValueError as exc:  # load_questions names the line and the expected schema
        print(f"kabar: error: {exc}", file=sys.stderr)
        return 2
    if args.limit:
        questions = questions[:args.limit]
    kb = _assistant(args)
    result = evaluate(lambda q: kb.search(q, k=DEPTH), questions)
    result["fusion"] = args.fusion
    result["rerank"] = kb.retriever.reranker is not None and args.fusion == "kabar"
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{len(questions)} questions, fusion={args.fusion}, "
          f"rerank={'on' if result['rerank'] else 'off'}")
    print(f"{'lang':6}{'n':>6}{'R@1':>8}{'R@5':>8}{'R@20':>8}{'MRR@10':>8}{'nDCG@10':>9}")
    for lang, m in result["by_language"].items():
        print(f"{lang:6}{m['n']:>6}{m['R@1']:>8.3f}{m['R@5']:>8.3f}{m['R@20']:>8.3f}"
              f"{m['MRR@10']:>8.3f}{m['nDCG@10']:>9.3f}")
    lat = result["latency_ms"]
    print(f"search latency (k={DEPTH}): p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms")
    return 0


def run_ask(args: argparse.Namespace) -> int:
    from qa.assistant import format_sources

    kb = _assistant(args)
    answer = kb.ask(args.question, k=args.k, llm=args.llm)
    if args.json:
        from qa.service import answer_json  # the same JSON as POST /api/ask

        print(json.dumps(answer_json(answer), ensure_ascii=False))
        return 0
    print(answer.text + format_sources(answer))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    import runpy

    argv = [a for pair in (("--store", args.store), ("--chroma-url", args.chroma_url),
                           ("--collection", args.collection), ("--model", args.model),
                           ("--encoder", args.encoder), ("--host", args.host),
                           ("--port", str(args.port))) if pair[1] for a in pair]
    if args.rerank is not None:
        argv.append("--rerank" if args.rerank else "--no-rerank")
    app = runpy.run_path(str(_app_path()), run_name="kabar_app")
    return int(app["main"](argv) or 0)


def _app_path():
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "app.py"
    if not path.is_file():
        raise SystemExit("kabar serve needs app.py from the Kabar checkout")
    return path


def build_parser() -> argparse.ArgumentParser:
    # `kabar` is also the ingest, list and delete commands, which live in ingest/.
    from ingest.cli import register

    parser = argparse.ArgumentParser(
        prog="kabar", description="Question answering over news articles, offline, with quotes.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)

    p = sub.add_parser("search", help="find the passages that answer a question")
    add_store_arguments(p)
    add_search_arguments(p)
    p.add_argument("-k", type=int, default=DEFAULT_K,
                   help=f"number of passages (default {DEFAULT_K})")
    p.add_argument("--json", action="store_true")
    p.add_argument("query", metavar="QUERY")
    p.set_defaults(func=run_search)

    p = sub.add_parser("eval", help="measure retrieval on a question set (facqa/dev.jsonl schema)")
    add_store_arguments(p)
    add_search_arguments(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--fusion", default="kabar", choices=[f.value for f in Fusion])
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("questions", metavar="QUESTIONS.jsonl")
    p.set_defaults(func=run_eval)

    p = sub.add_parser("ask", help="answer a question with quoted, cited sentences")
    add_store_arguments(p)
    add_search_arguments(p)
    p.add_argument("-k", type=int, default=DEFAULT_K,
                   help=f"passages retrieved (default {DEFAULT_K}); an LLM reads them all, the "
                        "offline answerer the first 5")
    p.add_argument("--llm", help="ollama:<model> or openai:<model> (default: $KABAR_LLM, else "
                                 "the offline extractive answerer)")
    p.add_argument("--json", action="store_true")
    p.add_argument("question", metavar="QUESTION")
    p.set_defaults(func=run_ask)

    p = sub.add_parser("serve", help="start the web chat (same as python app.py)")
    add_store_arguments(p)
    add_search_arguments(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=run_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    from qa.embeddings import ModelError

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")
    try:
        return int(args.func(args) or 0)
    except (StoreError, ModelError, SettingsError) as exc:
        print(f"kabar: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
