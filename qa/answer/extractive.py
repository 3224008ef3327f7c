"""The default answerer: quotes the sentence of the passages that answers the question.

No language model: each sentence of the top passages is scored by a linear model over its
embedding similarity to the question (the same multilingual model, so an English question finds
an Indonesian sentence), the question words it shares (an English question's through the
dictionary, qa/lexicon.py, and the model's word alignment, qa/answer/align.py), also weighted
by how few of the sentences read hold each word, who-does-what-to-whom agreement, its passage's
score and rank, and how good an answer span it holds (qa/answer/spans.py). The weights are
fitted on the dev sets (benchmarks/tune_answers.py). The best sentence is quoted exactly with
its citation, and the answer span inside it is marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from qa.answer.align import WordAligner, merge_glosses
from qa.answer.roles import read_roles, role_agreement
from qa.answer.spans import SpanCandidate, choose_span, holds_typed_answer, rank_spans
from qa.answer.weights import learned_weights, linear_score
from qa.documents import Answer, Citation, Passage
from qa.lexicon import Glosses, Lexicon, glossed_question
from qa.sentences import split_sentences
from qa.text import content_words, looks_english, stem, words


@dataclass(frozen=True)
class ExtractiveWeights:
    """Confidence = cosine + overlap*shared-words + roles*agreement - rank prior; the follow-up
    bonuses are in the same (cosine) units. Tuned on the dev sets only (benchmarks/answers.py).
    Which sentence is quoted is decided by the fitted model of qa/answer/weights.py."""

    overlap: float = 0.10
    roles: float = 0.10
    context: float = 0.05  # a follow-up: the sentence names what the conversation was about
    previous_quote: float = 0.10  # "Kapan itu terjadi?": the sentence quoted last, if it has a date
    same_passage: float = 0.05  # a follow-up answered from the passage the last answer quoted
    passage_rank: float = 0.02  # per rank below the first passage
    passages: int = 5  # how many top passages are read
    # Confidence thresholds, calibrated in benchmarks/answers.py so that 95% of the dev questions
    # whose article is in the store are answered. Cross-lingual similarities run lower, so an
    # English question gets its own threshold.
    abstain_below: float = 0.8864
    abstain_below_english: float = 0.8367


@dataclass
class _Sentence:
    passage: int
    start: int
    end: int
    text: str
    spans: list[SpanCandidate] | None = None  # ranked, filled by score()


def _held(question_words: list[set[str]], sentence: str) -> np.ndarray:
    """Per question word, whether the sentence holds it; each question word is a set of forms
    (itself, and for an English question its Indonesian translations)."""
    have = set(words(sentence))
    have_stems = {stem(h) for h in have}  # cached: the span ranker stems these words too

    def found(w: str) -> bool:
        # Indonesian possessive clitic: "perjalanannya" asks about "perjalanan".
        w = w[:-3] if w.endswith("nya") and len(w) > 6 else w
        # A prefix match catches suffixes ("gandum" in "gandumnya"), the stem catches
        # prefixes ("impor" in "mengimpor", "perdagangan" for "berdagang").
        return w in have or any(h.startswith(w) for h in have) or stem(w) in have_stems

    return np.array([any(map(found, forms)) for forms in question_words], dtype=bool)


def _overlap(question_words: list[set[str]], sentence: str) -> float:
    """The share of the question's words the sentence holds."""
    return float(_held(question_words, sentence).mean()) if question_words else 0.0


class ExtractiveAnswerer:
    """Picks and quotes the answering sentence; abstains when nothing answers well enough."""

    def __init__(self, model, weights: ExtractiveWeights = ExtractiveWeights(),
                 lexicon: Lexicon | None = None) -> None:
        self.model = model
        self.weights = weights
        self.lexicon = lexicon  # glosses English questions' words in Indonesian
        # Aligns the words the dictionary lacks, sentence by sentence (qa/answer/align.py).
        self.aligner = WordAligner.for_model(model)

    def glosses(self, question: str) -> Glosses:
        """The Indonesian words an English question's words stand for (none for Indonesian)."""
        return self.lexicon.glosses(question) if self.lexicon else ()

    def alignments(self, question: str, sentences: list[str]) -> list[Glosses] | None:
        """Per sentence, the words aligned with an English question's words by the model
        (None for an Indonesian question, or a model the aligner cannot read)."""
        return self.aligner.align(question, sentences) if self._aligns(question) else None

    def _aligns(self, question: str) -> bool:
        return self.aligner is not None and looks_english(question)

    def _read_vectors(self, question: str, texts: list[str]
                      ) -> tuple[np.ndarray, list[Glosses] | None]:
        """The sentences' vectors and, for an English question, their alignments; from one pass
        of the model where the aligner can also give the model's sentence vectors."""
        if self._aligns(question) and self.aligner.mean_pooled:
            return self.aligner.encode_and_align(question, texts)
        vectors = self.model.encode_document(texts, convert_to_numpy=True,
                                             show_progress_bar=False, batch_size=64)
        return vectors, self.alignments(question, texts)

    def sentences(self, passages: list[Passage]) -> list[_Sentence]:
        out = []
        for i, p in enumerate(passages[:self.weights.passages]):
            for start, end in split_sentences(p.text):
                text = p.text[start:end]
                if len(words(text)) >= 3:  # headings and fragments answer nothing
                    out.append(_Sentence(i, start, end, text))
        return out

    def score(self, question: str, sentences: list[_Sentence], passages: list[Passage],
              question_vector: np.ndarray | None = None, context: str = "",
              previous_answer: str = "") -> tuple[np.ndarray, np.ndarray]:
        """(selection score, confidence) per sentence, both in cosine units. The fitted model
        and the conversation bonuses choose the sentence; the confidence (for abstention) stays
        a plain similarity, so that a well-shaped span cannot make an off-topic sentence look
        like an answer."""
        if not sentences:
            return np.zeros(0), np.zeros(0)
        w = self.weights
        if question_vector is None:
            question_vector = self.model.encode_query([question], convert_to_numpy=True,
                                                      show_progress_bar=False)[0]
        vectors, aligned = self._read_vectors(question, [s.text for s in sentences])
        glosses = self.glosses(question)
        glossed = glossed_question(question, glosses)
        glossed_vector = (self.model.encode_query([glossed], convert_to_numpy=True,
                                                  show_progress_bar=False)[0] if glossed else None)
        signals = read_sentences(question, sentences, passages, vectors, question_vector,
                                 glossed_vector, glosses, aligned=aligned)
        roles = signals.roles
        chosen = model_scores(learned_weights().sentence, signals.features)
        confidence = (signals.cosine + w.overlap * signals.overlap + w.roles * roles
                      - w.passage_rank * np.array([s.passage for s in sentences]))
        c_words = [{x} for x in set(content_words(context)) - set(content_words(question))]
        # Rules on top of the model: roles, and conversation bonuses (zero for a first question)
        # that move the choice and, where they say the conversation is still on this passage,
        # the confidence too.
        bonus = np.array([w.context * _overlap(c_words, s.text) for s in sentences])
        bonus += w.roles * roles  # the one who speaks must be the one the question names
        # A question about "that" asks about what was just quoted: when that sentence also holds
        # the kind of answer asked for, it is the answer, and as sure as the conversation is.
        if previous_answer:
            # The passages the last answer quoted: a follow-up usually stays in that article.
            quoted = {s.passage for s in sentences if s.text in previous_answer}
            back = refers_back(question)
            for i, s in enumerate(sentences):
                if s.passage in quoted:
                    bonus[i] += w.same_passage
                    confidence[i] += w.same_passage
                if back and s.text in previous_answer and holds_typed_answer(question, s.spans):
                    bonus[i] += w.previous_quote
                    confidence[i] += w.previous_quote
        return chosen + bonus, confidence

    def answer(self, question: str, passages: list[Passage], *,
               question_vector: np.ndarray | None = None, context: str = "",
               previous_answer: str = "") -> Answer:
        """Quote the best sentence; `context` and `previous_answer` come from the conversation
        when the question is a follow-up."""
        sentences = self.sentences(passages)
        scores, confidences = self.score(question, sentences, passages, question_vector, context,
                                         previous_answer)
        if not len(scores):
            return Answer(text=abstain_text(question), citations=[], passages=passages,
                          abstained=True, question=question)
        best = int(np.argmax(scores))
        s = sentences[best]
        passage = passages[s.passage]
        # Whether the articles answer at all is judged on the most similar sentence, not only
        # on the one the model quotes.
        confidence = float(confidences.max())
        chosen_span = choose_span(s.spans or [])
        span = chosen_span[0].text if chosen_span else None
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


class SentenceSignals(NamedTuple):
    features: list[dict[str, float]]  # the sentence ranker's, as sentence_features
    cosine: np.ndarray
    overlap: np.ndarray  # share of the question's words held
    roles: np.ndarray  # who-did-what-to-whom agreement


def read_sentences(question: str, sentences: list[_Sentence], passages: list[Passage],
                   vectors: np.ndarray, question_vector: np.ndarray,
                   glossed_vector: np.ndarray | None, glosses: Glosses,
                   span_weights: dict[str, float] | None = None,
                   aligned: list[Glosses] | None = None) -> SentenceSignals:
    """What the ranker and the fixed rules read of each sentence, given the sentences' and the
    (glossed) question's vectors; ranks each sentence's spans into `spans`. `aligned`: per
    sentence, its words aligned with the question's (ExtractiveAnswerer.alignments), which count
    as translations in that sentence. The answerer and its tuning script
    (benchmarks/tune_answers.py) both read sentences through this."""
    cosine = vectors @ question_vector
    glossed_cosine = vectors @ glossed_vector if glossed_vector is not None else None
    per_sentence = sentence_glosses(glosses, aligned, len(sentences))
    signals = word_signals(question, sentences, per_sentence)
    for s, g in zip(sentences, per_sentence):
        s.spans = rank_spans(question, s.text, span_weights, g)
    features = sentence_features(question, sentences, cosine, signals.overlap,
                                 signals.rare_overlap, [p.score for p in passages],
                                 glossed_cosine)
    return SentenceSignals(features, cosine, signals.overlap, signals.roles)


def sentence_glosses(glosses: Glosses, aligned: list[Glosses] | None,
                     count: int) -> list[Glosses]:
    """Per sentence, the question words' translations: the dictionary's, and the words the
    model aligned in that sentence (`aligned`, None for an Indonesian question)."""
    return ([merge_glosses(glosses, a) for a in aligned] if aligned is not None
            else [glosses] * count)


class WordSignals(NamedTuple):
    overlap: np.ndarray  # share of the question's words each sentence holds
    rare_overlap: np.ndarray  # the same, each word weighted by how few sentences hold it
    roles: np.ndarray  # who-did-what-to-whom agreement


def word_signals(question: str, sentences: list[_Sentence],
                 glosses: list[Glosses]) -> WordSignals:
    """Per sentence: the share of the question's words it holds (directly or through a
    translation in that sentence's `glosses`), plain and weighted by rarity among the
    sentences read, and who-did-what-to-whom agreement (+1 same sides, -1 swapped, 0 cannot
    tell)."""
    q_content = sorted(set(content_words(question)))
    q_roles = read_roles(question)
    held = np.zeros((len(sentences), len(q_content)), dtype=bool)
    for i, (s, g) in enumerate(zip(sentences, glosses, strict=True)):
        translated = dict(g)
        held[i] = _held([{w} | translated.get(w, frozenset()) for w in q_content], s.text)
    # A word most sentences share ("Indonesia", "tahun") tells them apart less than a name
    # only the answering sentence repeats: an inverse document frequency over the sentences.
    rarity = np.log1p(len(sentences) / (1.0 + held.sum(axis=0)))
    total = rarity.sum() or 1.0
    return WordSignals(held.mean(axis=1) if q_content else np.zeros(len(sentences)),
                       held @ rarity / total,
                       np.array([role_agreement(q_roles, read_roles(s.text))
                                 for s in sentences]))


def model_scores(weights: dict[str, float], features: list[dict[str, float]]) -> np.ndarray:
    """The sentence ranker's scores in cosine units (divided by the weight the question's
    cosine gets: English questions add their own), so that the fixed rules added to them read
    as "worth this much similarity"."""
    if not features:
        return np.zeros(0)
    scale = sum(weights.get(name, 0.0) for name in ("cosine", "en:cosine", "en:glossed_cosine")
                if name in features[0])
    return np.array([linear_score(weights, f) for f in features]) / (scale or 1.0)


def sentence_features(question: str, sentences: list[_Sentence], cosine: np.ndarray,
                      overlap: np.ndarray, rare_overlap: np.ndarray,
                      passage_scores: list[float],
                      glossed_cosine: np.ndarray | None = None) -> list[dict[str, float]]:
    """The sentence ranker's features, named as in answer_weights.json; spans must already be
    ranked. A score shifted by the same amount for every sentence of a question ranks the same,
    so only features that differ between sentences are worth a weight. Who-did-what-to-whom
    agreement is not among them: the dev sets hardly ever ask it, so it is a fixed rule.
    `glossed_cosine`: similarity to the glossed English question (qa/lexicon.py), which
    embedded lands nearer an Indonesian sentence than the English question alone."""
    english = looks_english(question)
    top_passage = max(passage_scores)
    out = []
    for i, s in enumerate(sentences):
        span_scores = np.array([c.score for c in (s.spans or [])[:20]] or [-10.0])
        peak = float(span_scores.max())
        f = {"cosine": float(cosine[i]), "overlap": float(overlap[i]),
             "passage_gap": passage_scores[s.passage] - top_passage,
             "first_passage": float(s.passage == 0), "second_passage": float(s.passage == 1),
             "passage_rank": float(s.passage), "span": peak / 10,
             "span_mass": (peak + float(np.log(np.exp(span_scores - peak).sum()))) / 10,
             "rare_overlap": float(rare_overlap[i]), "length": len(words(s.text)) / 40}
        # The sentences around it: an answer often follows the sentence that names what the
        # question asks about ("... Graham Clifford ditangkap ... Darinya disita 0,1 gram sabu").
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < len(sentences) and sentences[j].passage == s.passage:
                f[f"has_{side}"] = 1.0  # so that a missing neighbour is not read as a close one
                f[f"{side}_overlap"] = float(overlap[j])
                f[f"{side}_cosine"] = float(cosine[j] - cosine[i])
        if english:  # cross-lingual questions weigh the signals differently
            f.update({f"en:{k}": v for k, v in list(f.items())})
        if glossed_cosine is not None:
            f["en:glossed_cosine"] = float(glossed_cosine[i])
        out.append(f)
    return out


# "it" is left out: "Where did most of it come from?" points at a thing, not at the last quote.
_REFERS_BACK = frozenset("itu tersebut that".split())


def refers_back(question: str) -> bool:
    """The question points at something already said ("Kapan itu terjadi?", "When was that?")."""
    return bool(_REFERS_BACK & set(words(question)))


def abstain_text(question: str) -> str:
    if looks_english(question):
        return ("The articles do not seem to answer this. The closest passages are listed below.")
    return ("Artikel yang ada tampaknya tidak menjawab pertanyaan ini. "
            "Bagian terdekat tercantum di bawah.")
