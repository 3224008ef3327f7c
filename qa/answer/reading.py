"""Reading the sentences of the top passages: what the sentence ranker and the fixed rules see.

Each sentence gets its embedding similarity to the question (the same multilingual model, so an
English question finds an Indonesian sentence), the question words it holds (an English
question's through the dictionary, qa/lexicon.py, and the model's word alignment,
qa/answer/align.py), weighted also by how few of the sentences read hold each word,
who-does-what-to-whom agreement, its passage's score and rank, and its best answer spans
(qa/answer/spans.py). The answerer (qa/answer/extractive.py) and its tuning script
(benchmarks/tune_answers.py) both read sentences through `read_sentences`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from qa.answer.align import merge_glosses
from qa.answer.roles import read_roles, role_agreement, says
from qa.answer.spans import SpanCandidate, rank_spans
from qa.answer.weights import linear_score
from qa.documents import Passage
from qa.languages import LANGUAGES
from qa.lexicon import Glosses
from qa.question import Question
from qa.sentences import split_sentences
from qa.text import stem, words


@dataclass
class Sentence:
    """One sentence of a passage read for an answer."""

    passage: int  # its passage's rank among those read
    start: int  # character offsets in the passage
    end: int
    text: str
    spans: list[SpanCandidate] | None = None  # ranked, filled by read_sentences


def passage_sentences(passages: list[Passage]) -> list[Sentence]:
    """The sentences of the passages, in order; headings and fragments answer nothing."""
    out = []
    for i, p in enumerate(passages):
        for start, end in split_sentences(p.text):
            text = p.text[start:end]
            if len(words(text)) >= 3:
                out.append(Sentence(i, start, end, text))
    return out


def held(question_words: list[set[str]], sentence: str) -> np.ndarray:
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


def held_share(question_words: list[set[str]], sentence: str) -> float:
    """The share of the question's words the sentence holds."""
    return float(held(question_words, sentence).mean()) if question_words else 0.0


class Reading(NamedTuple):
    """Per sentence, what the ranker and the fixed rules read of it."""

    features: list[dict[str, float]]  # the sentence ranker's, as sentence_features
    cosine: np.ndarray
    overlap: np.ndarray  # share of the question's words held
    roles: np.ndarray  # who-did-what-to-whom agreement
    said: np.ndarray  # the sentence reports something said (roles.says)


def read_sentences(question: Question, sentences: list[Sentence], passages: list[Passage],
                   vectors: np.ndarray, glossed_vector: np.ndarray | None,
                   span_weights: dict[str, float] | None = None,
                   aligned: list[Glosses] | None = None) -> Reading:
    """What the ranker and the fixed rules read of each sentence, given the sentences' and the
    glossed question's vectors; ranks each sentence's spans into `spans`. `aligned`: per
    sentence, its words aligned with the question's (ExtractiveAnswerer.alignments), which count
    as translations in that sentence."""
    # A follow-up with no word of its own ("Kenapa?") is read as the question it resolves to
    # ("Kenapa? Festival Jazz Pantai Kuta"): its own vector says nothing about the articles.
    bare = question.bare and question.query_vector is not None
    cosine = vectors @ (question.query_vector if bare else question.vector)
    glossed_cosine = vectors @ glossed_vector if glossed_vector is not None else None
    per_sentence = sentence_glosses(question.glosses, aligned, len(sentences))
    signals = word_signals(question, sentences, per_sentence)
    for s, g in zip(sentences, per_sentence):
        s.spans = rank_spans(question, s.text, span_weights, g)
    features = sentence_features(question, sentences, SentenceScores(
        cosine, signals.overlap, signals.rare_overlap, [p.score for p in passages],
        glossed_cosine))
    return Reading(features, cosine, signals.overlap, signals.roles, signals.said)


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
    said: np.ndarray  # the sentence reports something said (roles.says)


def word_signals(question: Question, sentences: list[Sentence],
                 glosses: list[Glosses]) -> WordSignals:
    """Per sentence: the share of the question's words it holds (directly or through a
    translation in that sentence's `glosses`), plain and weighted by rarity among the
    sentences read, and who-did-what-to-whom agreement (+1 same sides, -1 swapped, 0 cannot
    tell), and whether it reports something said."""
    q_content = sorted(set(question.content))
    held_words = np.zeros((len(sentences), len(q_content)), dtype=bool)
    for i, (s, g) in enumerate(zip(sentences, glosses, strict=True)):
        translated = dict(g)
        held_words[i] = held([{w} | translated.get(w, frozenset()) for w in q_content], s.text)
    # A word most sentences share ("Indonesia", "tahun") tells them apart less than a name
    # only the answering sentence repeats: an inverse document frequency over the sentences.
    rarity = np.log1p(len(sentences) / (1.0 + held_words.sum(axis=0)))
    total = rarity.sum() or 1.0
    roles = [read_roles(s.text) for s in sentences]  # read once, for both rules
    return WordSignals(held_words.mean(axis=1) if q_content else np.zeros(len(sentences)),
                       held_words @ rarity / total,
                       np.array([role_agreement(question.roles, r) for r in roles]),
                       np.array([says(s.text, r) for s, r in zip(sentences, roles)], dtype=bool))


class SentenceScores(NamedTuple):
    """Per sentence, the numbers its features are made of."""

    cosine: np.ndarray
    overlap: np.ndarray
    rare_overlap: np.ndarray
    passage_scores: list[float]  # per passage, its retrieval score
    # Similarity to the glossed English question (qa/lexicon.py), which embedded lands nearer
    # an Indonesian sentence than the English question alone.
    glossed_cosine: np.ndarray | None = None


# The sentence ranker's features, as sentence_features sets them. answer_weights.json lists the
# names it was fitted with, and qa/answer/weights.py refuses a file that does not match.
BASE_SENTENCE_FEATURES: tuple[str, ...] = (
    "cosine", "overlap", "passage_gap", "first_passage", "second_passage", "passage_rank",
    "span", "span_mass", "rare_overlap", "length",
    *(f"{name}_{side}" if name == "has" else f"{side}_{name}"
      for side in ("prev", "next") for name in ("has", "overlap", "cosine")))
GLOSSED = "glossed_cosine"  # only for a language the lexicon glosses, so always prefixed


def sentence_feature_names() -> list[str]:
    """Every feature the sentence ranker may see."""
    prefixes = [p.feature_prefix for p in LANGUAGES if p.feature_prefix]
    return [*BASE_SENTENCE_FEATURES,
            *(f"{p}{n}" for p in prefixes for n in (*BASE_SENTENCE_FEATURES, GLOSSED))]


def sentence_features(question: Question, sentences: list[Sentence],
                      scores: SentenceScores) -> list[dict[str, float]]:
    """The sentence ranker's features; spans must already be ranked. A score shifted by the
    same amount for every sentence of a question ranks the same, so only features that differ
    between sentences are worth a weight. Who-did-what-to-whom agreement is not among them:
    the dev sets hardly ever ask it, so it is a fixed rule."""
    prefix = question.language.feature_prefix
    cosine, overlap, passage_scores = scores.cosine, scores.overlap, scores.passage_scores
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
             "rare_overlap": float(scores.rare_overlap[i]), "length": len(words(s.text)) / 40}
        # The sentences around it: an answer often follows the sentence that names what the
        # question asks about ("... Graham Clifford ditangkap ... Darinya disita 0,1 gram sabu").
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < len(sentences) and sentences[j].passage == s.passage:
                f[f"has_{side}"] = 1.0  # so that a missing neighbour is not read as a close one
                f[f"{side}_overlap"] = float(overlap[j])
                f[f"{side}_cosine"] = float(cosine[j] - cosine[i])
        if prefix:  # cross-lingual questions weigh the signals differently
            f.update({f"{prefix}{k}": v for k, v in list(f.items())})
        if scores.glossed_cosine is not None and prefix:  # only questions in another language
            f[f"{prefix}{GLOSSED}"] = float(scores.glossed_cosine[i])
        out.append(f)
    return out


def cosine_scale(weights: dict[str, float], features: list[dict[str, float]]) -> float:
    """The weight a question's cosines get (other languages add their own): what one unit of
    similarity is worth in the ranker's raw scores."""
    if not features:
        return 1.0
    scale_names = ["cosine", *(f"{p.feature_prefix}{n}" for p in LANGUAGES if p.feature_prefix
                               for n in ("cosine", GLOSSED))]
    return sum(weights.get(name, 0.0) for name in scale_names if name in features[0]) or 1.0


def model_scores(weights: dict[str, float], features: list[dict[str, float]]) -> np.ndarray:
    """The sentence ranker's scores in cosine units (divided by `cosine_scale`), so that the
    fixed rules added to them read as "worth this much similarity"."""
    if not features:
        return np.zeros(0)
    return np.array([linear_score(weights, f) for f in features]) / cosine_scale(weights,
                                                                                  features)
