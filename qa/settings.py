"""Kabar's one source of configuration: CLI flags, then environment variables, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "multilingual-e5-small"  # built offline from PyPI packages, see qa/embeddings.py
DEFAULT_COLLECTION = "kabar"
DEFAULT_K = 5  # passages retrieved for a question; the offline answerer reads at most 5
MAX_K = 20  # the most passages one request may ask for


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "kabar" if xdg else Path.home() / ".local" / "share" / "kabar"


def _default_cache() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "kabar" if xdg else Path.home() / ".cache" / "kabar"


class SettingsError(ValueError):
    """A KABAR_* variable or option that Kabar cannot read; the message says which and why."""


def _flag(name: str, value: str) -> bool:
    """An on/off environment variable: 1/true/yes/on or 0/false/no/off."""
    word = value.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}={value!r} is neither on nor off; set it to 1 or 0")


@dataclass(frozen=True)
class Settings:
    """Where the store lives, which model embeds, and which optional LLM answers.

    Environment variables: KABAR_STORE, KABAR_CHROMA_URL, KABAR_COLLECTION,
    KABAR_EMBEDDING_MODEL, KABAR_ENCODER, KABAR_CACHE_DIR, KABAR_LLM, KABAR_MAX_FILE_MB, KABAR_AUTH, KABAR_API_KEY,
    KABAR_DICTIONARY, KABAR_ALLOW_PRIVATE_URLS, KABAR_RERANK.

    allow_private_urls (KABAR_ALLOW_PRIVATE_URLS=1, true or yes): let the web app ingest URLs
    whose host is or resolves to a loopback, private (RFC 1918, fc00::/7), link-local,
    cloud-metadata or reserved address. Off by default, so that whoever can reach the app cannot
    make the server fetch its own network; the `kabar ingest` command allows them regardless.
    """

    store: Path = field(default_factory=lambda: _default_home() / "store")
    chroma_url: str | None = None
    collection: str = DEFAULT_COLLECTION
    model: str = DEFAULT_MODEL
    # "onnx" (int8 ONNX Runtime) or "torch" (float32); None: onnx for the default model, torch
    # for any other (qa.embeddings.resolve_encoder). Both give the same model's vectors.
    encoder: str | None = None
    cache_dir: Path = field(default_factory=_default_cache)
    llm: str | None = None
    max_file_mb: float = 20.0
    auth: str | None = None  # "user:password" for the web app's login
    api_key: str | None = None  # KABAR_API_KEY: a Bearer token for the JSON and OpenAI APIs
    # English-Indonesian dictionary (dictd base name); None: the system's FreeDict eng-ind.
    dictionary: Path | None = None
    allow_private_urls: bool = False  # see the docstring: a guard against SSRF in the web app
    # Retrieval's second stage (qa/rerank.py); KABAR_RERANK=0 (or false, no) turns it off.
    rerank: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults, overlaid by KABAR_* variables, overlaid by non-None keyword overrides."""
        env = os.environ
        values: dict[str, object] = {}
        if env.get("KABAR_STORE"):
            values["store"] = Path(env["KABAR_STORE"])
        if env.get("KABAR_CHROMA_URL"):
            values["chroma_url"] = env["KABAR_CHROMA_URL"]
        if env.get("KABAR_COLLECTION"):
            values["collection"] = env["KABAR_COLLECTION"]
        if env.get("KABAR_EMBEDDING_MODEL"):
            values["model"] = env["KABAR_EMBEDDING_MODEL"]
        if env.get("KABAR_ENCODER"):
            values["encoder"] = env["KABAR_ENCODER"].strip().lower()
        if env.get("KABAR_CACHE_DIR"):
            values["cache_dir"] = Path(env["KABAR_CACHE_DIR"])
        if env.get("KABAR_LLM"):
            values["llm"] = env["KABAR_LLM"]
        if env.get("KABAR_AUTH"):
            values["auth"] = env["KABAR_AUTH"]
        if env.get("KABAR_API_KEY"):
            values["api_key"] = env["KABAR_API_KEY"]
        if env.get("KABAR_DICTIONARY"):
            values["dictionary"] = Path(env["KABAR_DICTIONARY"]).expanduser()
        if env.get("KABAR_ALLOW_PRIVATE_URLS"):
            values["allow_private_urls"] = (env["KABAR_ALLOW_PRIVATE_URLS"].strip().lower()
                                            in ("1", "true", "yes"))
        if env.get("KABAR_RERANK"):
            values["rerank"] = _flag("KABAR_RERANK", env["KABAR_RERANK"])
        if env.get("KABAR_MAX_FILE_MB"):
            values["max_file_mb"] = float(env["KABAR_MAX_FILE_MB"])
        settings = cls(**values)  # type: ignore[arg-type]
        chosen = {k: v for k, v in overrides.items() if v is not None}
        if "store" in chosen:
            chosen["store"] = Path(str(chosen["store"])).expanduser()
            # An explicit --store wins over a KABAR_CHROMA_URL from the environment.
            chosen.setdefault("chroma_url", None)
        return replace(settings, **chosen)  # type: ignore[arg-type]
