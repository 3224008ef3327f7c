"""Kabar's web chat (Gradio) and its HTTP API, served together by one FastAPI app.

    python app.py [--store DIR | --chroma-url URL] [--collection NAME] [--model NAME]
                  [--host HOST] [--port PORT]

Also `kabar serve`. Beside the page: the JSON API under /api, an OpenAI-compatible one under
/v1, OpenAPI docs at /docs, and the page's own API for gradio_client (api_name "/chat", "/ask").
"""

from __future__ import annotations

import argparse
import hmac
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import gradio as gr

from ingest.loaders import SUPPORTED_SUFFIXES
from qa.answer.followup import message_text
from qa.chat import answer_markdown, answer_markdown_steps, answer_plain, labels_for, sources_html
from qa.documents import Answer
from qa.flags import add_search_arguments, add_store_arguments, settings_from
from qa.service import KabarService, RequestError, answer_json, explain_failure
from qa.settings import DEFAULT_K, Settings, SettingsError
from qa.store import StoreError

# One of each kind a reader asks (devsets/natural): statements, a reason, an exchange, a date,
# a person; each answered right over the sample article.
EXAMPLES = [
    "What did Campbell tell Kim Hong-kyun?",
    "Apa yang dikatakan Kim Hong-kyun kepada Campbell?",
    "What did the Kremlin spokesman say about relations with North Korea?",
    "Mengapa AS khawatir soal kunjungan Putin ke Korut?",
    "Apa imbalan yang bisa didapat Korut dari ekspor senjata ke Moskow?",
    "Kapan rudal Korut mendarat di Kharkiv?",
    "Who is the Kremlin spokesman?",
]
# A short pause between the steps of an offline answer, which is ready all at once: enough for
# the page to show it growing (headline, quote, sources), ~0.3 s in all for a typical answer.
STEP_PAUSE_S = 0.025
CSS = """
.kabar-source {border:1px solid var(--border-color-primary); border-radius:8px; padding:8px 10px;
  margin-bottom:8px}
.kabar-meta {font-size:0.85em; opacity:0.75}
.kabar-passage mark {background:#ffe58a; color:#000; padding:0 2px}
.kabar-abstained {color:#b45309}
"""


class KabarApp:
    """The page's handlers, over the service the JSON API shares."""

    def __init__(self, service: KabarService) -> None:
        self.service = service
        self.settings = service.settings

    # ---- chat ------------------------------------------------------------------------------
    def respond(self, message: str, history: list[dict], k: float, mode: str, collection: str):
        """Stream the answer into the chat, then show its sources; a failure is a sentence.

        The question box and the Ask button are locked while an answer is written: a question
        asked meanwhile would otherwise be dropped by the page's queue."""
        message = (message or "").strip()
        history = list(history or [])
        if not message:
            yield history, gr.skip(), gr.skip(), gr.skip()
            return
        busy = (gr.update(value="", interactive=False), gr.update(interactive=False))
        ready = (gr.update(value="", interactive=True), gr.update(interactive=True))
        labels = labels_for(message)
        # Gradio 6 hands each message's content over as a list of parts: the conversation's
        # follow-ups read its text.
        turns = [{"role": m["role"], "content": message_text(m.get("content"))} for m in history
                 if m.get("role") in ("user", "assistant")]
        history = history + [{"role": "user", "content": message},
                             {"role": "assistant", "content": f"_{labels['searching']}_"}]
        yield history, sources_html(None), *busy
        llm = mode or "offline"  # "offline" overrides a KABAR_LLM default; else the LLM spec
        streamed = ""
        try:
            for piece in self.service.stream_answer(message, turns, k=int(k), llm=llm,
                                                    collection=collection):
                if isinstance(piece, Answer):
                    if llm == "offline":  # ready at once: show it grow, as it would be read
                        for step in answer_markdown_steps(piece, message):
                            history[-1] = {"role": "assistant", "content": step}
                            yield history, gr.skip(), gr.skip(), gr.skip()
                            time.sleep(STEP_PAUSE_S)
                    history[-1] = {"role": "assistant", "content": answer_markdown(piece, message)}
                    yield history, sources_html(piece, message), *ready
                    return
                if llm != "offline":  # an LLM's tokens show as they come
                    streamed += piece
                    history[-1] = {"role": "assistant", "content": streamed}
                    yield history, gr.skip(), gr.skip(), gr.skip()
        except Exception as exc:  # the question stays in the history, with what to do
            history[-1] = {"role": "assistant",
                           "content": "⚠️ " + explain_failure(exc, self.settings)}
            yield history, sources_html(None), *ready
            return
        yield history, gr.skip(), *ready  # a stream that ended without an answer

    def api_chat(self, message: str):
        """The answer and its sources as plain text, growing as it is written."""
        if not (message or "").strip():
            yield "Please ask a question."
            return
        text = ""
        try:
            for piece in self.service.stream_answer(message):
                if isinstance(piece, Answer):
                    yield answer_plain(piece)
                    return
                text += piece
                yield text
        except Exception as exc:
            yield explain_failure(exc, self.settings)

    def api_ask(self, question: str, history: list | None = None, k: float = 5,
                collection: str = "") -> dict:
        """The answer as JSON, as `kabar ask --json` prints it (or {"error": sentence})."""
        try:
            return answer_json(self.service.ask(question, history or [], k=int(k),
                                                collection=collection or None))
        except Exception as exc:
            return {"error": explain_failure(exc, self.settings)}

    # ---- articles --------------------------------------------------------------------------
    def article_rows(self, collection: str) -> list[list]:
        try:
            articles = self.service.articles(collection)
        except Exception:  # an empty or unreachable store lists nothing
            return []
        rows = []
        # Newest first: what was just added is what a user looks for.
        for m in sorted(articles, key=lambda a: -(a.get("ingested_at") or 0)):
            when = datetime.fromtimestamp(m.get("ingested_at") or 0, timezone.utc)
            rows.append([m.get("title") or "(untitled)", m["article_id"], m.get("source") or "",
                         m.get("n_chunks") or 0, when.strftime("%Y-%m-%d %H:%M")])
        return rows

    def article_views(self, collection: str) -> tuple[list[list], gr.Dropdown]:
        """The article list and the delete picker's choices, from one read of the store."""
        rows = self.article_rows(collection)
        return rows, gr.Dropdown(choices=[(f"{r[0]} ({r[1]})", r[1]) for r in rows], value=None)

    def ingest(self, files, url: str, text: str, title: str, collection: str,
               progress=gr.Progress(track_tqdm=True)):
        """Ingest uploads, a URL and pasted text; report, refresh the list, clear the form."""
        sources: list[str] = []
        names: dict[str, str] = {}
        keep = (gr.skip(),) * 4  # the form stays filled in when nothing was ingested
        try:
            for f in files or []:
                path = Path(getattr(f, "name", f))
                original = getattr(f, "orig_name", None) or path.name
                saved, shown = self.service.save_upload(original, path.read_bytes(), collection)
                sources.append(saved)
                names[saved] = shown
            if (url or "").strip():
                sources.append(url.strip())
            if (text or "").strip():
                saved, shown = self.service.save_pasted(title, text, collection)
                sources.append(saved)
                names[saved] = shown
            if not sources:
                return ("Nothing to ingest: upload a file, paste a URL or some text.", [],
                        self.article_rows(collection), gr.skip(), *keep)
            progress(0, desc="Ingesting")
            summary = self.service.ingest(sources, collection=collection, display_names=names,
                                          progress=True)
        except Exception as exc:
            return ("⚠️ " + explain_failure(exc, self.settings), [],
                    self.article_rows(collection), gr.skip(), *keep)
        report = (f"**Added {summary.added}, updated {summary.updated}, unchanged "
                  f"{summary.unchanged}, failed {len(summary.failed)}** "
                  f"({summary.chunks} chunks written; {summary.store_chunks} in the store)")
        failures = [[f.source, f.error] for f in summary.failed]
        return (report, failures, *self.article_views(collection), None, "", "", "")

    @staticmethod
    def pick_article(event: gr.SelectData) -> str | None:
        """A click on a row of the article list picks that article for deletion."""
        row = getattr(event, "row_value", None) or []
        return row[1] if len(row) > 1 else None

    def delete(self, article_id: str | None, collection: str):
        try:
            removed = self.service.delete(article_id or "", collection=collection)
            note = (f"Deleted {article_id} ({removed} chunks)." if removed
                    else f"No article {article_id!r}: it may have been deleted already.")
        except Exception as exc:
            note = "⚠️ " + explain_failure(exc, self.settings)
        return note, *self.article_views(collection)


def build_ui(app: KabarApp) -> gr.Blocks:
    modes = ["offline"] + ([app.settings.llm] if app.settings.llm else [])
    with gr.Blocks(title="Kabar") as demo:
        gr.Markdown("# Kabar\nAsk about your news articles in English or Indonesian. Answers "
                    "quote the articles, with their source.")
        with gr.Tab("Chat"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Kabar", height=460, sanitize_html=True,
                                         elem_id="kabar-chat")
                    message = gr.Textbox(placeholder="What did Campbell tell Kim Hong-kyun?",
                                         label="Question", elem_id="kabar-question")
                    with gr.Row():
                        send = gr.Button("Ask", variant="primary", elem_id="kabar-ask")
                        clear = gr.Button("New conversation")
                    gr.Examples(EXAMPLES, inputs=message, label="Try")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML(sources_html(None), elem_id="kabar-sources")
            with gr.Accordion("Settings", open=False):
                k = gr.Slider(1, 10, value=DEFAULT_K, step=1, label="Passages to retrieve",
                              info="A language model reads them all; the offline answerer "
                                   "quotes from the first 5.")
                mode = gr.Radio(modes, value="offline", label="Answer mode",
                                info="LLM modes appear when KABAR_LLM is set")
                collection = gr.Dropdown(app.service.collections(),
                                         value=app.settings.collection,
                                         allow_custom_value=True, label="Collection")
        with gr.Tab("Articles"):
            with gr.Row():
                with gr.Column():
                    files = gr.File(file_count="multiple", file_types=list(SUPPORTED_SUFFIXES),
                                    label="Upload articles", elem_id="kabar-upload")
                    url = gr.Textbox(label="Or an article URL", placeholder="https://...")
                    pasted_title = gr.Textbox(label="Title of pasted text (optional)")
                    pasted = gr.Textbox(label="Or paste article text", lines=5)
                    add = gr.Button("Add to the store", variant="primary", elem_id="kabar-add")
                with gr.Column():
                    report = gr.Markdown(elem_id="kabar-report")
                    failures = gr.Dataframe(headers=["source", "error"], label="Failed sources",
                                            interactive=False)
            articles = gr.Dataframe(headers=["title", "article id", "source", "chunks",
                                             "ingested (UTC)"], label="Stored articles",
                                    interactive=False, elem_id="kabar-articles")
            with gr.Row():
                delete_id = gr.Dropdown([], label="Article to delete", elem_id="kabar-delete-id")
                delete = gr.Button("Delete", variant="stop", elem_id="kabar-delete")
                deleted = gr.Markdown(elem_id="kabar-deleted")

        chat_inputs = [message, chatbot, k, mode, collection]
        chat_outputs = [chatbot, sources, message, send]
        message.submit(app.respond, chat_inputs, chat_outputs, api_visibility="private")
        send.click(app.respond, chat_inputs, chat_outputs, api_visibility="private")
        clear.click(lambda: ([], sources_html(None)), None, [chatbot, sources],
                    api_visibility="private")
        add.click(app.ingest, [files, url, pasted, pasted_title, collection],
                  [report, failures, articles, delete_id, files, url, pasted, pasted_title],
                  api_visibility="private")
        # The browser asks before anything is deleted.
        delete.click(app.delete, [delete_id, collection], [deleted, articles, delete_id],
                     js="(id, c) => { if (!id) return [id, c]; "
                        "return confirm('Delete article ' + id + ' and all its chunks?') "
                        "? [id, c] : [null, c]; }",
                     api_visibility="private")
        articles.select(app.pick_article, None, delete_id, api_visibility="private")
        for event in (demo.load, collection.change):
            event(app.article_views, [collection], [articles, delete_id],
                  api_visibility="private")

        def chat(message: str) -> Iterator[str]:
            """Answer a question about the stored articles; streams the answer and its sources."""
            yield from app.api_chat(message)

        def ask(question: str, history: list | None = None, k: float = 5,
                collection: str = "") -> dict:
            """Answer a question (with an optional history); returns the answer as JSON."""
            return app.api_ask(question, history, k, collection)

        gr.api(chat, api_name="chat")
        gr.api(ask, api_name="ask")
    return demo


def build_server(settings: Settings):
    """The FastAPI app: the JSON and OpenAI-compatible API, with the page mounted at /."""
    from qa.api import build_api

    service = KabarService(settings)
    try:  # load the model and the default collection now, so the first question is quick
        service.assistant()
    except (RequestError, StoreError) as exc:  # no articles yet, or Chroma down: the page
        print(f"kabar: {exc}", file=sys.stderr)   # opens and says so, and recovers later
    api = build_api(service)
    demo = build_ui(KabarApp(service))
    demo.queue(default_concurrency_limit=4)
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        auth = (user, password)
    elif settings.api_key:  # the page and its own API are guarded too: the key is the password
        key = settings.api_key
        auth = lambda _user, password: hmac.compare_digest(password or "", key)  # noqa: E731
    return gr.mount_gradio_app(api, demo, path="/", auth=auth, css=CSS,
                               max_file_size=f"{int(settings.max_file_mb)}mb", show_error=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Kabar's web chat and API")
    add_store_arguments(parser)
    add_search_arguments(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7860)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    args = parse_args(argv)
    try:
        settings = settings_from(args)
    except SettingsError as exc:
        print(f"kabar: error: {exc}", file=sys.stderr)
        return 2
    if settings.auth and not all(settings.auth.partition(":")[::2]):
        print("kabar: error: KABAR_AUTH must be user:password", file=sys.stderr)
        return 2
    print(f"Kabar is loading the embedding model and the collection {settings.collection!r} "
          f"from {settings.chroma_url or settings.store}…", file=sys.stderr, flush=True)
    server = build_server(settings)
    print(f"Kabar is serving on http://{args.host}:{args.port}/ (API docs at /docs). "
          "Open that address in a browser; Ctrl+C stops it.", flush=True)
    uvicorn.run(server, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
