"""The running service behind the page and the JSON API: assistants per collection, ingestion,
deletion, and failures turned into sentences a user can act on."""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from qa.assistant import Assistant, final_answer
from qa.documents import Answer, Passage
from qa.settings import DEFAULT_K, MAX_K, Settings
from qa.store import StoreError

log = logging.getLogger(__name__)


class RequestError(ValueError):
    """A request that cannot be served as asked (bad input, no such collection): say why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def explain_failure(exc: BaseException, settings: Settings) -> str:
    """A sentence that says what went wrong and what to do, for any failure inside a request."""
    if isinstance(exc, (RequestError, StoreError, ValueError)):
        return str(exc)
    text = f"{type(exc).__name__}: {exc}"
    lowered = text.lower()
    if settings.chroma_url and any(word in lowered for word in (
            "connect", "connection", "refused", "timed out", "timeout", "unreachable",
            "could not", "503", "502")):
        return (f"Kabar cannot reach the Chroma server at {settings.chroma_url} right now. "
                "Check that `chroma run` is running there, then ask again; Kabar reconnects "
                "by itself.")
    log.exception("Request failed")
    return (f"Kabar could not answer because of an internal error ({text[:200]}). "
            "Try again; if it keeps happening, restart `kabar serve` and report the message.")


def _rejected_by_chroma(exc: BaseException) -> bool:
    return type(exc).__name__ in ("InvalidArgumentError", "InvalidWhereError")


def failure_status(exc: BaseException) -> int:
    """The HTTP status for a failure: the caller's mistake (4xx) or the service's (503)."""
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, ValueError):
        return 400
    if isinstance(exc, StoreError) and "No collection" in str(exc):
        return 404
    return 503


def answer_json(answer: Answer) -> dict:
    """What `kabar ask --json`, POST /api/ask and the page's /ask return for an answer."""
    return answer.to_dict()


def search_json(passages: list[Passage]) -> dict:
    """What `kabar search --json` and POST /api/search return."""
    keys = ("article_id", "chunk_id", "title", "text", "score", "url", "source")
    return {"passages": [{key: p.to_dict()[key] for key in keys} for p in passages]}


def check_k(k: object) -> int:
    if k is None:
        return DEFAULT_K
    if isinstance(k, bool) or not isinstance(k, (int, float)) or int(k) != k:
        raise RequestError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")
    if not 1 <= int(k) <= MAX_K:
        raise RequestError(f"k must be from 1 to {MAX_K}, not {int(k)}")
    return int(k)


# Chroma's rule for collection names (checked here so a bad name is not called "missing").
_COLLECTION_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]")
FILTER_HINT = ("Use Chroma's metadata filter syntax, such as {\"published\": {\"$gte\": "
               "1704067200}}, {\"article_id\": \"...\"} or {\"$and\": [{...}, {...}]}.")


def check_where(where: object) -> dict | None:
    if where is None or where == {}:
        return None
    if not isinstance(where, dict):
        raise RequestError("where must be a Chroma metadata filter (a JSON object). " + FILTER_HINT)
    return where


@contextmanager
def filter_errors(where: dict | None) -> Iterator[None]:
    """Chroma's complaint about a `where` filter (a ValueError from its checks, or its server's
    InvalidArgumentError), as a sentence with the syntax to use."""
    try:
        yield
    except RequestError:
        raise
    except Exception as exc:
        if not where or not (isinstance(exc, ValueError) or _rejected_by_chroma(exc)):
            raise
        reason = re.sub(r"\s+in (get|query)\.?$", "", str(exc).strip()).rstrip(".")
        raise RequestError(f"The where filter is not valid: {reason}. " + FILTER_HINT) from None


def check_history(history: object) -> list[dict]:
    """Gradio's messages format: [{"role": "user"|"assistant", "content": str}, ...]."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise RequestError("history must be a list of {\"role\", \"content\"} messages")
    turns = []
    for n, m in enumerate(history):
        if not isinstance(m, dict) or m.get("role") not in ("user", "assistant", "system"):
            raise RequestError(f"history[{n}] must be {{\"role\": \"user\" or \"assistant\", "
                               "\"content\": \"...\"}")
        if isinstance(m.get("content"), str):
            turns.append({"role": m["role"], "content": m["content"]})
    return turns


def safe_upload_name(name: str) -> str:
    """A file name that stays inside the upload folder whatever the browser sent."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "_", stem if dot else base).strip("._") or "upload"
    suffix = (re.sub(r"[^\w]+", "", suffix.lower()) if dot else "") or "txt"
    return f"{stem[:80]}.{suffix}"


class KabarService:
    """One Assistant per collection (sharing the model), one ingestion at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._assistants: dict[str, Assistant] = {}
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()

    def collection_name(self, collection: str | None) -> str:
        name = (collection or "").strip() or self.settings.collection
        if not _COLLECTION_NAME.fullmatch(name):
            raise RequestError(f"{name!r} is not a valid collection name: use 3 to 512 letters, "
                               "digits, '.', '_' or '-', starting and ending with a letter or "
                               "digit.")
        return name

    def assistant(self, collection: str | None = None) -> Assistant:
        """The collection's Assistant; a collection that does not exist is an error, and is
        neither created nor remembered (only ingestion creates one)."""
        name = self.collection_name(collection)
        with self._lock:
            if name not in self._assistants:
                try:
                    self._assistants[name] = Assistant(
                        settings=replace(self.settings, collection=name))
                except StoreError as exc:
                    if "No collection" in str(exc):
                        raise RequestError(
                            f"No such collection {name!r}: there is nothing to search yet. Add "
                            "articles to it first (the Articles tab, POST /api/articles or "
                            f"`kabar ingest --collection {name} FILE`), or pick another "
                            "collection.", status=404) from None
                    raise
            return self._assistants[name]

    def collections(self) -> list[str]:
        from qa.store import open_client

        try:
            names = [c.name for c in open_client(self.settings).list_collections()]
        except Exception as exc:  # a server that is down: the page still opens
            log.warning("Cannot list collections: %s", exc)
            names = []
        return sorted(set(names) | {self.settings.collection})

    # ---- questions ---------------------------------------------------------------------------
    def stream_answer(self, question: str, history: list[dict] | None = None, *,
                      k: object = None, where: dict | None = None,
                      collection: str | None = None, llm: str | None = None
                      ) -> Iterator[str | Answer]:
        """Answer pieces as they come, then the Answer (see Assistant.stream_answer)."""
        if not isinstance(question, str) or not question.strip():
            raise RequestError("The question is empty: ask something about the articles.")
        where, k, history = check_where(where), check_k(k), check_history(history)
        kb = self.assistant(collection)
        with filter_errors(where):
            yield from kb.stream_answer(question, history, k=k, llm=llm, where=where)

    def ask(self, question: str, history: list[dict] | None = None, **options) -> Answer:
        return final_answer(self.stream_answer(question, history, **options))

    def search(self, question: str, *, k: object = None, where: dict | None = None,
               collection: str | None = None) -> list[Passage]:
        if not isinstance(question, str) or not question.strip():
            raise RequestError("The query is empty: give some words to search for.")
        where, k = check_where(where), check_k(k)
        kb = self.assistant(collection)
        with filter_errors(where):
            return kb.search(question, k=k, where=where)

    # ---- articles ----------------------------------------------------------------------------
    def upload_folder(self, collection: str | None = None) -> Path:
        folder = self.settings.cache_dir / "uploads" / self.collection_name(collection)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def save_upload(self, original_name: str, data: bytes, collection: str | None = None
                    ) -> tuple[str, str]:
        """Keep an upload in the server's upload folder; returns (path, the name the user gave)."""
        folder = self.upload_folder(collection)
        target = folder / safe_upload_name(original_name)
        # resolve() check: belt and braces against a name that escapes the folder.
        if target.resolve().parent != folder.resolve():
            raise RequestError(f"The file name {original_name!r} is not allowed.")
        target.write_bytes(data)
        return str(target), Path(original_name.replace("\\", "/")).name or target.name

    def save_pasted(self, title: str, text: str, collection: str | None = None
                    ) -> tuple[str, str]:
        """Keep pasted text as a file, named by its content; returns (path, display name)."""
        body = ((title or "").strip() + "\n\n" if (title or "").strip() else "") + text.strip()
        digest = hashlib.sha1(body.encode()).hexdigest()[:12]
        target = self.upload_folder(collection) / f"pasted-{digest}.txt"
        target.write_text(body, encoding="utf-8")
        return str(target), f"pasted text “{(title or '').strip() or body[:40]}”"

    def articles(self, collection: str | None = None) -> list[dict]:
        from ingest.index import ArticleIndex

        kb = self.assistant(collection)
        return [head.summary() for head in ArticleIndex(kb.store).list_articles()]

    def ingest(self, sources: Iterable[str], *, collection: str | None = None,
               display_names: dict[str, str] | None = None, progress: bool = False):
        """Ingest sources into a collection (created if new); web requests may not fetch
        private addresses unless KABAR_ALLOW_PRIVATE_URLS is set."""
        from ingest.pipeline import Ingestor

        name = self.collection_name(collection)
        settings = replace(self.settings, collection=name)
        with self._ingest_lock:
            kb = self._assistants.get(name)
            model = kb.model if kb else None
            ingestor = Ingestor(settings, store=kb.store if kb else None, model=model)
            summary = ingestor.ingest(list(sources), progress=progress,
                                      allow_private_urls=self.settings.allow_private_urls,
                                      display_names=display_names)
        if kb is not None:
            kb.refresh()
        return summary

    def delete(self, article_id: str, *, collection: str | None = None) -> int:
        from ingest.index import ArticleIndex

        if not (article_id or "").strip():
            raise RequestError("Choose an article to delete.")
        kb = self.assistant(collection)
        removed = ArticleIndex(kb.store).delete(article_id.strip())
        kb.refresh()
        return removed
