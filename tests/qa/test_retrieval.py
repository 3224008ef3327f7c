"""Retrieval end to end: the Assistant search API over real embedded Chroma and a real `chroma run`
server, the real multilingual-e5-small model, metadata filters, the LangChain retriever, the BM25
index kept in step with Chroma, every fusion strategy, and the `search` / `eval` CLI."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone

import numpy as np
import pytest

from conftest import DATA, ROOT, SAMPLE, offline_settings, write_dictd
from ingest.index import ArticleIndex
from ingest.pipeline import Ingestor
from qa.assistant import Assistant
from qa.documents import Passage
from qa.evaluate import article_ranking, rank_metrics
from qa.fusion import RRF_K, Fusion
from qa.lexical import LexicalIndex
from qa.lexicon import Lexicon
from qa.settings import Settings

ARTICLES = DATA / "qa-articles.jsonl"
NEW_ARTICLE = DATA / "qa-new-article.jsonl"
QUESTIONS = DATA / "qa-questions.jsonl"
SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un, AS Khawatir Korut-Rusia Makin Akrab"
CAMPBELL = "Kurt Campbell, mengatakan kepada mitranya"
CAMPBELL_EN = "What did Campbell tell Kim Hong-kyun?"
CAMPBELL_ID = "Apa yang dikatakan Campbell kepada Kim Hong-kyun?"
WHEAT_ID = "Berapa ton gandum yang diimpor Indonesia pada 2023?"
TURTLES_EN = "Where were the young green turtles released into the sea?"
FLOOD_ID = "Berapa rumah yang terendam banjir di Dayeuhkolot?"


def epoch(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp())


def fixture_records() -> dict[str, dict]:
    with open(ARTICLES, encoding="utf-8") as f:
        return {r["doc_id"]: r for r in map(json.loads, filter(str.strip, f))}


def published_of(record: dict) -> int:
    dt = datetime.fromisoformat(record["published"])
    return int((dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp())


@pytest.fixture(scope="module")
def sample_kb(sample_store):
    settings, _ = sample_store
    return Assistant(settings=settings)


@pytest.fixture(scope="module")
def articles_store(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("articles") / "store", "articles")
    summary = Ingestor(settings, model=model).ingest([str(ARTICLES)])
    assert summary.ok and summary.added == len(fixture_records()) == 8
    return settings


@pytest.fixture(scope="module")
def articles_kb(articles_store):
    return Assistant(settings=articles_store)


def cli(*args: str, timeout: float = 300, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess:
    extra = env or {}
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    for name in ("KABAR_STORE", "KABAR_CHROMA_URL", "KABAR_COLLECTION", "KABAR_LLM"):
        env.pop(name, None)
    env.update(extra)
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


# --- the search API over the sample -----------------------------------------------------------

@pytest.mark.parametrize("question", [CAMPBELL_EN, CAMPBELL_ID])
def test_campbell_passage_comes_first_in_either_language(sample_kb, sample_store, question):
    _, article_id = sample_store
    passages = sample_kb.search(question, k=5)
    assert 1 <= len(passages) <= 5
    top = [p for p in passages[:2] if CAMPBELL in p.text]
    assert top, [p.text[:80] for p in passages]
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert len({p.chunk_id for p in passages}) == len(passages)

    p = top[0]
    assert isinstance(p, Passage)
    assert p.article_id == article_id and article_id.startswith("idntimes-putin-kim-")
    assert p.chunk_id == f"{article_id}::{p.chunk_index}"
    assert p.title == SAMPLE_TITLE
    assert math.isfinite(p.score) and 0 < p.score
    assert p.source == str(SAMPLE)  # a text file: its path is the source
    assert p.url == "" and p.published is None  # a plain text file has neither
    # The passage is a piece of the article: its offsets point at its text.
    assert 0 <= p.start < p.end and p.end - p.start >= len(p.text) // 2


def test_passage_fields_from_a_record(articles_kb):
    records = fixture_records()
    [p] = articles_kb.search(WHEAT_ID, k=1)
    r = records["qa-gandum"]
    assert p.article_id == "qa-gandum" and p.chunk_id == "qa-gandum::0"
    assert p.title == r["title"] and p.url == r["url"] and p.source == r["source"]
    assert p.published == epoch("2024-01-18")
    assert "4,5 juta ton" in p.text
    banjir = articles_kb.search(FLOOD_ID, k=1)[0]
    assert banjir.article_id == "qa-banjir"
    # "2023-11-20T08:30:00+07:00": the offset is honoured.
    assert banjir.published == published_of(records["qa-banjir"]) == epoch("2023-11-20T01:30:00")


def test_search_does_not_reread_the_collection(sample_kb, monkeypatch):
    """A search asks Chroma for its candidates only: no full `get`, no BM25 rebuild, and no
    second model load."""
    sample_kb.search(CAMPBELL_EN, k=3)  # the lexical index is current after this
    calls = []
    collection = sample_kb.store.collection
    original_get = collection.get
    monkeypatch.setattr(collection, "get", lambda *a, **kw: calls.append(kw) or
                        original_get(*a, **kw))
    monkeypatch.setattr(LexicalIndex, "_build", lambda *a, **kw: pytest.fail("BM25 rebuilt"))
    import qa.embeddings
    monkeypatch.setattr(qa.embeddings, "load_embedding_model",
                        lambda *a, **kw: pytest.fail("model loaded again"))
    for question in (CAMPBELL_EN, CAMPBELL_ID, "Kharkiv"):
        assert sample_kb.search(question, k=3)
    assert calls, "the passages' text comes from Chroma"
    assert all(kw.get("ids") or kw.get("where") for kw in calls), calls


def test_candidates_take_their_vectors_from_the_lexical_index(articles_kb, monkeypatch):
    """The lexical-side candidates' vectors are the lexical index's copies of Chroma's: the same
    numbers, and a search asks Chroma for no embeddings (a get costs 6 ms at 300k chunks). The
    dense side is cut to 1 candidate so that BM25 brings candidates of its own."""
    retriever, lexical = articles_kb.retriever, articles_kb.lexical
    articles_kb.search("impor gandum", k=3)  # the lexical index is current after this
    ids = lexical.ids
    from_chroma = retriever._embeddings(ids)
    from_index = retriever._embeddings(ids, lexical.scores("gandum"))
    assert sorted(from_index) == sorted(from_chroma) == sorted(ids)
    for i in ids:
        np.testing.assert_array_equal(from_index[i], from_chroma[i])

    monkeypatch.setattr(retriever, "candidates", 1)
    asked: list[list[str]] = []
    embeddings = type(retriever)._embeddings
    monkeypatch.setattr(retriever, "_embeddings",
                        lambda wanted, lex=None: asked.append(wanted) or
                        embeddings(retriever, wanted, lex))
    collection = articles_kb.store.collection
    get = collection.get
    monkeypatch.setattr(collection, "get", lambda *a, **kw: pytest.fail(f"Chroma get {kw}")
                        if "embeddings" in (kw.get("include") or []) else get(*a, **kw))
    for question in ("Vietnam GBK", "Whoosh penumpang juta", "beras medium pasar",
                     "impor gandum Australia"):
        assert articles_kb.search(question, k=3)
    assert any(asked), "no search had a lexical-only candidate: the test shows nothing"


@pytest.mark.parametrize("question", ["", "   ", "\n"])
def test_empty_question_is_refused(sample_kb, question):
    with pytest.raises(ValueError, match="empty"):
        sample_kb.search(question)
    with pytest.raises(ValueError):
        sample_kb.ask(question)


def test_bad_arguments_are_refused(sample_kb):
    with pytest.raises(ValueError, match="k must"):
        sample_kb.search(CAMPBELL_EN, k=0)
    with pytest.raises(ValueError, match="where"):
        sample_kb.search(CAMPBELL_EN, where="article_id=x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        Assistant(store="somewhere", chroma_url="http://127.0.0.1:8000")


# --- metadata filters -------------------------------------------------------------------------

def test_where_article_id(articles_kb):
    # A question about wheat, restricted to the coffee article, gets only the coffee article.
    passages = articles_kb.search(WHEAT_ID, k=5, where={"article_id": "qa-kopi"})
    assert passages and {p.article_id for p in passages} == {"qa-kopi"}
    assert articles_kb.search(WHEAT_ID, k=5, where={"article_id": "no-such-article"}) == []
    # Unfiltered, the wheat article wins, so the filter is what changed the answer.
    assert articles_kb.search(WHEAT_ID, k=1)[0].article_id == "qa-gandum"


def test_where_source(articles_kb):
    records = fixture_records()
    desa = {i for i, r in records.items() if r["source"] == "Warta Desa"}
    assert desa == {"qa-banjir", "qa-penyu", "qa-kopi"}
    passages = articles_kb.search(WHEAT_ID, k=10, where={"source": "Warta Desa"})
    assert {p.article_id for p in passages} == desa
    assert all(p.source == "Warta Desa" for p in passages)
    flood = articles_kb.search(FLOOD_ID, k=2, where={"source": "Warta Desa"})
    assert flood[0].article_id == "qa-banjir"
    pagi = articles_kb.search(FLOOD_ID, k=10, where={"source": "Kabar Pagi"})
    assert {p.article_id for p in pagi} == {"qa-gandum", "qa-timnas", "qa-gempa"}


def test_where_published_range(articles_kb):
    records = fixture_records()
    since = epoch("2024-01-01")
    expected = {i for i, r in records.items() if published_of(r) >= since}
    assert expected == {"qa-gandum", "qa-kereta", "qa-penyu", "qa-timnas", "qa-beras"}
    passages = articles_kb.search(FLOOD_ID, k=10, where={"published": {"$gte": since}})
    assert {p.article_id for p in passages} == expected  # the 2023 flood article is filtered out
    assert all(p.published >= since for p in passages)

    until = epoch("2024-03-01")
    window = {"$and": [{"published": {"$gte": since}}, {"published": {"$lt": until}}]}
    passages = articles_kb.search(WHEAT_ID, k=10, where=window)
    assert {p.article_id for p in passages} == {"qa-gandum", "qa-kereta", "qa-beras"}
    assert passages[0].article_id == "qa-gandum"

    both = {"$and": [{"source": "Suara Nusantara"}, {"published": {"$lt": until}}]}
    assert {p.article_id for p in articles_kb.search(WHEAT_ID, k=10, where=both)} == \
        {"qa-kereta", "qa-beras"}


# --- the LangChain retriever ------------------------------------------------------------------

def test_as_retriever_returns_documents(sample_kb):
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    retriever = sample_kb.as_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke(CAMPBELL_EN)
    passages = sample_kb.search(CAMPBELL_EN, k=3)
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    assert [d.metadata["chunk_id"] for d in docs] == [p.chunk_id for p in passages]
    for d, p in zip(docs, passages):
        assert d.page_content == p.text
        assert d.id == p.chunk_id
        assert d.metadata["article_id"] == p.article_id
        assert d.metadata["title"] == SAMPLE_TITLE
        assert d.metadata["score"] == pytest.approx(p.score, abs=1e-5)
        assert None not in d.metadata.values()
    assert any(CAMPBELL in d.page_content for d in docs[:2])


def test_as_retriever_where(articles_kb):
    docs = articles_kb.as_retriever(k=5, where={"article_id": "qa-penyu"}).invoke(WHEAT_ID)
    assert docs and {d.metadata["article_id"] for d in docs} == {"qa-penyu"}


# --- fusion strategies ------------------------------------------------------------------------

@pytest.mark.parametrize("fusion", list(Fusion))
def test_every_fusion_strategy_finds_the_wheat_article(articles_kb, fusion):
    passages = articles_kb.search(WHEAT_ID, k=5, fusion=fusion)
    assert 1 <= len(passages) <= 5
    assert passages[0].article_id == "qa-gandum", [(p.article_id, p.score) for p in passages]
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    if fusion is Fusion.DENSE:
        assert all(-1.0 <= s <= 1.0 for s in scores)
    elif fusion is Fusion.LEXICAL:
        assert all(s > 0 for s in scores)  # only chunks that share a word with the question
    elif fusion is Fusion.RRF:
        assert scores[0] <= 2 / (RRF_K + 1) + 1e-12 and scores[0] > 1 / (RRF_K + 2)


TURTLE_QUESTION = "Which sea turtles hatched on a beach, not in Jakarta?"


def test_kabar_fusion_does_not_let_bm25_noise_sink_an_english_question(articles_kb,
                                                                        monkeypatch):
    """With no dictionary to gloss it, only "Jakarta" of this English question occurs in the
    Indonesian articles, and not in the turtle article: BM25's list is noise. Naive RRF gives it
    half the vote and sinks the right article; Kabar's fusion sees the low coverage and keeps
    the dense ranking."""
    monkeypatch.setattr(articles_kb.reader, "lexicon", None)
    question = TURTLE_QUESTION
    lexical = articles_kb.search(question, k=5, fusion=Fusion.LEXICAL)
    assert lexical and "qa-penyu" not in {p.article_id for p in lexical}
    rrf = articles_kb.search(question, k=5, fusion=Fusion.RRF)
    assert rrf[0].article_id != "qa-penyu"
    dense = articles_kb.search(question, k=5, fusion=Fusion.DENSE)
    kabar = articles_kb.search(question, k=5, fusion=Fusion.KABAR, rerank=False)
    assert dense[0].article_id == "qa-penyu"
    assert [p.chunk_id for p in kabar] == [p.chunk_id for p in dense]
    # The default, with the second stage: it trusts that stray BM25 match as little.
    assert articles_kb.search(question, k=1)[0].article_id == "qa-penyu"

    # No word in common at all: the same, and BM25 alone finds nothing.
    assert articles_kb.search(TURTLES_EN, k=5, fusion=Fusion.LEXICAL) == []
    assert [p.chunk_id for p in articles_kb.search(TURTLES_EN, k=5, rerank=False)] == \
        [p.chunk_id for p in articles_kb.search(TURTLES_EN, k=5, fusion=Fusion.DENSE)]


def test_a_glossed_english_question_lets_bm25_find_the_indonesian_article(articles_kb, tmp_path,
                                                                          monkeypatch):
    """Glossed through a dictionary ("turtle" → "penyu", "beach" → "pantai"), the same English
    question's BM25 ranking finds the turtle article, and so does the fused one."""
    entries = {"turtle": "turtle /ˈtɜːtl̩/ <n>\npenyu\nmarine reptile with a shell\n",
               "beach": "beach /biːtʃ/ <n>\npantai\nsandy shore\n"}
    monkeypatch.setattr(articles_kb.reader, "lexicon",
                        Lexicon.from_dictd(write_dictd(tmp_path, entries)))
    query = articles_kb.retriever.lexical_query(articles_kb.read(TURTLE_QUESTION))
    assert query.startswith(TURTLE_QUESTION) and "penyu" in query and "pantai" in query
    lexical = articles_kb.search(TURTLE_QUESTION, k=5, fusion=Fusion.LEXICAL)
    assert lexical[0].article_id == "qa-penyu"
    assert articles_kb.search(TURTLE_QUESTION, k=5)[0].article_id == "qa-penyu"


def test_kabar_fusion_gives_bm25_a_vote_on_an_indonesian_question(articles_kb):
    dense = {p.chunk_id: p.score for p in
             articles_kb.search(WHEAT_ID, k=8, fusion=Fusion.DENSE)}
    kabar = articles_kb.search(WHEAT_ID, k=8, fusion=Fusion.KABAR, rerank=False)
    top = kabar[0]
    assert top.article_id == "qa-gandum"
    assert top.score > dense[top.chunk_id] + 0.01  # the lexical side added to the cosine
    assert all(p.score >= dense[p.chunk_id] - 1e-6 for p in kabar)


def test_assistant_fusion_choice(articles_store):
    kb = Assistant(settings=articles_store, fusion="lexical")
    assert kb.retriever.fusion is Fusion.LEXICAL
    assert kb.search("gayo", k=3)[0].article_id == "qa-kopi"


# --- the lexical index agrees with Chroma -----------------------------------------------------

def test_lexical_index_follows_ingest_and_delete(tmp_path, model, monkeypatch):
    settings = offline_settings(tmp_path / "store", "news")
    Ingestor(settings, model=model).ingest([str(ARTICLES)])
    kb = Assistant(settings=settings)
    assert kb.search("trenggiling", k=3, fusion=Fusion.LEXICAL) == []

    # Another ingestor (as `kabar ingest` in another process would) adds an article.
    summary = Ingestor(settings, model=model).ingest([str(NEW_ARTICLE)])
    assert summary.added == 1
    kb.refresh()
    assert "qa-trenggiling::0" in kb.lexical.ids
    hits = kb.search("trenggiling", k=3, fusion=Fusion.LEXICAL)
    assert [p.article_id for p in hits] == ["qa-trenggiling"]
    assert kb.search("sisik trenggiling diselundupkan lewat Belawan", k=1)[0].article_id == \
        "qa-trenggiling"

    # Without an explicit refresh: a search notices the change and rebuilds in the background.
    extra = tmp_path / "qa-extra.jsonl"
    extra.write_text(json.dumps({
        "doc_id": "qa-extra", "title": "Petani Salak Pondoh Panen Raya", "source": "Warta Desa",
        "published": "2024-06-01",
        "text": "Petani salak pondoh di lereng Merapi memanen sekitar 40 ton buah dalam sepekan. "
                "Harga salak di tingkat petani turun menjadi Rp 6.000 per kilogram."}) + "\n")
    Ingestor(settings, model=model).ingest([str(extra)])
    kb.search("salak pondoh", k=1)
    kb.lexical.wait()
    assert kb.search("pondoh", k=3, fusion=Fusion.LEXICAL)[0].article_id == "qa-extra"

    # Delete an article. Until the index is rebuilt it still lists the chunk, yet no search
    # may show it: passages always come from Chroma.
    assert ArticleIndex(kb.store).delete("qa-trenggiling") == 1
    monkeypatch.setattr(kb.lexical, "refresh", lambda **kw: None)  # the rebuild has not run yet
    assert kb.lexical.position("qa-trenggiling::0") is not None
    for fusion in Fusion:
        for question in ("trenggiling", "sisik trenggiling di Pelabuhan Belawan"):
            found = kb.search(question, k=10, fusion=fusion)
            assert "qa-trenggiling" not in {p.article_id for p in found}, (fusion, question)
    assert kb.search("trenggiling", k=5, where={"article_id": "qa-trenggiling"}) == []
    assert kb.search("trenggiling", k=5, where={"source": "Suara Nusantara"})
    monkeypatch.undo()

    kb.refresh()
    assert kb.lexical.position("qa-trenggiling::0") is None
    assert "qa-extra::0" in kb.lexical.ids and len(kb.lexical.ids) == kb.store.collection.count()
    assert kb.search("trenggiling", k=3, fusion=Fusion.LEXICAL) == []
    assert "qa-trenggiling" not in {p.article_id for p in kb.search("trenggiling Belawan", k=10)}


def test_second_assistant_loads_the_saved_bm25_index(tmp_path, model, monkeypatch):
    settings = offline_settings(tmp_path / "store", "news")
    Ingestor(settings, model=model).ingest([str(ARTICLES)])
    first = Assistant(settings=settings)
    directory = LexicalIndex.default_directory(settings)
    assert directory == settings.store / "kabar-lexical" / "news"
    assert directory.is_dir()
    assert first.lexical.directory.parent == directory
    saved = json.loads((first.lexical.directory / "kabar.json").read_text())
    assert sorted(saved["ids"]) == sorted(first.lexical.ids) and len(saved["ids"]) == 8

    monkeypatch.setattr(LexicalIndex, "_build",
                        lambda *a, **kw: pytest.fail("rebuilt instead of loading the saved index"))
    second = Assistant(settings=settings)
    assert second.lexical.ids == first.lexical.ids
    assert second.search("gayo", k=1, fusion=Fusion.LEXICAL)[0].article_id == "qa-kopi"
    assert [p.chunk_id for p in second.search(WHEAT_ID, k=3)] == \
        [p.chunk_id for p in first.search(WHEAT_ID, k=3)]


# --- a Chroma server --------------------------------------------------------------------------

def test_server_mode_matches_embedded(chroma_server, model, sample_kb, tmp_path, monkeypatch):
    # The server's lexical index lives in the cache directory: keep it out of the user's cache,
    # while the converted model is still found there (by the CLI in a subprocess below).
    models = Settings.from_env().cache_dir / "models"
    assert models.is_dir()  # the session's `model` fixture put it there
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "models").symlink_to(models, target_is_directory=True)
    monkeypatch.setenv("KABAR_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("KABAR_STORE", "KABAR_LLM"):
        monkeypatch.delenv(name, raising=False)
    collection = f"sample-{uuid.uuid4().hex[:8]}"
    settings = Settings.from_env(chroma_url=chroma_server, collection=collection)
    summary = Ingestor(settings, model=model).ingest([str(SAMPLE)])
    assert summary.added == 1

    kb = Assistant(chroma_url=chroma_server, collection=collection)
    assert kb.settings.chroma_url == chroma_server
    assert kb.lexical.directory.is_relative_to(tmp_path / "cache" / "lexical")
    assert (kb.lexical.directory / "kabar.json").is_file()
    for question in (CAMPBELL_EN, CAMPBELL_ID, "Kapan rudal mendarat di Kharkiv?"):
        served = kb.search(question, k=3)
        embedded = sample_kb.search(question, k=3)
        assert served[0].chunk_id == embedded[0].chunk_id, question
        assert served[0].text == embedded[0].text
        assert served[0].score == pytest.approx(embedded[0].score, abs=1e-3)
    assert any(CAMPBELL in p.text for p in kb.search(CAMPBELL_EN, k=2))
    article_id = summary.article_ids[0]
    assert {p.article_id for p in kb.search("Kharkiv", k=5, where={"article_id": article_id})} \
        == {article_id}

    proc = cli("search", "--chroma-url", chroma_server, "--collection", collection, "--json",
               "-k", "2", CAMPBELL_ID)
    assert proc.returncode == 0, proc.stderr
    passages = json.loads(proc.stdout)["passages"]
    assert [p["chunk_id"] for p in passages] == [p.chunk_id for p in kb.search(CAMPBELL_ID, k=2)]
    assert any(CAMPBELL in p["text"] for p in passages)


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_search_json(sample_store):
    settings, article_id = sample_store
    proc = cli("search", "--store", str(settings.store), "--collection", settings.collection,
               "--json", "-k", "3", CAMPBELL_EN)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    passages = out["passages"]
    assert len(passages) == 3
    for p in passages:
        assert {"article_id", "chunk_id", "title", "text", "score"} <= set(p)
        assert p["article_id"] == article_id and p["title"] == SAMPLE_TITLE
        assert isinstance(p["score"], float)
    assert any(CAMPBELL in p["text"] for p in passages[:2])
    assert [p["score"] for p in passages] == sorted((p["score"] for p in passages), reverse=True)


def test_cli_eval_json(articles_store):
    proc = cli("eval", "--store", str(articles_store.store), "--collection",
               articles_store.collection, "--json", str(QUESTIONS))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["questions"] == 6
    by_language = result["by_language"]
    assert set(by_language) == {"en", "id"}
    assert by_language["en"]["n"] == 3 and by_language["id"]["n"] == 3
    for lang, m in by_language.items():
        for key in ("R@1", "R@5", "R@20", "MRR@10", "nDCG@10"):
            assert 0.0 <= m[key] <= 1.0, (lang, key, m)
        assert m["R@20"] >= m["R@5"] >= m["R@1"], m
        assert m["MRR@10"] >= m["R@1"] and m["nDCG@10"] >= m["MRR@10"], m
        # Six plain questions over eight short articles: each gold article is in the top 5.
        assert m["R@5"] == 1.0, (lang, m)
    latency = result["latency_ms"]
    assert 0 < latency["p50"] <= latency["p95"]


def test_cli_missing_collection_is_a_readable_error(tmp_path):
    proc = cli("search", "--store", str(tmp_path / "nothing-here"), "--collection", "absent",
               "--json", "anything")
    assert proc.returncode != 0
    assert "No collection 'absent'" in proc.stderr and "kabar ingest" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip() == ""


def test_cli_eval_rejects_a_bad_questions_file(articles_store, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "Apa?"}\n')
    proc = cli("eval", "--store", str(articles_store.store), "--collection",
               articles_store.collection, str(bad), timeout=120)
    assert proc.returncode == 2
    assert f"{bad}:1" in proc.stderr and "doc_id" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = cli("eval", "--store", str(articles_store.store), "--collection",
               articles_store.collection, str(tmp_path / "missing.jsonl"), timeout=120)
    assert proc.returncode == 2
    assert "missing.jsonl" in proc.stderr and "Traceback" not in proc.stderr


# --- metrics ----------------------------------------------------------------------------------

def test_rank_metrics_by_hand():
    assert rank_metrics(["gold", "b", "c"], "gold") == {
        "R@1": 1.0, "R@5": 1.0, "R@20": 1.0, "MRR@10": 1.0, "nDCG@10": 1.0}
    third = rank_metrics(["a", "b", "gold", "d"], "gold")
    assert third["R@1"] == 0.0 and third["R@5"] == 1.0 and third["R@20"] == 1.0
    assert third["MRR@10"] == pytest.approx(1 / 3)
    assert third["nDCG@10"] == pytest.approx(0.5)  # 1 / log2(3 + 1)
    assert rank_metrics(["a", "b"], "gold") == {
        "R@1": 0.0, "R@5": 0.0, "R@20": 0.0, "MRR@10": 0.0, "nDCG@10": 0.0}
    twelfth = rank_metrics([f"x{i}" for i in range(11)] + ["gold"], "gold")
    assert twelfth == {"R@1": 0.0, "R@5": 0.0, "R@20": 1.0, "MRR@10": 0.0, "nDCG@10": 0.0}


def test_article_ranking_counts_each_article_once():
    def p(article: str, n: int) -> Passage:
        return Passage(article_id=article, chunk_id=f"{article}::{n}", title="", text="", score=0)

    assert article_ranking([p("a", 0), p("a", 1), p("b", 0), p("a", 2), p("c", 0)]) == \
        ["a", "b", "c"]
    # The second chunk of the first article does not push the gold article down a rank.
    assert rank_metrics(article_ranking([p("a", 0), p("a", 1), p("gold", 0)]), "gold")["MRR@10"] \
        == pytest.approx(0.5)
