"""The default answerer: quotes the sentence of the passages that answers the question.

No language model: each sentence of the top passages is scored by its embedding similarity to
the question (the same multilingual model, so an English question finds an Indonesian sentence),
the question words it shares, who-does-what-to-whom agreement, and its passage's rank. The best
sentence is quoted exactly with its citation, and the answer span inside it is marked when the
question asks for a name, date, place or number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.sentences import split_sentences
from qa.answer.roles import read_roles, role_agreement
from qa.answer.spans import AnswerType, answer_type, find_span
from qa.documents import Answer, Citation, Passage
from qa.text import STOPWORDS, looks_english, words


@dataclass(frozen=True)
class ExtractiveWeights:
    """Sentence score = cosine + overlap*shared-words + roles*agreement + rank prior.
    Tuned on the dev sets only (benchmarks/answers.py)."""

    overlap: float = 0.10
    roles: float = 0.10
    answer_type: float = 0.03  # the sentence holds a span of the asked type (a date for "when")
    context: float = 0.05  # a follow-up: the sentence names what the conversation was about
    previous_quote: float = 0.10  # "Kapan itu terjadi?": the sentence quoted last, if it has a date
    same_passage: float = 0.05  # a follow-up answered from the passage the last answer quoted
    passage_rank: float = 0.02  # per rank below the first passage
    passages: int = 5  # how many top passages are read
    # Confidence thresholds, calibrated in benchmarks/answers.py so that 95% of the dev questions
    # whose article is in the store are answered. Cross-lingual similarities run lower, so an
    # English question gets its own threshold.
    abstain_below: float = 0.8838
    abstain_below_english: float = 0.7988


@dataclass
class _Sentence:
    passage: int
    start: int
    end: int
    text: str


def _overlap(question_words: set[str], sentence: str) -> float:
    if not question_words:
        return 0.0
    have = set(words(sentence))
    # Indonesian possessive clitic: "perjalanannya" asks about "perjalanan".
    question_words = {w[:-3] if w.endswith("nya") and len(w) > 6 else w for w in question_words}
    # Prefix match catches Indonesian affixes ("impor" in "mengimpor" is not caught, but
    # "gandum" in "gandumnya" is) without a stemmer on the hot path.
    hits = sum(1 for w in question_words if w in have or any(h.startswith(w) for h in have))
    return hits / len(question_words)


class ExtractiveAnswerer:
    """Picks and quotes the answering sentence; abstains when nothing answers well enough."""

    def __init__(self, model, weights: ExtractiveWeights = ExtractiveWeights()) -> None:
        self.model = model
        self.weights = weights

    def sentences(self, passages: list[Passage]) -> list[_Sentence]:
        out = []
        for i, p in enumerate(passages[:self.weights.passages]):
            for start, end in split_sentences(p.text):
                text = p.text[start:end]
                if len(words(text)) >= 3:  # headings and fragments answer nothing
                    out.append(_Sentence(i, start, end, text))
        return out

    def score(self, question: str, sentences: list[_Sentence],
              question_vector: np.ndarray | None = None, context: str = "",
              previous_answer: str = "") -> tuple[np.ndarray, np.ndarray]:
        """(selection score, confidence) per sentence. The answer-type and conversation bonuses
        help choose among sentences but do not make an off-topic sentence look confident."""
        if not sentences:
            return np.zeros(0), np.zeros(0)
        w = self.weights
        if question_vector is None:
            question_vector = self.model.encode_query([question], convert_to_numpy=True,
                                                      show_progress_bar=False)[0]
        vectors = self.model.encode_document([s.text for s in sentences], convert_to_numpy=True,
                                             show_progress_bar=False, batch_size=64)
        cosine = vectors @ question_vector
        q_words = {x for x in words(question) if x not in STOPWORDS and len(x) > 1}
        c_words = {x for x in words(context) if x not in STOPWORDS and len(x) > 1} - q_words
        q_roles = read_roles(question)
        typed = answer_type(question) is not AnswerType.OTHER
        confidence = cosine + np.array([
            w.overlap * _overlap(q_words, s.text)
            + w.roles * role_agreement(q_roles, read_roles(s.text))
            - w.passage_rank * s.passage
            for s in sentences])
        has_type = [typed and find_span(question, s.text) is not None for s in sentences]
        bonus = np.array([
            w.context * _overlap(c_words, s.text) + (w.answer_type if t else 0.0)
            for s, t in zip(sentences, has_type)])
        # A question about "that" asks about what was just quoted: when that sentence also holds
        # the kind of answer asked for, it is the answer, and as sure as the conversation is.
        if previous_answer:
            # The passages the last answer quoted: a follow-up usually stays in that article.
            quoted = {s.passage for s in sentences if s.text in previous_answer}
            for i, s in enumerate(sentences):
                if s.passage in quoted:
                    confidence[i] += w.same_passage
                if refers_back(question) and has_type[i] and s.text in previous_answer:
                    bonus[i] += w.previous_quote
                    confidence[i] += w.previous_quote
        return confidence + bonus, confidence

    def answer(self, question: str, passages: list[Passage], *,
               question_vector: np.ndarray | None = None, context: str = "",
               previous_answer: str = "") -> Answer:
        """Quote the best sentence; `context` and `previous_answer` come from the conversation
        when the question is a follow-up."""
        sentences = self.sentences(passages)
        scores, confidences = self.score(question, sentences, question_vector, context,
                                         previous_answer)
        if not len(scores):
            return Answer(text=abstain_text(question), citations=[], passages=passages,
                          abstained=True, question=question)
        best = int(np.argmax(scores))
        s = sentences[best]
        passage = passages[s.passage]
        confidence = float(confidences[best])
        span_at = find_span(question, s.text)
        span = s.text[span_at[0]:span_at[1]] if span_at else None
        citation = Citation(article_id=passage.article_id, title=passage.title, quote=s.text,
                            passage=passage, start=s.start, span=span, label="[1]")
        threshold = (self.weights.abstain_below_english if looks_english(question)
                     else self.weights.abstain_below)
        abstained = confidence < threshold
        if abstained:
            text = abstain_text(question)
        else:
            text = (f"{span}\n\n" if span else "") + f"“{s.text}” [1]"
        return Answer(text=text, citations=[citation], passages=passages, abstained=abstained,
                      confidence=confidence, span=None if abstained else span, question=question)


# "it" is left out: "Where did most of it come from?" points at a thing, not at the last quote.
_REFERS_BACK = frozenset("itu tersebut that".split())


def refers_back(question: str) -> bool:
    """The question points at something already said ("Kapan itu terjadi?", "When was that?")."""
    return bool(_REFERS_BACK & set(words(question)))


def abstain_text(question: str) -> str:
    if looks_english(question):
        return ("The articles do not seem to answer this. The closest passages are listed below.")
    return "Artikel yang ada tampaknya tidak menjawab pertanyaan ini. Bagian terdekat tercantum di bawah."
