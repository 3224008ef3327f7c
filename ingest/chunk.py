"""Split a cleaned article into sentence-aligned chunks that fit the embedding model."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from qa.documents import Article, Chunk
from qa.sentences import split_sentences

# multilingual-e5-small reads 512 tokens; shorter chunks retrieve more precisely, and a news
# paragraph or two (~200 tokens) is what a quoted answer needs as context.
DEFAULT_MAX_TOKENS = 200
DEFAULT_OVERLAP_SENTENCES = 0

TokenCounter = Callable[[Sequence[str]], list[int]]


def approximate_token_counts(texts: Sequence[str]) -> list[int]:
    """A tokenizer-free upper estimate (words and punctuation x 1.6) for tests and tools."""
    return [int(len(re.findall(r"\w+|[^\w\s]", t)) * 1.6) + 1 for t in texts]


def _split_long(text: str, start: int, end: int, count: TokenCounter,
                max_tokens: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at word boundaries into pieces under max_tokens."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    pieces: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        lo, hi = i + 1, len(words)
        # Largest j with text[words[i]..words[j-1]] under the limit (binary search on counts).
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count([text[words[i][0]:words[mid - 1][1]]])[0] <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((words[i][0], words[lo - 1][1]))
        i = lo
    return pieces


def split_into_chunks(article: Article, count_tokens: TokenCounter = approximate_token_counts,
                      *, max_tokens: int = DEFAULT_MAX_TOKENS,
                      overlap_sentences: int = DEFAULT_OVERLAP_SENTENCES) -> list[Chunk]:
    """Pack whole sentences into chunks of at most max_tokens; a section heading starts a chunk."""
    text = article.text
    spans = split_sentences(text)
    if not spans:
        return []
    counts = count_tokens([text[s:e] for s, e in spans])
    units: list[tuple[int, int, int]] = []  # (start, end, tokens)
    for (s, e), n in zip(spans, counts):
        if n <= max_tokens:
            units.append((s, e, n))
        else:
            pieces = _split_long(text, s, e, count_tokens, max_tokens)
            units.extend((ps, pe, n2) for (ps, pe), n2 in
                         zip(pieces, count_tokens([text[ps:pe] for ps, pe in pieces])))
    section_starts = [offset for offset, _ in article.sections]
    section_names = [name for _, name in article.sections]

    def section_at(offset: int) -> str:
        i = bisect_right(section_starts, offset) - 1
        return section_names[i] if i >= 0 else ""

    groups: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    tokens = 0
    for unit in units:
        starts_section = unit[0] in section_starts
        if current and (tokens + unit[2] > max_tokens or starts_section):
            groups.append(current)
            carry = current[-overlap_sentences:] if overlap_sentences and not starts_section else []
            current, tokens = list(carry), sum(u[2] for u in carry)
            if tokens + unit[2] > max_tokens:
                current, tokens = [], 0
        current.append(unit)
        tokens += unit[2]
    if current:
        groups.append(current)

    return [Chunk(article_id=article.article_id, index=i, text=text[g[0][0]:g[-1][1]],
                  start=g[0][0], end=g[-1][1], section=section_at(g[0][0]))
            for i, g in enumerate(groups)]
