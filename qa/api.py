"""Kabar's HTTP API beside the page: JSON (/api/...), OpenAI-compatible chat (/v1/...), auth.

The page (app.py) is mounted on the same FastAPI app, so one server serves both. Every answer
here is what `kabar ask --json` prints; failures are JSON `{"error": sentence}` with a status.
"""

from __future__ import annotations

import base64
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.concurrency import iterate_in_threadpool, run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from qa.answer.followup import message_text
from qa.assistant import format_sources
from qa.documents import Answer
from qa.service import (KabarService, RequestError, answer_json, explain_failure,
                        failure_status, search_json)

MODEL_ID = "kabar"
PROTECTED = ("/api/", "/v1/")


class AskRequest(BaseModel):
    question: str
    history: list[dict[str, Any]] = Field(default_factory=list)
    k: int | None = None
    where: dict[str, Any] | None = None
    collection: str | None = None
    stream: bool = False
    llm: str | None = Field(None, description="offline (default), or ollama:MODEL / openai:MODEL")


class SearchRequest(BaseModel):
    query: str
    k: int | None = None
    where: dict[str, Any] | None = None
    collection: str | None = None


class PastedText(BaseModel):
    text: str
    title: str = ""


class IngestRequest(BaseModel):
    urls: list[str] = Field(default_factory=list)
    texts: list[PastedText] = Field(default_factory=list)
    collection: str | None = None


def _error(message: str, status: int, path: str = "") -> JSONResponse:
    if path.startswith("/v1/"):  # OpenAI clients read {"error": {"message", "type", "code"}}
        kind = "invalid_request_error" if status < 500 else "api_error"
        return JSONResponse({"error": {"message": message, "type": kind, "code": status}},
                            status_code=status)
    return JSONResponse({"error": message}, status_code=status)


def _credentials_ok(header: str, auth: str | None, api_key: str | None) -> bool:
    scheme, _, value = header.partition(" ")
    scheme = scheme.lower()
    secrets = [s for s in (api_key, auth.partition(":")[2] if auth else None) if s]
    if scheme == "bearer":
        return any(hmac.compare_digest(value.strip(), s) for s in secrets)
    if scheme == "basic" and auth:
        try:
            given = base64.b64decode(value.strip()).decode()
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given, auth)
    return False


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _question_and_history(messages: list[dict]) -> tuple[str, list[dict]]:
    """The last user message is the question; the turns before it are the history."""
    turns = [{"role": m.get("role"), "content": message_text(m.get("content"))} for m in messages
             if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
    if not turns or turns[-1]["role"] != "user" or not turns[-1]["content"].strip():
        raise RequestError("messages must end with a user message that asks a question")
    return turns[-1]["content"], turns[:-1]


async def _started(pieces: Iterator) -> Iterator:
    """The stream with its first piece already taken (in a worker thread), so that a bad
    request or a store that is down answers with an error status before any event is sent."""
    import itertools

    first = await run_in_threadpool(next, pieces, None)
    return pieces if first is None else itertools.chain([first], pieces)


def build_api(service: KabarService) -> FastAPI:
    """The FastAPI app with Kabar's JSON and OpenAI-compatible routes (the page mounts on it)."""
    settings = service.settings
    api = FastAPI(title="Kabar", version="0.1.0",
                  description="Question answering over news articles, with quoted sources.")

    @api.middleware("http")
    async def require_credentials(request: Request, call_next):
        if (settings.auth or settings.api_key) and request.url.path.startswith(PROTECTED):
            if not _credentials_ok(request.headers.get("authorization", ""), settings.auth,
                                   settings.api_key):
                response = _error(
                    "This Kabar server needs credentials: send `Authorization: Bearer "
                    "<KABAR_API_KEY>` (or the KABAR_AUTH password), or HTTP Basic with the "
                    "KABAR_AUTH user and password.", 401, request.url.path)
                response.headers["WWW-Authenticate"] = 'Bearer, Basic realm="kabar"'
                return response
        return await call_next(request)

    @api.exception_handler(RequestError)
    async def request_error(request: Request, exc: RequestError):
        return _error(str(exc), exc.status, request.url.path)

    @api.exception_handler(RequestValidationError)
    async def invalid_body(request: Request, exc: RequestValidationError):
        def problem(e: dict) -> str:
            if e.get("type") == "json_invalid":
                return f"it is not valid JSON ({e.get('ctx', {}).get('error', 'decode error')} " \
                       f"at character {e.get('loc', ('', '?'))[-1]})"
            field = ".".join(str(p) for p in e.get("loc", ())[1:]) or "body"
            return f"{field}: {e.get('msg', 'invalid')}"

        problems = "; ".join(problem(e) for e in exc.errors())
        return _error(f"The request body is not valid: {problems}. See /docs for the fields.",
                      400, request.url.path)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            message = f"No such API route: {request.method} {request.url.path}. See /docs."
        elif exc.status_code == 405:
            message = f"{request.url.path} does not take {request.method}. See /docs."
        else:
            message = str(exc.detail)
        return _error(message, exc.status_code, request.url.path)

    @api.exception_handler(Exception)
    async def any_error(request: Request, exc: Exception):
        return _error(explain_failure(exc, settings), failure_status(exc), request.url.path)

    # ---- JSON ------------------------------------------------------------------------------
    @api.post("/api/ask", summary="Answer a question (JSON, or server-sent events with stream)")
    async def ask(body: AskRequest):
        options = dict(k=body.k, where=body.where, collection=body.collection, llm=body.llm)
        if not body.stream:
            answer = await run_in_threadpool(service.ask, body.question, body.history, **options)
            return answer_json(answer)

        pieces = await _started(service.stream_answer(body.question, body.history, **options))

        def events() -> Iterator[str]:
            try:
                for piece in pieces:
                    if isinstance(piece, Answer):
                        yield _sse("answer", answer_json(piece))
                    else:
                        yield _sse("delta", {"text": piece})
            except Exception as exc:  # the headers are sent: the error is an event of its own
                yield _sse("error", {"error": explain_failure(exc, settings)})

        return StreamingResponse(iterate_in_threadpool(events()), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    @api.post("/api/search", summary="The passages that best answer a query")
    async def search(body: SearchRequest):
        passages = await run_in_threadpool(service.search, body.query, k=body.k,
                                           where=body.where, collection=body.collection)
        return search_json(passages)

    @api.get("/api/articles", summary="The stored articles")
    async def list_articles(collection: str | None = None):
        return {"articles": await run_in_threadpool(service.articles, collection)}

    @api.post("/api/articles", summary="Ingest uploaded files (multipart), or JSON urls/texts")
    async def add_articles(request: Request):
        sources: list[str] = []
        names: dict[str, str] = {}
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            collection = form.get("collection") if isinstance(form.get("collection"), str) \
                else None
            for upload in form.getlist("files"):
                if isinstance(upload, str):
                    continue
                path, name = service.save_upload(upload.filename or "upload.txt",
                                                 await upload.read(), collection)
                sources.append(path)
                names[path] = name
        else:
            try:
                body = IngestRequest.model_validate(await request.json())
            except (ValueError, TypeError) as exc:
                raise RequestError("Send multipart files (field `files`) or JSON "
                                   "{\"urls\": [...], \"texts\": [{\"title\", \"text\"}]}: "
                                   f"{exc}") from None
            collection = body.collection
            sources.extend(u.strip() for u in body.urls if u.strip())
            for pasted in body.texts:
                if pasted.text.strip():
                    path, name = service.save_pasted(pasted.title, pasted.text, collection)
                    sources.append(path)
                    names[path] = name
        if not sources:
            raise RequestError("Nothing to ingest: send files, urls or texts.")
        summary = await run_in_threadpool(service.ingest, sources, collection=collection,
                                          display_names=names)
        return summary.to_dict()

    @api.delete("/api/articles/{article_id}", summary="Delete an article")
    async def delete_article(article_id: str, collection: str | None = None):
        removed = await run_in_threadpool(service.delete, article_id, collection=collection)
        if not removed:
            raise RequestError(f"No article {article_id!r} in the collection.", status=404)
        return {"deleted": article_id, "chunks": removed}

    # ---- OpenAI-compatible -----------------------------------------------------------------
    @api.get("/v1/models", summary="OpenAI-compatible model list")
    async def models():
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                            "owned_by": "kabar"}]}

    @api.post("/v1/chat/completions", summary="OpenAI-compatible chat (model `kabar`)")
    async def chat_completions(request: Request):
        try:
            body = await request.json()
        except ValueError:
            raise RequestError("The body must be a JSON chat completion request") from None
        question, history = _question_and_history(body.get("messages") or [])
        options = dict(k=body.get("k"), where=body.get("where"),
                       collection=body.get("collection"))
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())

        if not body.get("stream"):
            answer = await run_in_threadpool(service.ask, question, history, **options)
            return {"id": completion_id, "object": "chat.completion", "created": created,
                    "model": MODEL_ID,
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant",
                                             "content": answer.text + format_sources(answer)}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                    "kabar": answer_json(answer)}

        def chunk(delta: dict, finish: str | None = None, extra: dict | None = None) -> str:
            data = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                    "model": MODEL_ID,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            if extra:
                data["kabar"] = extra
            return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

        pieces = await _started(service.stream_answer(question, history, **options))

        def events() -> Iterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            try:
                for piece in pieces:
                    if isinstance(piece, Answer):
                        yield chunk({"content": format_sources(piece)})
                        yield chunk({}, "stop", answer_json(piece))
                    else:
                        yield chunk({"content": piece})
            except Exception as exc:
                yield chunk({"content": explain_failure(exc, settings)}, "stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(iterate_in_threadpool(events()), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    # Last, so that it only catches what no route above took (the page is mounted after).
    @api.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    @api.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    async def no_such_route(request: Request, rest: str):
        raise StarletteHTTPException(404)

    return api
