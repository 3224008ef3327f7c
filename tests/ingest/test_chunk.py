"""Token-bounded chunks of whole sentences."""

from __future__ import annotations

import pytest

from conftest import SAMPLE
from ingest.chunk import DEFAULT_MAX_TOKENS, approximate_token_counts, split_into_chunks
from ingest.loaders import load_sources
from qa.documents import Article
from qa.sentences import split_sentences


@pytest.fixture(scope="module")
def article() -> Article:
    [item] = list(load_sources([str(SAMPLE)], max_bytes=10_000_000))
    assert isinstance(item, Article)
    return item


@pytest.fixture(scope="module")
def count(model):
    from ingest.pipeline import token_counter

    return token_counter(model)


def check_chunks(article: Article, chunks, count, max_tokens: int, *, overlap: bool = False):
    text = article.text
    assert chunks, "no chunks"
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert c.article_id == article.article_id
        assert c.chunk_id == f"{article.article_id}::{c.index}"
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.text == c.text.strip()
    # Each chunk fits the limit with the model's own tokenizer.
    tokens = count([c.text for c in chunks])
    assert max(tokens) <= max_tokens, list(zip(tokens, [c.text[:40] for c in chunks]))
    # Chunks go forward through the text...
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in zip(chunks, chunks[1:]):
        if overlap:
            assert b.start > a.start and b.end > a.end
            assert b.start <= a.end or text[a.end:b.start].strip() == ""
        else:
            # ...without overlap, and only whitespace between them: nothing is lost.
            assert a.end <= b.start
            assert text[a.end:b.start].strip() == ""
    # Every sentence is inside some chunk (or, if longer than the limit, covered by chunks).
    covered = [False] * len(text)
    for c in chunks:
        covered[c.start:c.end] = [True] * (c.end - c.start)
    for s, e in split_sentences(text):
        assert all(covered[i] or text[i].isspace() for i in range(s, e)), text[s:e]
    return tokens


def check_sections(article: Article, chunks):
    starts = {offset: name for offset, name in article.sections}
    for c in chunks:
        before = [name for offset, name in article.sections if offset <= c.start]
        assert c.section == (before[-1] if before else "")
    # A section heading starts a chunk: no chunk straddles two sections.
    chunk_starts = {c.start for c in chunks}
    assert set(starts) <= chunk_starts
    for c in chunks:
        assert not any(c.start < offset < c.end for offset in starts)


def test_sample_chunks_default_limit(article, count, model):
    chunks = split_into_chunks(article, count)
    check_chunks(article, chunks, count, DEFAULT_MAX_TOKENS)
    check_sections(article, chunks)
    assert DEFAULT_MAX_TOKENS + 16 <= model.max_seq_length  # with prompt and specials: no truncation
    assert len(chunks) >= 4  # the sample is ~3,800 characters: several chunks, not one
    assert {c.section for c in chunks} == {""} | {name for _, name in article.sections}
    assert chunks[0].section == ""
    assert chunks[0].text.startswith("Putin diperkirakan kunjungi Korut")
    # A chunk is not truncated by the model: the whole text fits with prompt and special tokens.
    # Counted apart from the chunker's counter: the model's own tokenizer file, untruncated,
    # with its special tokens.
    from tokenizers import Tokenizer

    from qa.light_encoder import TOKENIZER_FILE

    tokenizer = Tokenizer.from_file(str(model.folder / TOKENIZER_FILE))
    tokenizer.no_truncation()
    full = [len(e.ids) for e in tokenizer.encode_batch(["passage: " + c.text for c in chunks])]
    assert max(full) <= model.max_seq_length


@pytest.mark.parametrize("max_tokens", [60, 25])
def test_sample_chunks_small_limits_split_long_sentences(article, count, max_tokens):
    chunks = split_into_chunks(article, count, max_tokens=max_tokens)
    tokens = check_chunks(article, chunks, count, max_tokens)
    check_sections(article, chunks)
    # Some sentences of the sample are longer than 25 tokens: they are cut, not dropped or kept whole.
    longest = max(count([article.text[s:e] for s, e in split_sentences(article.text)]))
    assert longest > 25
    assert len(chunks) > len(split_into_chunks(article, count)) and max(tokens) <= max_tokens


def test_sample_chunks_with_overlap(article, count):
    chunks = split_into_chunks(article, count, max_tokens=60, overlap_sentences=1)
    check_chunks(article, chunks, count, 60, overlap=True)
    check_sections(article, chunks)
    plain = split_into_chunks(article, count, max_tokens=60)
    # Overlap repeats a sentence somewhere, never across a section heading.
    assert any(b.start < a.end for a, b in zip(chunks, chunks[1:]))
    assert len(chunks) >= len(plain)


def test_chunks_hold_whole_sentences_and_are_full(article):
    count, limit = approximate_token_counts, 100
    spans = split_sentences(article.text)
    tokens = dict(zip(spans, count([article.text[s:e] for s, e in spans])))
    assert max(tokens.values()) <= limit  # no sentence is cut here: each one is a unit
    chunks = split_into_chunks(article, count, max_tokens=limit)
    inside = [[span for span in spans if c.start <= span[0] and span[1] <= c.end] for c in chunks]
    # A sentence that fits is never cut between two chunks...
    assert sum(len(held) for held in inside) == len(spans)
    sections = {offset for offset, _ in article.sections}
    # ...and a chunk only ends early where a section starts: the next sentence would not fit.
    for held, (first, *_) in zip(inside, inside[1:]):
        if first[0] not in sections:
            assert sum(tokens[span] for span in held) + tokens[first] > limit


def test_approximate_counter_also_bounds_chunks(article):
    chunks = split_into_chunks(article, approximate_token_counts, max_tokens=80)
    check_chunks(article, chunks, approximate_token_counts, 80)


def test_empty_article_has_no_chunks():
    assert split_into_chunks(Article(article_id="x", text="")) == []
