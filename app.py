"""Kabar's web chat (Gradio): ask questions, see quoted sources, manage articles.

    python app.py [--store DIR | --chroma-url URL] [--collection NAME] [--host HOST] [--port PORT]

Also `kabar serve`. The chat doubles as a web API: Client(url).predict(message, api_name="/chat").
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import gradio as gr

from qa.assistant import Assistant
from qa.chat import answer_markdown, answer_plain, sources_html
from qa.documents import Answer
from qa.settings import Settings

EXAMPLES = [
    "What did Campbell tell Kim Hong-kyun?",
    "What did Kim Hong-kyun tell Campbell?",
    "Apa yang dikatakan Kim Hong-kyun kepada Campbell?",
    "Kapan rudal Korut mendarat di Kharkiv?",
    "Who is the Kremlin spokesman?",
]
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
CSS = """
.kabar-source {border:1px solid var(--border-color-primary); border-radius:8px; padding:8px 10px;
  margin-bottom:8px}
.kabar-meta {font-size:0.85em; opacity:0.75}
.kabar-passage mark {background:#ffe58a; color:#000; padding:0 2px}
.kabar-abstained {color:#b45309}
"""


def safe_upload_name(name: str) -> str:
    """A file name that stays inside the upload folder whatever the browser sent."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "_", stem if dot else base).strip("._") or "upload"
    suffix = (re.sub(r"[^\w]+", "", suffix.lower()) if dot else "") or "txt"
    return f"{stem[:80]}.{suffix}"


class KabarApp:
    """The state behind the UI: one Assistant per collection, one ingestion at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._assistants: dict[str, Assistant] = {}
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self.upload_dir = settings.cache_dir / "uploads"

    def assistant(self, collection: str | None = None) -> Assistant:
        name = (collection or self.settings.collection).strip() or self.settings.collection
        with self._lock:
            if name not in self._assistants:
                from dataclasses import replace

                self._assistants[name] = Assistant(settings=replace(self.settings, collection=name))
            return self._assistants[name]

    def collections(self) -> list[str]:
        kb = self.assistant()
        names = [c.name for c in kb.store.client.list_collections()]
        return sorted(set(names) | {self.settings.collection})

    # ---- chat ------------------------------------------------------------------------------
    def respond(self, message: str, history: list[dict], k: float, mode: str, collection: str):
        """Stream the answer into the chat, then show its sources."""
        message = (message or "").strip()
        history = list(history or [])
        if not message:
            yield history, gr.skip(), ""
            return
        kb = self.assistant(collection)
        turns = [{"role": m["role"], "content": m["content"]} for m in history
                 if isinstance(m.get("content"), str)]
        history = history + [{"role": "user", "content": message},
                             {"role": "assistant", "content": ""}]
        yield history, sources_html(None), ""
        llm = mode or "offline"  # "offline" overrides a KABAR_LLM default; else the LLM spec
        streamed = ""
        answer: Answer | None = None
        for piece in kb.stream_answer(message, turns, k=int(k), llm=llm):
            if isinstance(piece, Answer):
                answer = piece
                break
            streamed += piece
            if llm != "offline":  # offline answers arrive whole; an LLM's stream shows as it comes
                history[-1] = {"role": "assistant", "content": streamed}
                yield history, gr.skip(), ""
        if answer is not None:
            history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
            yield history, sources_html(answer), ""

    def api_chat(self, message: str) -> str:
        """Answer one question (no history) as plain text with its sources."""
        if not (message or "").strip():
            return "Please ask a question."
        return answer_plain(self.assistant().ask(message))

    # ---- articles --------------------------------------------------------------------------
    def article_rows(self, collection: str) -> list[list]:
        from ingest.index import ArticleIndex

        rows = []
        for m in ArticleIndex(self.assistant(collection).store).list_articles():
            when = datetime.fromtimestamp(m.get("ingested_at", 0), timezone.utc)
            rows.append([m.get("title") or "(untitled)", m["article_id"], m.get("source", ""),
                         m.get("n_chunks", 0), when.strftime("%Y-%m-%d %H:%M")])
        return rows

    def ingest(self, files, url: str, text: str, title: str, collection: str,
               progress=gr.Progress(track_tqdm=True)):
        """Ingest uploads, a URL and pasted text; returns a report and the refreshed list."""
        from ingest.pipeline import Ingestor

        kb = self.assistant(collection)
        folder = self.upload_dir / kb.settings.collection
        folder.mkdir(parents=True, exist_ok=True)
        sources: list[str] = []
        for f in files or []:
            path = Path(getattr(f, "name", f))
            original = getattr(f, "orig_name", None) or path.name
            target = folder / safe_upload_name(original)
            # resolve() check: belt and braces against a name that escapes the folder.
            if target.resolve().parent != folder.resolve():
                continue
            shutil.copyfile(path, target)
            sources.append(str(target))
        if (url or "").strip():
            sources.append(url.strip())
        if (text or "").strip():
            body = (title.strip() + "\n\n" if (title or "").strip() else "") + text.strip()
            target = folder / f"pasted-{hashlib.sha1(body.encode()).hexdigest()[:12]}.txt"
            target.write_text(body, encoding="utf-8")
            sources.append(str(target))
        if not sources:
            return "Nothing to ingest: upload a file, paste a URL or some text.", [], \
                self.article_rows(collection)
        with self._ingest_lock:
            progress(0, desc="Ingesting")
            ingestor = Ingestor(kb.settings, store=kb.store, model=kb.model)
            summary = ingestor.ingest(sources, progress=True)
        kb.refresh()
        report = (f"**Added {summary.added}, updated {summary.updated}, unchanged "
                  f"{summary.unchanged}, failed {len(summary.failed)}** "
                  f"({summary.chunks} chunks written; {summary.store_chunks} in the store)")
        failures = [[Path(f.source).name if not f.source.startswith("http") else f.source,
                     f.error] for f in summary.failed]
        return report, failures, self.article_rows(collection)

    def delete(self, article_id: str, collection: str):
        from ingest.index import ArticleIndex

        kb = self.assistant(collection)
        if not (article_id or "").strip():
            return "Choose an article to delete.", self.article_rows(collection)
        removed = ArticleIndex(kb.store).delete(article_id.strip())
        kb.refresh()
        note = (f"Deleted {article_id} ({removed} chunks)." if removed
                else f"No article {article_id!r}.")
        return note, self.article_rows(collection)


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
                k = gr.Slider(1, 10, value=5, step=1, label="Passages to read")
                mode = gr.Radio(modes, value="offline", label="Answer mode",
                                info="LLM modes appear when KABAR_LLM is set")
                collection = gr.Dropdown(app.collections(), value=app.settings.collection,
                                         allow_custom_value=True, label="Collection")
        with gr.Tab("Articles"):
            with gr.Row():
                with gr.Column():
                    files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES,
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
                delete_id = gr.Textbox(label="Article id to delete")
                delete = gr.Button("Delete", variant="stop")
                deleted = gr.Markdown()

        chat_inputs = [message, chatbot, k, mode, collection]
        chat_outputs = [chatbot, sources, message]
        message.submit(app.respond, chat_inputs, chat_outputs, api_visibility="private")
        send.click(app.respond, chat_inputs, chat_outputs, api_visibility="private")
        clear.click(lambda: ([], sources_html(None)), None, [chatbot, sources],
                    api_visibility="private")
        add.click(app.ingest, [files, url, pasted, pasted_title, collection],
                  [report, failures, articles], api_visibility="private")
        delete.click(app.delete, [delete_id, collection], [deleted, articles],
                     api_visibility="private")
        demo.load(app.article_rows, [collection], [articles], api_visibility="private")
        collection.change(app.article_rows, [collection], [articles], api_visibility="private")

        def chat(message: str) -> str:
            """Answer a question about the stored articles; returns the answer and its sources."""
            return app.api_chat(message)

        gr.api(chat, api_name="chat")
    return demo


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Kabar's web chat")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR")
    where.add_argument("--chroma-url", metavar="URL")
    parser.add_argument("--collection")
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7860)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings.from_env(store=args.store, chroma_url=args.chroma_url,
                                 collection=args.collection)
    app = KabarApp(settings)
    demo = build_ui(app)
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        if not user or not password:
            print("KABAR_AUTH must be user:password", file=sys.stderr)
            return 2
        auth = (user, password)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=args.host, server_port=args.port, auth=auth, css=CSS,
                max_file_size=f"{int(settings.max_file_mb)}mb", show_error=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
