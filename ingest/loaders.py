"""Turn sources (files, directories, http(s) URLs) into cleaned Articles, or per-source errors."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ingest.clean import clean_article
from ingest.url_guard import URLRefused, open_url
from qa.documents import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
URL_TIMEOUT_S = 20


@dataclass
class SourceError:
    """Why one source (a file, a JSONL line, a URL) could not be ingested."""

    source: str
    error: str


class _Reject(Exception):
    """Raised inside a loader with the user-facing reason; turned into a SourceError."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "article"


def stable_id(key: str, label: str) -> str:
    """A readable id that depends only on the source's path or URL."""
    return f"{_slug(label)}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def parse_published(value: object) -> int | None:
    """Epoch seconds from an int/float, or an ISO 8601 date or datetime string (UTC if naive)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise _Reject(f"published {value!r} is not a date")
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise _Reject(f"published {value!r} is not an ISO 8601 date (e.g. 2024-06-14 or "
                          "2024-06-14T08:30:00+07:00)") from None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        return int(dt.timestamp())
    raise _Reject(f"published {value!r} is not a date")


def _decode(data: bytes) -> str:
    if not data.strip():
        raise _Reject("empty file")
    if b"\x00" in data[:8192]:
        raise _Reject("binary file, not text (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Reject(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                      "convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8") from None


def _article(article_id: str, raw: str, *, title: str | None, source: str, url: str = "",
             published: int | None = None) -> Article:
    cleaned = clean_article(raw, title=title)
    if not cleaned.text.strip():
        raise _Reject("no article text left after removing boilerplate")
    return Article(article_id=article_id, text=cleaned.text, title=cleaned.title, source=source,
                   url=url, published=published, sections=cleaned.sections)


def _from_html(html: str, *, article_id: str, source: str, url: str = "") -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True,
                                      include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise _Reject("no article text found in the HTML")
    published = None
    if doc.date:
        try:
            published = parse_published(doc.date)
        except _Reject:
            published = None  # a page's own date is a hint, not input we can ask the user to fix
    # trafilatura puts one paragraph per line; the cleaner works on blank-line paragraphs.
    text = re.sub(r"\n+", "\n\n", doc.text)
    return _article(article_id, text, title=(doc.title or "").strip() or None, source=source,
                    url=url or (doc.url or ""), published=published)


def _from_record(record: object, *, default_id: str, source: str) -> Article:
    if not isinstance(record, dict):
        raise _Reject("expected a JSON object with a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Reject("missing or empty \"text\" field")
    article_id = str(record.get("doc_id") or record.get("id") or default_id)
    title = record.get("title")
    # Records come from a dataset or a scraper's export: clean them too, but keep a given title.
    return _article(article_id, text, title=str(title) if title else "",
                    source=str(record.get("source") or source), url=str(record.get("url") or ""),
                    published=parse_published(record.get("published")))


def _load_file(path: Path, max_bytes: int) -> Iterator[Article | SourceError]:
    label = str(path)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > max_bytes:
        raise _Reject(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                      "(raise it with KABAR_MAX_FILE_MB)")
    text = _decode(path.read_bytes())
    file_id = stable_id(str(path.resolve()), path.stem)
    if suffix in (".txt", ".md"):
        yield _article(file_id, text, title=None, source=label)
    elif suffix in (".html", ".htm"):
        yield _from_html(text, article_id=file_id, source=label)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Reject(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") \
                from None
        records = data if isinstance(data, list) else [data]
        for i, record in enumerate(records):
            where = f"{label}[{i}]" if isinstance(data, list) else label
            try:
                yield _from_record(record, default_id=f"{file_id}-{i}", source=label)
            except _Reject as exc:
                yield SourceError(where, str(exc))
    elif suffix == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{label}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield SourceError(where, f"line {lineno} is not valid JSON: {exc.msg} "
                                         f"(column {exc.colno})")
                continue
            try:
                yield _from_record(record, default_id=f"{file_id}-{lineno}", source=label)
            except _Reject as exc:
                yield SourceError(where, f"line {lineno}: {exc}")
    else:
        raise _Reject(f"unsupported file type {suffix or '(none)'} "
                      f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")


def _load_url(url: str, max_bytes: int, *, allow_private: bool) -> Article:
    try:
        with open_url(url, timeout=URL_TIMEOUT_S, refuse_private=not allow_private,
                      headers={"User-Agent": "Kabar/0.1 (+news QA ingest)"}) as response:
            data = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except URLRefused as exc:
        raise _Reject(f"refused: {exc}; set KABAR_ALLOW_PRIVATE_URLS=1 to allow it") from None
    except urllib.error.HTTPError as exc:
        raise _Reject(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _Reject(f"cannot fetch the URL: {reason}") from None
    if len(data) > max_bytes:
        raise _Reject(f"page is over the {max_bytes / 1e6:.0f} MB limit")
    if not data.strip():
        raise _Reject("empty response")
    html = data.decode(charset, errors="replace")
    return _from_html(html, article_id=stable_id(url, url.split("://", 1)[-1]), source=url,
                      url=url)


def _expand(source: str) -> Iterator[str | SourceError]:
    if source.startswith(("http://", "https://")):
        yield source
        return
    path = Path(source).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and p.suffix.lower() in SUPPORTED_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            yield SourceError(source, "directory holds no supported files "
                                      f"({', '.join(SUPPORTED_SUFFIXES)})")
        yield from (str(p) for p in files)
    elif path.exists():
        yield str(path)
    else:
        yield SourceError(source, "no such file or directory")


def load_sources(sources: Iterable[str], *, max_bytes: int,
                 allow_private_urls: bool = True) -> Iterator[Article | SourceError]:
    """Articles from every source in order; a bad source yields a SourceError and the rest go on.

    allow_private_urls=False refuses, without sending it a request, a URL whose host (or a
    redirect's) is or resolves to a loopback, private, link-local, metadata or reserved address:
    a web app must not fetch its own network for whoever asks. On one's own machine that network
    is one's own, hence the default.
    """
    for source in sources:
        for item in _expand(source):
            if isinstance(item, SourceError):
                yield item
                continue
            try:
                if item.startswith(("http://", "https://")):
                    yield _load_url(item, max_bytes, allow_private=allow_private_urls)
                else:
                    yield from _load_file(Path(item), max_bytes)
            except _Reject as exc:
                yield SourceError(item, str(exc))
            except OSError as exc:
                yield SourceError(item, f"cannot read: {exc.strerror or exc}")
