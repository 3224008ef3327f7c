"""Hybrid search: dense (Chroma) and lexical (BM25) candidates, fused, returned as Passages."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from qa.documents import Passage
from qa.fusion import Fusion, FusionWeights, fuse
from qa.lexical import LexicalIndex, LexicalScores
from qa.languages import BASE
from qa.lexicon import glossed_question
from qa.question import Question
from qa.records import passage_from_row
from qa.store import Store

log = logging.getLogger(__name__)

CANDIDATES = 50  # from each side; the union is re-scored by both


@dataclass
class _Candidates:
    ids: list[str]
    dense: np.ndarray
    lexical: np.ndarray
    in_dense: np.ndarray
    in_lexical: np.ndarray
    coverage: float  # share of the question's terms found in the corpus (see LexicalIndex)


class HybridRetriever:
    """Finds the chunks that answer a question, in any supported language."""

    def __init__(self, store: Store, lexical: LexicalIndex, *,
                 fusion: Fusion = Fusion.KABAR, weights: FusionWeights = FusionWeights(),
                 candidates: int = CANDIDATES) -> None:
        self.store = store
        self.lexical = lexical
        self.fusion = fusion
        self.weights = weights
        self.candidates = candidates

    @staticmethod
    def lexical_query(question: Question) -> str:
        """What BM25 searches for: the query, and for an English one the Indonesian words its
        words translate to, since BM25 matches words, not meanings."""
        return glossed_question(question.query, question.query_glosses) or question.query

    @staticmethod
    def unglossed(question: Question) -> bool:
        """A question in another language than the articles' that no dictionary glossed: BM25
        cannot match it word for word, so fusion trusts its lexical side less."""
        return question.language is not BASE and not question.glossed

    def _embeddings(self, ids: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        got = self.store.collection.get(ids=ids, include=["embeddings"])
        return {i: np.asarray(e, dtype=np.float32) for i, e in zip(got["ids"], got["embeddings"])}

    def _candidates(self, question: Question, vector: np.ndarray, where: dict | None,
                    fusion: Fusion) -> _Candidates:
        collection = self.store.collection
        need_lexical = fusion is not Fusion.DENSE
        lex = (self.lexical.scores(self.lexical_query(question)) if need_lexical
               else LexicalScores(np.zeros(0), 0.0, [], {}))
        bm25, coverage = lex.scores, lex.coverage
        if where:
            # Chroma's filtered vector query scans linearly (~70 ms at 100k chunks); fetching
            # the filter's chunks and scoring them here is several times faster.
            got = collection.get(where=where, include=["embeddings"])
            ids = list(got["ids"])
            dense = (np.asarray(got["embeddings"], dtype=np.float32) @ vector
                     if ids else np.zeros(0, np.float32))
            lexical = np.array([lex.of(i) for i in ids], dtype=np.float32)
            in_dense = np.zeros(len(ids), bool)
            in_dense[np.argsort(-dense)[:self.candidates]] = True
            in_lexical = np.zeros(len(ids), bool)
            in_lexical[np.argsort(-lexical)[:self.candidates]] = True
            in_lexical &= lexical > 0
            return _Candidates(ids, dense, lexical, in_dense, in_lexical, coverage)

        dense_ids: list[str] = []
        dense_sims: list[float] = []
        if fusion is not Fusion.LEXICAL:
            result = collection.query(query_embeddings=[vector.tolist()],
                                      n_results=self.candidates, include=["distances"])
            dense_ids = result["ids"][0]
            dense_sims = [1.0 - d for d in result["distances"][0]]  # cosine distance
        lexical_ids: list[str] = []
        if need_lexical and len(bm25):
            top = np.argpartition(-bm25, min(self.candidates, len(bm25) - 1))[:self.candidates]
            lexical_ids = [lex.ids[p] for p in top if bm25[p] > 0]
        ids = list(dict.fromkeys(dense_ids + lexical_ids))
        dense_of = dict(zip(dense_ids, dense_sims))
        missing = [i for i in ids if i not in dense_of]
        for i, e in self._embeddings(missing).items():
            dense_of[i] = float(e @ vector)
        ids = [i for i in ids if i in dense_of]  # a chunk deleted since BM25 was built
        lexical = np.array([lex.of(i) for i in ids], dtype=np.float32)
        dense_set, lexical_set = set(dense_ids), set(lexical_ids)
        return _Candidates(ids, np.array([dense_of[i] for i in ids], dtype=np.float32), lexical,
                           np.array([i in dense_set for i in ids]),
                           np.array([i in lexical_set for i in ids]), coverage)

    def search(self, question: Question, *, k: int, where: dict | None = None,
               fusion: Fusion | None = None) -> list[Passage]:
        """The k best passages for the question, best first."""
        fusion = fusion or self.fusion
        if fusion is not Fusion.DENSE:
            self.lexical.refresh()
        vector = question.query_vector
        c = self._candidates(question, vector, where, fusion)
        if not c.ids:
            return []
        scores = fuse(fusion, c.dense, c.lexical, in_dense=c.in_dense, in_lexical=c.in_lexical,
                      coverage=c.coverage, english=self.unglossed(question),
                      weights=self.weights)
        order = np.argsort(-scores, kind="stable")[:k]
        chosen = [c.ids[i] for i in order]
        got = self.store.collection.get(ids=chosen, include=["documents", "metadatas"])
        by_id = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        return [passage_from_row(c.ids[i], *by_id[c.ids[i]], score=float(scores[i]))
                for i in order if c.ids[i] in by_id]
