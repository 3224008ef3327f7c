"""The default answerer: quotes the sentence of the passages that answers the question.

No language model. The stages, each below or in its own module: read the sentences of the top
passages (qa/answer/reading.py), choose one with the fitted sentence ranker plus fixed rules
(roles, and the conversation's, qa/answer/followup.py), mark the answer span inside it
(qa/answer/spans.py) and show it only when it is likely right (qa/answer/headline.py), quote
the rest of a quotation its attribution closes (qa/answer/quotes.py), decide whether to
abstain, and phrase the answer. The weights are fitted on the dev sets
(benchmarks/tune_answers.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.answer.align import WordAligner
from qa.answer.followup import add_conversation_bonuses
from qa.answer.headline import Headline, headline
from qa.answer.memo import Memo
from qa.answer.quotes import quotation
from qa.answer.reading import (Reading, Sentence, model_scores, passage_sentences,
                               read_sentences)
from qa.answer.weights import learned_weights
from qa.documents import Answer, Citation, Passage
from qa.languages import BASE
from qa.lexicon import Glosses
from qa.question import Question
from qa.text import holds_mark, stem


@dataclass(frozen=True)
class ExtractiveWeights:
    """Confidence = cosine + overlap*shared-words + roles*agreement - rank prior; the follow-up
    bonuses are in the same (cosine) units. Tuned on the dev sets only (benchmarks/answers.py).
    Which sentence is quoted is decided by the fitted model of qa/answer/weights.py; below
    which confidence the answerer abstains is each language pack's `abstain_below`."""

    overlap: float = 0.10
    roles: float = 0.10
    # A statement question ("What did Rudi reply to Maya?") names whose words it wants: the
    # speaker's sentence must beat one that only names the same people (in the choice only).
    statement: float = 0.20
    # A sentence of the chosen article that holds what the question's kind asks for in words,
    # such as a cause for a reason ("karena", "akibat"; KindRow.sentence_marks), in the choice
    # only. Chosen from 0 to 1 on the reason questions of the natural dev half and of
    # tests/qa/answer/test_reason.py (a lead sentence that restates the question outscores the
    # cause by up to 0.54): the smallest value with the most right; benchmarks/natural.py
    # reports the test half.
    marked: float = 0.60
    # A statement question ("How did the prosecutor respond?", "Apa katanya?") is answered by
    # something said: a sentence with a verb of saying or a quote mark, in the choice only.
    # The smallest of 0.05-0.3 with the most natural dev turns right (the statement questions
    # read as such: 19 -> 21 of 25 right); benchmarks/natural.py reports the test half.
    said: float = 0.05
    context: float = 0.05  # a follow-up: the sentence names what the conversation was about
    previous_quote: float = 0.10  # "Kapan itu terjadi?": the sentence quoted last, if it has a date
    same_passage: float = 0.05  # a follow-up answered from the passage the last answer quoted
    # "What else did he say?", "Apa lagi katanya?": the sentence quoted last is not quoted again
    # (in the choice only). Set, not fitted: the natural set asks it twice (one dev, one test
    # turn), and any value above the ranker's spread between sentences (under 1) does it.
    quoted_again: float = 1.0
    # A question that stays with the conversation's article (Assistant.search) needs less
    # similarity of its own to be answered: every sentence read is then in that article, so this
    # lowers the abstention threshold (the choice does not move). The smallest of 0.03/0.06/0.1
    # with the most follow-up turns right on the natural dev half (English 22 -> 25 of 48
    # right, 7 more wrong where it had abstained; Indonesian 25 -> 32 of 52, none more wrong).
    same_article: float = 0.06
    passage_rank: float = 0.02  # per rank below the first passage
    passages: int = 5  # how many top passages are read: the sentence ranker was fitted on 5


# 20,000 sentence vectors are 31 MB: the sentences of about 1,500 answers' top passages.
SENTENCE_MEMO = 20_000


@dataclass(frozen=True)
class Choice:
    """What the answerer chose to say, before it is phrased as an Answer."""

    sentence: Sentence
    passage: Passage
    start: int  # the quote's offsets in the passage: the sentence, or its whole quotation
    end: int
    confidence: float  # the plain similarity abstention reads
    headline: Headline


class ExtractiveAnswerer:
    """Picks and quotes the answering sentence; abstains when nothing answers well enough."""

    def __init__(self, model, weights: ExtractiveWeights = ExtractiveWeights()) -> None:
        self.model = model
        self.weights = weights
        # Aligns the words the dictionary lacks, sentence by sentence (qa/answer/align.py).
        self.aligner = WordAligner.for_model(model)
        # The sentences' vectors by text: a follow-up reads its article's sentences again.
        self.memo: Memo[np.ndarray] = Memo(SENTENCE_MEMO)

    def alignments(self, question: Question, sentences: list[str]) -> list[Glosses] | None:
        """Per sentence, the words aligned with the question's words by the model (None for a
        question in the articles' language, or a model the aligner cannot read)."""
        return self.aligner.align(question.text, sentences) if self._aligns(question) else None

    def _aligns(self, question: Question) -> bool:
        # The aligner pairs a question's words with the words of sentences in the articles'
        # language: nothing to pair when the question is in that language.
        return self.aligner is not None and question.language is not BASE

    def _read_vectors(self, question: Question, texts: list[str]
                      ) -> tuple[np.ndarray, list[Glosses] | None]:
        """The sentences' vectors and, for a cross-lingual question, their alignments; one pass
        of the model where the aligner can also give the model's sentence vectors."""
        if self._aligns(question) and self.aligner.mean_pooled:
            return self.aligner.encode_and_align(question.text, texts)
        vectors = self.memo.get_many(texts, lambda missing: list(self.model.encode_document(
            missing, convert_to_numpy=True, show_progress_bar=False, batch_size=64)))
        return (np.stack(vectors) if vectors else np.zeros((0, 0), np.float32),
                self.alignments(question, texts))

    def sentences(self, passages: list[Passage]) -> list[Sentence]:
        """The sentences the answerer reads: those of the first `weights.passages` passages."""
        return passage_sentences(passages[:self.weights.passages])

    def read(self, question: Question, sentences: list[Sentence],
             passages: list[Passage]) -> Reading:
        """Embed the sentences (and the glossed question) and read them."""
        if question.vector is None:
            question.vector = self.model.encode_query([question.text], convert_to_numpy=True,
                                                      show_progress_bar=False)[0]
        vectors, aligned = self._read_vectors(question, [s.text for s in sentences])
        glossed_vector = (self.model.encode_query([question.glossed_text], convert_to_numpy=True,
                                                  show_progress_bar=False)[0]
                          if question.glossed_text else None)
        return read_sentences(question, sentences, passages, vectors, glossed_vector,
                              aligned=aligned)

    def score(self, question: Question, sentences: list[Sentence],
              passages: list[Passage]) -> tuple[np.ndarray, np.ndarray]:
        """(selection score, confidence) per sentence, both in cosine units. The fitted model,
        the roles rule and the conversation choose the sentence; the confidence (for
        abstention) stays a plain similarity, so that a well-shaped span cannot make an
        off-topic sentence look like an answer."""
        if not sentences:
            return np.zeros(0), np.zeros(0)
        reading = self.read(question, sentences, passages)
        chosen = model_scores(learned_weights().sentence, reading.features)
        bonus, confidence = self.rules(question, sentences, passages, reading, chosen)
        return chosen + bonus, confidence

    def rules(self, question: Question, sentences: list[Sentence], passages: list[Passage],
              reading: Reading, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """What the fixed rules add to the fitted model's scores `chosen`, and the confidence:
        apart from the model so that benchmarks/tune_natural.py can refit the model beside
        them."""
        w = self.weights
        confidence = (reading.cosine + w.overlap * reading.overlap + w.roles * reading.roles
                      - w.passage_rank * np.array([s.passage for s in sentences]))
        # The one who speaks must be the one the question names.
        bonus = (w.statement if question.roles.speech else w.roles) * reading.roles
        if question.roles.speech:
            bonus = bonus + w.said * reading.said
        if marks := question.kind_row.sentence_marks:
            # Within the article the choice is already in: a cause given in another article
            # answers another question ("Why did rice prices fall?" took a train's delay).
            article = passages[sentences[int(np.argmax(chosen + bonus))].passage].article_id
            # The question's own words, not their translations: with the dictionary's glosses
            # of English questions this lost a natural dev question and gained none.
            about = (frozenset(question.content) | {stem(word) for word in question.content}
                     if question.kind_row.marks_cause_of_subject else frozenset())
            bonus = bonus + w.marked * np.array([
                passages[s.passage].article_id == article and holds_mark(s.text, marks, about)
                for s in sentences])
        add_conversation_bonuses(question, sentences, passages, bonus, confidence, w)
        return bonus, confidence

    def choose(self, question: Question, passages: list[Passage]) -> Choice | None:
        """The sentence to quote, the confidence, and the headline span; None when the
        passages hold no sentence."""
        sentences = self.sentences(passages)
        return self.pick(question, sentences, passages,
                         *self.score(question, sentences, passages))

    def pick(self, question: Question, sentences: list[Sentence], passages: list[Passage],
             scores: np.ndarray, confidences: np.ndarray) -> Choice | None:
        """The choice for sentences already scored (as `score` returns them)."""
        if not len(scores):
            return None
        best = int(np.argmax(scores))
        runner_up = float(np.max(np.delete(scores, best))) if len(scores) > 1 else 0.0
        # Whether the articles answer at all is judged on the most similar sentence, not only
        # on the one the model quotes.
        confidence = float(confidences.max())
        s = sentences[best]
        first, last = quotation(sentences, best, passages[s.passage].text)
        return Choice(sentence=s, passage=passages[s.passage],
                      start=sentences[first].start, end=sentences[last].end,
                      confidence=confidence,
                      headline=headline(question, s.spans or [], float(scores[best]) - runner_up,
                                        confidence))

    def answer(self, question: Question, passages: list[Passage]) -> Answer:
        """Quote the best sentence of the passages, or abstain."""
        return self.phrase(question, passages, self.choose(question, passages))

    def phrase(self, question: Question, passages: list[Passage],
               choice: Choice | None) -> Answer:
        """The Answer for a choice: the headline (when shown) above the quoted sentence."""
        if choice is None:
            return Answer(text=question.language.abstain_text, citations=[], passages=passages,
                          abstained=True, question=question.standalone)
        passage = choice.passage
        quote = passage.text[choice.start:choice.end]
        # The citation keeps the span model's choice even when no headline is shown: it marks
        # where in the quote the answer most likely is (benchmarks/answers.py scores it).
        citation = Citation(article_id=passage.article_id, title=passage.title, quote=quote,
                            passage=passage, start=choice.start, span=choice.headline.text,
                            label="[1]")
        abstained = choice.confidence < question.language.abstain_below
        span = choice.headline.text if choice.headline.shown and not abstained else None
        text = (question.language.abstain_text if abstained
                else (f"{span}\n\n" if span else "") + f"“{quote}” [1]")
        return Answer(text=text, citations=[citation], passages=passages, abstained=abstained,
                      confidence=choice.confidence, span=span, question=question.standalone)
