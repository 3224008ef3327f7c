"""Retrieval's second stage (qa/rerank.py) with the shipped weights, the real model and real
embedded Chroma: on by default, deterministic, rare words move a passage up, the first stage's
best is never dropped, and the switches (argument, setting, CLI flag) turn it off."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import DATA, offline_settings
from ingest.pipeline import Ingestor
from qa.answer.kinds import AnswerKind
from qa.assistant import Assistant
from qa.rerank import (FEATURES, FIRST_KEPT_WITHIN, MODEL_FILE, RerankMismatch, RerankModel,
                       candidate_features, default_model, rerank_order)
from qa.settings import Settings, SettingsError
from test_retrieval import ARTICLES, CAMPBELL_EN, FLOOD_ID, QUESTIONS, WHEAT_ID, cli

QUESTIONS_ASKED = [WHEAT_ID, FLOOD_ID, CAMPBELL_EN, "Berapa penumpang kereta cepat Whoosh?",
                   "Where is the coffee from?", "harga cabai", "Siapa yang melepas penyu?",
                   "How many houses were flooded?", "kopi gayo ekspor"]


@pytest.fixture(scope="module")
def store(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("rerank") / "store", "articles")
    summary = Ingestor(settings, model=model).ingest([str(ARTICLES), str(DATA / "qa-new-article.jsonl")])
    assert summary.ok and summary.added >= 8
    return settings


@pytest.fixture(scope="module")
def kb(store):
    return Assistant(settings=store)


def test_on_by_default_with_the_shipped_weights(kb):
    assert kb.settings.rerank is True
    assert kb.retriever.reranker == default_model()
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert shipped["features"] == list(FEATURES) and set(shipped["weights"]) == set(FEATURES)
    # The weights a fit wrote, not a placeholder: every feature has one, not all equal.
    assert len({round(w, 6) for w in shipped["weights"].values()}) > len(FEATURES) // 2


def test_scores_are_deterministic(kb, store):
    again = Assistant(settings=store)
    for question in QUESTIONS_ASKED:
        first = [(p.chunk_id, p.score) for p in kb.search(question, k=5)]
        assert first == [(p.chunk_id, p.score) for p in kb.search(question, k=5)]
        assert first == [(p.chunk_id, p.score) for p in again.search(question, k=5)]


def test_reranked_results_are_a_ranking(kb):
    for question in QUESTIONS_ASKED:
        passages = kb.search(question, k=6)
        scores = [p.score for p in passages]
        assert scores == sorted(scores, reverse=True), question
        assert len({p.chunk_id for p in passages}) == len(passages)
        # A search for fewer passages returns the first ones of a search for more.
        assert [p.chunk_id for p in kb.search(question, k=3)] == \
            [p.chunk_id for p in passages[:3]], question


def test_the_first_stage_best_is_never_dropped(kb):
    for question in QUESTIONS_ASKED:
        [best] = kb.search(question, k=1, rerank=False)
        for k in range(FIRST_KEPT_WITHIN, 7):
            ids = [p.chunk_id for p in kb.search(question, k=k)]
            assert best.chunk_id in ids, (question, k)
    # The rule itself, on scores that would push the first stage's best (position 0) last.
    assert list(rerank_order(np.array([0.1, 0.9, 0.8, 0.7]))) == [1, 0, 2, 3]
    assert list(rerank_order(np.array([0.9, 0.1]))) == [0, 1]
    assert len(rerank_order(np.zeros(0))) == 0


def test_a_passage_holding_the_rare_words_moves_up(kb):
    """Two candidates the first stage scored almost alike: the one that holds the question's
    rare words (a name and a place) goes first, whichever the first stage put first."""
    question = kb.read("Apa kata Sutarmidji tentang banjir di Kapuas Hulu?")
    terms = kb.lexical.query_terms(kb.retriever.lexical_query(question))
    assert terms.rare.any()  # names no article of the store holds are rare
    generic = ("Hujan deras membuat sungai meluap dan merendam ratusan rumah warga. Petugas "
               "mengevakuasi warga ke tempat yang lebih tinggi.")
    specific = ("Gubernur Sutarmidji mengatakan banjir di Kapuas Hulu merendam ratusan rumah. "
                "Petugas mengevakuasi warga ke tempat yang lebih tinggi.")

    def order(texts: list[str]) -> list[int]:
        features = candidate_features(
            terms, question.kind, texts, kb.lexical.tokenize, fused=np.array([0.85, 0.845]),
            dense=np.array([0.85, 0.845]), lexical=np.zeros(2), in_dense=np.ones(2, bool),
            in_lexical=np.zeros(2, bool), lexical_trust=1.0)
        return list(rerank_order(default_model().scores(features)))

    assert order([generic, specific]) == [1, 0]  # moved up
    assert order([specific, generic]) == [0, 1]  # and kept first


def test_a_date_question_prefers_a_passage_with_a_date(kb):
    question = kb.read("Kapan kereta cepat Whoosh mulai beroperasi?")
    assert question.kind is AnswerKind.DATE
    terms = kb.lexical.query_terms(kb.retriever.lexical_query(question))
    texts = ["Kereta cepat Whoosh melayani penumpang antara Jakarta dan Bandung setiap hari.",
             "Kereta cepat Whoosh mulai beroperasi pada 2 Oktober 2023 antara Jakarta dan Bandung."]
    rows = candidate_features(terms, question.kind, texts, kb.lexical.tokenize,
                              fused=np.array([0.9, 0.9]), dense=np.array([0.9, 0.9]),
                              lexical=np.zeros(2), in_dense=np.ones(2, bool),
                              in_lexical=np.zeros(2, bool), lexical_trust=1.0)
    assert rows[:, FEATURES.index("date")].tolist() == [0.0, 1.0]
    assert list(rerank_order(default_model().scores(rows))) == [1, 0]


def test_switched_off_by_argument_setting_and_fusion(kb, store, monkeypatch):
    for question in QUESTIONS_ASKED:
        off = kb.search(question, k=5, rerank=False)
        first_stage = Assistant(settings=store, rerank=False).search(question, k=5)
        assert [(p.chunk_id, p.score) for p in off] == [(p.chunk_id, p.score) for p in first_stage]
    assert Assistant(settings=store, rerank=False).retriever.reranker is None
    monkeypatch.setenv("KABAR_RERANK", "0")
    assert Settings.from_env().rerank is False
    monkeypatch.setenv("KABAR_RERANK", "sometimes")
    with pytest.raises(SettingsError, match="KABAR_RERANK='sometimes'.*1 or 0"):
        Settings.from_env()
    # The second stage reads Kabar's fused score: another fusion runs without it.
    assert kb.search(WHEAT_ID, k=3, fusion="rrf")
    with pytest.raises(ValueError, match="fusion='kabar'"):
        kb.search(WHEAT_ID, k=3, fusion="rrf", rerank=True)


def test_weights_fitted_on_other_features_are_refused(tmp_path):
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1] + ["renamed"]
    path = tmp_path / "rerank.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RerankMismatch, match="benchmarks/tune_rerank.py"):
        RerankModel.load(path)


def test_cli_switches(store, tmp_path):
    base = ["--store", str(store.store), "--collection", store.collection]
    on = cli("eval", *base, "--json", str(QUESTIONS))
    off = cli("eval", *base, "--no-rerank", "--json", str(QUESTIONS))
    assert on.returncode == 0 and off.returncode == 0, on.stderr + off.stderr
    assert json.loads(on.stdout)["rerank"] is True and json.loads(off.stdout)["rerank"] is False
    bad = cli("search", *base, "gandum", env={"KABAR_RERANK": "maybe"})
    assert bad.returncode == 2
    assert "KABAR_RERANK='maybe' is neither on nor off; set it to 1 or 0" in bad.stderr
    assert "Traceback" not in bad.stderr
