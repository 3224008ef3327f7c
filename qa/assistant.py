"""`Assistant`: Kabar's Python API over one store (search now; answers build on it)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np

from qa.answer.extractive import ExtractiveAnswerer
from qa.answer.followup import new_subject
from qa.documents import Answer, Passage
from qa.embeddings import load_embedding_model, model_is_ready
from qa.fusion import Fusion, FusionWeights
from qa.rerank import default_model
from qa.lexical import LexicalIndex
from qa.lexicon import load_lexicon
from qa.question import Question, QuestionReader
from qa.retrieve import HybridRetriever
from qa.settings import DEFAULT_K, Settings
from qa.store import open_store, warm_up

log = logging.getLogger(__name__)


class Assistant:
    """Question answering over the articles in one Chroma collection.

    Setup:
        kabar ingest --store DIR article.txt articles.jsonl https://...

    Instantiate (the model and the store are opened once, here):
        kb = Assistant(store="DIR")                        # embedded Chroma directory
        kb = Assistant(chroma_url="http://127.0.0.1:8000")  # a `chroma run` server
        kb = Assistant(store="DIR", collection="news", model="path/or/name")
        kb = Assistant(store="DIR", encoder="torch")  # float32 instead of int8 ONNX Runtime

    Search (English or Indonesian; `where` is a Chroma metadata filter):
        passages = kb.search("What did Campbell tell Kim Hong-kyun?", k=5)
        kb.search("impor gandum", where={"published": {"$gte": 1704067200}})
        kb.search("impor gandum", rerank=False)  # the first stage alone (qa/rerank.py)
        p = passages[0]; p.article_id, p.chunk_id, p.title, p.text, p.score, p.url, p.source

    Retriever (LangChain):
        retriever = kb.as_retriever(k=5); retriever.invoke("Siapa Kim Hong-kyun?")
    """

    def __init__(self, store: str | Path | None = None, *, chroma_url: str | None = None,
                 collection: str | None = None, model: str | None = None,
                 encoder: str | None = None, fusion: Fusion | str = Fusion.KABAR,
                 weights: FusionWeights | None = None, rerank: bool | None = None,
                 settings: Settings | None = None) -> None:
        if store is not None and chroma_url is not None:
            raise ValueError("Give either store= (an embedded directory) or chroma_url=, not both")
        self.settings = settings or Settings.from_env(
            store=store, chroma_url=chroma_url, collection=collection, model=model,
            encoder=encoder, rerank=rerank)
        if rerank is not None and self.settings.rerank is not rerank:  # given with settings=
            self.settings = replace(self.settings, rerank=rerank)
        # Opening overlaps its slow parts (each 1.2-1.6 s at 300k chunks, benchmarks/startup.py):
        # a model that is already built loads while chromadb imports and the store opens, and
        # Chroma loads its vector index while the lexical index loads. A first run builds the
        # model in the foreground, with its progress, so that a mistyped store fails at once.
        settings = self.settings
        load = partial(load_embedding_model, settings.model, cache_dir=settings.cache_dir,
                       encoder=settings.encoder)
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kabar-open")
        try:
            loading_model = (pool.submit(load) if model_is_ready(settings.model, settings.cache_dir,
                                                                 settings.encoder) else None)
            # Reading never creates a collection: a typo must say so, not leave an empty one.
            self.store = open_store(settings, create=False)
            # A server has its index loaded already, for all its clients.
            warming = pool.submit(warm_up, self.store) if not settings.chroma_url else None
            self.lexical = LexicalIndex(self.store,
                                        directory=LexicalIndex.default_directory(settings))
            self.lexical.refresh(wait=True)
            self.model = loading_model.result() if loading_model else load()
            if warming is not None and (failed := warming.exception()) is not None:
                # Only a head start: the first search loads the index (and reports) itself.
                log.warning("Could not load the vector index ahead of the first search: %s",
                            failed)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)  # an error need not wait for the rest
        self.reader = QuestionReader(self.model, load_lexicon(self.settings.dictionary))
        self.retriever = HybridRetriever(self.store, self.lexical,
                                         fusion=Fusion(fusion), weights=weights or FusionWeights(),
                                         reranker=default_model() if self.settings.rerank else None)
        self.extractive = ExtractiveAnswerer(self.model)
        self._llm_cache: dict[str, object] = {}

    def read(self, question: str, history: list[dict] | None = None) -> Question:
        """The question as every stage reads it (a follow-up resolved with `history`)."""
        if not isinstance(question, str) or not question.strip():
            raise ValueError("The question is empty")
        return self.reader.read(question, history)

    def search(self, question: str | Question, k: int = DEFAULT_K, where: dict | None = None,
               *, fusion: Fusion | str | None = None, rerank: bool | None = None
               ) -> list[Passage]:
        """The k passages that best answer the question, best first; `fusion` overrides the
        assistant's way of joining dense and lexical results for this search, `rerank` whether
        the second stage re-reads the best (on by default, with fusion="kabar").

        A Question read with a history (`read(question, history)`) whose latest answer quoted
        an article is searched within that article unless it names something new; the search
        sets `question.conversation_article` to it (None otherwise)."""
        if not isinstance(question, Question):
            question = self.read(question)
        question.conversation_article = None
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        if where is not None and not isinstance(where, dict):
            raise ValueError("where must be a Chroma metadata filter such as "
                             "{'article_id': 'abc'} or {'published': {'$gte': 1704067200}}")
        fusion = Fusion(fusion) if fusion else None
        with self.store.reading():  # waits for a write in progress, reopens after another's
            if article := self._conversation_article(question):
                # A question in a conversation that brings no new name is about the article
                # the conversation is in ("How many died?" after a crash): search only it.
                within = {"article_id": article}
                found = self.retriever.search(
                    question, k=k, where={"$and": [where, within]} if where else within,
                    fusion=fusion, rerank=rerank)
                if found:
                    question.conversation_article = article
                    return found
            return self.retriever.search(question, k=k, where=where, fusion=fusion,
                                         rerank=rerank)

    def _conversation_article(self, question: Question) -> str | None:
        """The article the conversation's latest answer quoted, when the question stays with
        it (it names nothing that article and the earlier questions do not)."""
        quote = question.conversation_quote
        if not quote:
            return None
        self.lexical.refresh()  # the quoted chunk may have been written since the last search
        # The quote's own words find its chunk among the lexical index's best few (Chroma's
        # $contains takes 0.5-1.3 s at 300k chunks); the text must then hold the quote.
        lex = self.lexical.scores(quote)
        n = min(5, len(lex.scores))
        best = sorted(np.argpartition(-lex.scores, n - 1)[:n], key=lambda i: -lex.scores[i]) \
            if n else []
        ids = [lex.ids[i] for i in best if lex.scores[i] > 0]
        found = self.store.collection.get(ids=ids, include=["documents", "metadatas"]) \
            if ids else {"ids": []}
        rows = {i: (d, m) for i, d, m in zip(found["ids"], found.get("documents") or [],
                                               found.get("metadatas") or [])}
        article = next((rows[i][1]["article_id"] for i in ids
                        if i in rows and quote in rows[i][0]), None)
        if article is None:
            return None  # deleted since, or not the articles' words (a language model's)
        mask = lex.select({"article_id": article})
        chunk_ids = [lex.ids[i] for i in np.flatnonzero(mask)] if mask is not None else None
        chunks = self.store.collection.get(
            **({"ids": chunk_ids} if chunk_ids else {"where": {"article_id": article}}),
            include=["documents", "metadatas"])
        known = " ".join([*chunks["documents"], *(str(m.get("title") or "") for m in
                                                  chunks["metadatas"]), *question.asked_before])
        return None if new_subject(question, known) else article

    def as_retriever(self, k: int = DEFAULT_K, where: dict | None = None):
        """A LangChain BaseRetriever returning Documents with the passages' metadata."""
        from qa.langchain_retriever import KabarRetriever

        return KabarRetriever(assistant=self, k=k, where=where)

    # ---- answers ---------------------------------------------------------------------------
    def _llm(self, llm: str | None):
        spec = llm if llm is not None else self.settings.llm
        if not spec or spec == "offline":
            return None
        if spec not in self._llm_cache:
            from qa.answer.llm import LLMAnswerer, chat_model_from_spec

            self._llm_cache[spec] = LLMAnswerer(chat_model_from_spec(spec))
        return self._llm_cache[spec]

    def stream_answer(self, question: str, history: list[dict] | None = None, *,
                      k: int = DEFAULT_K, llm: str | None = None, where: dict | None = None
                      ) -> Iterator[str | Answer]:
        """Text pieces of the answer as they are ready, then the final Answer object.

        The pipeline: read the question (resolving a follow-up), retrieve passages, then the
        LLM answerer if one is set, else the extractive one."""
        read = self.read(question, history)
        passages = self.search(read, k=k, where=where)
        answerer = self._llm(llm)
        if answerer is not None and passages:
            yield from answerer.stream(read, passages, history)
            return
        answer = self.extractive.answer(read, passages)
        for piece in re.split(r"(?<=\s)", answer.text):
            yield piece
        yield answer

    def ask(self, question: str, history: list[dict] | None = None, *, k: int = DEFAULT_K,
            llm: str | None = None, where: dict | None = None) -> Answer:
        """Answer a question (a follow-up is resolved with `history`, Gradio's messages format).

        Offline by default: the answer quotes the articles' own sentence with its citation.
        With llm="ollama:<model>"/"openai:<model>" (or KABAR_LLM) a language model writes it."""
        return final_answer(self.stream_answer(question, history, k=k, llm=llm, where=where))

    def ask_stream(self, question: str, history: list[dict] | None = None, *,
                   k: int = DEFAULT_K,
                   llm: str | None = None, where: dict | None = None) -> Iterator[str]:
        """The same answer as ask(), streamed in pieces, ending with the citations."""
        for piece in self.stream_answer(question, history, k=k, llm=llm, where=where):
            if isinstance(piece, Answer):
                yield format_sources(piece)
            else:
                yield piece

    def refresh(self) -> None:
        """Pick up articles that another process ingested or deleted (the lexical index takes in
        the changed chunks now rather than at the next search)."""
        self.lexical.refresh(wait=True)


def final_answer(pieces: Iterator[str | Answer]) -> Answer:
    """The Answer that ends a stream_answer stream (the text pieces before it are dropped)."""
    answer = None
    for piece in pieces:
        if isinstance(piece, Answer):
            answer = piece
    if answer is None:
        raise RuntimeError("the answer stream ended without an Answer")
    return answer


def format_sources(answer: Answer, question: str = "") -> str:
    """The citations (or, for an abstention, the nearest passages) as plain text, headed in
    the question's language."""
    from qa.chat import chunk_label, labels_for

    labels = labels_for(question or answer.question)
    lines = ["", "", labels["nearest"] if answer.abstained else labels["sources"]]
    if answer.abstained:
        for i, p in enumerate(answer.passages[:3], start=1):
            lines.append(f"[{i}] {p.title or p.article_id} ({chunk_label(p, labels)}, "
                         f"score {p.score:.2f})")
    for c in answer.citations if not answer.abstained else []:
        quote = f" “{c.quote}”" if c.quote and answer.mode == "llm" else ""
        lines.append(f"{c.label} {c.title or c.article_id} ({chunk_label(c.passage, labels)})"
                     f"{quote}")
    return "\n".join(lines)
