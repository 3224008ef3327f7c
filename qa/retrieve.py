"""Hybrid search: dense (Chroma) and lexical (BM25) candidates, fused, returned as Passages."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from qa.documents import Passage
from qa.fusion import Fusion, FusionWeights, fuse, lexical_trust
from qa.lexical import LexicalIndex, LexicalScores
from qa.languages import BASE
from qa.lexicon import glossed_question
from qa.question import Question
from qa.records import passage_from_row
from qa.rerank import RerankModel, candidate_features, rerank_order
from qa.store import Store

log = logging.getLogger(__name__)

CANDIDATES = 50  # from each side; the union is re-scored by both
# A filter selecting up to this many chunks is scored exactly, chunk by chunk (~15 ms for 40k
# at 384 dimensions); a broader one takes the vector index's ranking restricted to it.
EXACT_UP_TO = 40_000


@dataclass
class _Candidates:
    ids: list[str] | np.ndarray
    dense: np.ndarray
    lexical: np.ndarray
    in_dense: np.ndarray
    in_lexical: np.ndarray
    coverage: float  # share of the question's terms found in the corpus (see LexicalIndex)
    view: LexicalScores | None = None  # the index state the lexical scores were read from


class HybridRetriever:
    """Finds the chunks that answer a question, in any supported language."""

    def __init__(self, store: Store, lexical: LexicalIndex, *,
                 fusion: Fusion = Fusion.KABAR, weights: FusionWeights = FusionWeights(),
                 candidates: int = CANDIDATES, reranker: RerankModel | None = None) -> None:
        self.store = store
        self.lexical = lexical
        self.fusion = fusion
        self.weights = weights
        self.candidates = candidates
        self.reranker = reranker  # the second stage (qa/rerank.py); None: first stage only

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

    def _embeddings(self, ids: list[str], lex: LexicalScores | None = None
                    ) -> dict[str, np.ndarray]:
        """The stored vectors of `ids`: from the lexical index's state where it holds them (the
        same vectors, read from Chroma), else from Chroma (a get costs 6 ms at 300k chunks)."""
        found: dict[str, np.ndarray] = {}
        vectors = lex.vectors if lex is not None else None
        if vectors is not None and vectors.size:
            for i in ids:
                p = lex.position.get(i)
                if p is not None and p < len(vectors):
                    found[i] = vectors[p]
        rest = [i for i in ids if i not in found]
        if rest:
            got = self.store.collection.get(ids=rest, include=["embeddings"])
            found.update((i, np.asarray(e, dtype=np.float32))
                         for i, e in zip(got["ids"], got["embeddings"]))
        return found

    def _candidates(self, question: Question, vector: np.ndarray, where: dict | None,
                    fusion: Fusion) -> _Candidates:
        collection = self.store.collection
        need_lexical = fusion is not Fusion.DENSE
        lex = (self.lexical.scores(self.lexical_query(question)) if need_lexical
               else LexicalScores(np.zeros(0), 0.0, [], {}))
        bm25, coverage = lex.scores, lex.coverage
        if where:
            return self._filtered(lex if need_lexical else self.lexical.scores(""), vector,
                                  where, coverage)
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
        for i, e in self._embeddings(missing, lex).items():
            dense_of[i] = float(e @ vector)
        ids = [i for i in ids if i in dense_of]  # no vector anywhere: gone from Chroma too
        lexical = np.array([lex.of(i) for i in ids], dtype=np.float32)
        dense_set, lexical_set = set(dense_ids), set(lexical_ids)
        return _Candidates(ids, np.array([dense_of[i] for i in ids], dtype=np.float32), lexical,
                           np.array([i in dense_set for i in ids]),
                           np.array([i in lexical_set for i in ids]), coverage, lex)

    def _filtered(self, lex: LexicalScores, vector: np.ndarray, where: dict,
                  coverage: float) -> _Candidates:
        """The candidates among the chunks a filter selects. The index evaluates the filter on
        its copy of the metadata: at 300k chunks Chroma took 0.1-2.7 s to list the ids a
        `published` range selects, its filtered query 127-878 ms (missing 7-17% of the exact
        top 50), and fetching the chunks' vectors 0.2-6.4 s."""
        selected = lex.select(where)
        if selected is None:  # a filter the index does not evaluate: Chroma names the chunks
            ids = list(self.store.collection.get(where=where, include=[])["ids"])
            positions = np.array([lex.position.get(i, -1) for i in ids], dtype=np.int64)
            return self._exact(lex, vector, np.array(ids, object), positions, coverage)
        count = int(selected.sum())
        if count <= EXACT_UP_TO or count < 4 * self.candidates:
            return self._exact_selected(lex, vector, selected, coverage)
        # A broad filter: the unfiltered ranking restricted to it. Ask the vector index for
        # enough neighbours that ~2.5x the candidates pass the filter.
        n = min(len(lex.ids), int(np.ceil(2.5 * self.candidates * len(lex.position) / count)))
        result = self.store.collection.query(query_embeddings=[vector.tolist()], n_results=n,
                                             include=["distances"])
        dense_of = {i: 1.0 - d for i, d in zip(result["ids"][0], result["distances"][0])
                    if (p := lex.position.get(i)) is not None and selected[p]}
        if len(dense_of) < self.candidates:  # unlucky: too few passed, score them all
            return self._exact_selected(lex, vector, selected, coverage)
        dense_ids = list(dense_of)[:self.candidates]
        lexical_ids: list[str] = []
        if len(lex.scores):
            masked = np.where(selected, lex.scores, 0)
            top = np.argpartition(-masked, self.candidates)[:self.candidates]
            lexical_ids = [lex.ids[p] for p in top if masked[p] > 0]
        ids = list(dict.fromkeys(dense_ids + lexical_ids))
        for i in ids:
            if i not in dense_of:
                dense_of[i] = float(lex.vectors[lex.position[i]] @ vector)
        dense_set, lexical_set = set(dense_ids), set(lexical_ids)
        return _Candidates(ids, np.array([dense_of[i] for i in ids], np.float32),
                           np.array([lex.of(i) for i in ids], np.float32),
                           np.array([i in dense_set for i in ids]),
                           np.array([i in lexical_set for i in ids]), coverage, lex)

    def _exact_selected(self, lex: LexicalScores, vector: np.ndarray, selected: np.ndarray,
                        coverage: float) -> _Candidates:
        """Every chunk the index's mask selects, scored exactly."""
        positions = np.flatnonzero(selected)
        return self._exact(lex, vector, lex.state.id_array[positions], positions, coverage)

    def _exact(self, lex: LexicalScores, vector: np.ndarray, ids: np.ndarray,
               positions: np.ndarray, coverage: float) -> _Candidates:
        """Every one of the chunks scored, with the index's vectors (position -1: a chunk
        written since the last refresh, whose vector comes from Chroma)."""
        if not len(ids):
            return _Candidates(ids, *(np.zeros(0, np.float32),) * 2, *(np.zeros(0, bool),) * 2,
                               coverage, lex)
        indexed = positions >= 0
        dense = np.zeros(len(ids), np.float32)
        if indexed.any() and lex.vectors is not None and len(lex.vectors):
            dense[indexed] = lex.vectors[positions[indexed]] @ vector
        else:
            indexed[:] = False
        unindexed = np.flatnonzero(~indexed)
        fetched = self._embeddings([ids[n] for n in unindexed])
        for n in unindexed:
            if ids[n] in fetched:
                dense[n] = float(fetched[ids[n]] @ vector)
        lexical = (lex.scores[np.maximum(positions, 0)] * indexed if len(lex.scores)
                   else np.zeros(len(ids), np.float32)).astype(np.float32)
        top = min(self.candidates, len(ids))
        in_dense = np.zeros(len(ids), bool)
        in_dense[np.argpartition(-dense, top - 1)[:top]] = True
        in_lexical = np.zeros(len(ids), bool)
        in_lexical[np.argpartition(-lexical, top - 1)[:top]] = True
        in_lexical &= lexical > 0
        return _Candidates(ids, dense, lexical, in_dense, in_lexical, coverage, lex)

    def search(self, question: Question, *, k: int, where: dict | None = None,
               fusion: Fusion | None = None, rerank: bool | None = None) -> list[Passage]:
        """The k best passages for the question, best first. `rerank` overrides whether the
        second stage re-reads the first stage's best (when the retriever has one)."""
        fusion = fusion or self.fusion
        # The second stage was fitted on Kabar's fusion: it reads that score among its features.
        reranker = self.reranker if rerank is not False and fusion is Fusion.KABAR else None
        if rerank and reranker is None:
            raise ValueError("rerank needs fusion='kabar' (the second stage was fitted on its "
                             "scores)" if self.reranker else "This retriever has no second stage")
        if fusion is not Fusion.DENSE or where:  # a filter is scored with the index's vectors
            self.lexical.refresh()
        vector = question.query_vector
        c = self._candidates(question, vector, where, fusion)
        if not len(c.ids):
            return []
        scores = fuse(fusion, c.dense, c.lexical, in_dense=c.in_dense, in_lexical=c.in_lexical,
                      coverage=c.coverage, english=self.unglossed(question),
                      weights=self.weights)
        # The second stage re-reads its depth (at least k) of the first stage's best.
        depth = max(k, reranker.depth) if reranker else k
        if len(scores) > 4 * depth:  # a filter's exact candidates can be 40k: sort only the best
            best = np.argpartition(-scores, depth)[:depth]
            order = best[np.argsort(-scores[best], kind="stable")]
        else:
            order = np.argsort(-scores, kind="stable")[:depth]
        chosen = [c.ids[i] for i in order]
        got = self.store.collection.get(ids=chosen, include=["documents", "metadatas"])
        by_id = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        order = np.array([i for i in order if c.ids[i] in by_id], dtype=np.int64)  # gone since
        final = scores[order]
        if reranker and len(order):
            final = self._rerank(reranker, question, c, order, scores,
                                 [by_id[c.ids[i]][0] for i in order])
            keep = rerank_order(final)
            # Scores never rise down the list (the kept first-stage best may sit above a
            # better-scored one: it shows that one's score).
            order, final = order[keep], np.maximum.accumulate(final[keep][::-1])[::-1]
        return [passage_from_row(c.ids[i], *by_id[c.ids[i]], score=float(s))
                for i, s in zip(order[:k], final[:k])]

    def _rerank(self, reranker: RerankModel, question: Question, c: _Candidates,
                order: np.ndarray, fused: np.ndarray, texts: list[str]) -> np.ndarray:
        """The second stage's score of each candidate in `order` (the first stage's, best
        first), anchored so that the first stage's best keeps its first-stage score."""
        lex = self.lexical
        terms = lex.query_terms(self.lexical_query(question), c.view)
        features = candidate_features(
            terms, question.kind, texts, lex.tokenize, fused=fused[order],
            dense=c.dense[order], lexical=c.lexical[order], in_dense=c.in_dense[order],
            in_lexical=c.in_lexical[order],
            lexical_trust=lexical_trust(c.coverage, self.unglossed(question), self.weights))
        scores = reranker.scores(features)
        return float(fused[order[0]]) + scores - scores[0]
