"""The memo of sentence vectors: a sentence read again is not encoded again, and what is
remembered is exactly what the model computes (the real int8 model)."""

from __future__ import annotations

import threading

import numpy as np

from qa.answer.extractive import ExtractiveAnswerer
from qa.answer.memo import Memo
from qa.question import read_question

SENTENCES = ["Mayor Javier Perez Pacheco memimpin tim pencari setelah pesawat jatuh di Venezuela.",
             "Harga beras di Pasar Sentral Medan naik menjelang Lebaran.",
             "Juru bicara Kremlin Dmitry Peskov mengatakan hubungan kedua negara berkembang."]


def test_only_missing_keys_are_computed_and_the_oldest_go_first():
    memo: Memo[str] = Memo(3)
    asked: list[list[str]] = []

    def compute(keys):
        asked.append(list(keys))
        return [k.upper() for k in keys]

    assert memo.get_many(["a", "b", "a"], compute) == ["A", "B", "A"]
    assert asked == [["a", "b"]]
    assert memo.get_many(["b", "c"], compute) == ["B", "C"] and asked[-1] == ["c"]
    memo.get_many(["a"], compute)  # used last: "b" is now the oldest
    memo.get_many(["d"], compute)
    assert len(memo) == 3
    memo.get_many(["a", "c", "d"], compute)
    assert asked[-1] == ["d"]  # a, c and d were remembered
    memo.get_many(["b"], compute)
    assert asked[-1] == ["b"]  # b was dropped


def test_threads_share_one_memo():
    memo: Memo[int] = Memo(1000)
    keys = [str(k) for k in range(200)]
    results = []

    def worker():
        results.append(memo.get_many(keys, lambda missing: [int(k) for k in missing]))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == list(range(200)) for r in results) and len(memo) == 200


class Counting:
    """The real model, counting the texts it is asked to encode."""

    def __init__(self, model) -> None:
        self.model, self.encoded = model, 0

    def __getattr__(self, name):
        return getattr(self.model, name)

    def encode_document(self, texts, **kwargs):
        self.encoded += len(texts)
        return self.model.encode_document(texts, **kwargs)


def test_a_sentence_read_again_is_not_encoded_again(model):
    counting = Counting(model)
    answerer = ExtractiveAnswerer(counting)
    question = read_question("Siapa yang memimpin tim pencari?")  # Indonesian: no aligner
    first, _ = answerer._read_vectors(question, SENTENCES[:2])
    assert counting.encoded == 2
    again, _ = answerer._read_vectors(question, SENTENCES)
    assert counting.encoded == 3  # only the new sentence
    fresh = model.encode_document(SENTENCES, convert_to_numpy=True)
    np.testing.assert_array_equal(again, fresh)  # one text per run: the very same vectors
    np.testing.assert_array_equal(first, fresh[:2])


def test_an_english_question_remembers_the_aligners_reading(model):
    answerer = ExtractiveAnswerer(model)
    question = read_question("Who led the search team after the plane crashed?")
    vectors, aligned = answerer._read_vectors(question, SENTENCES)
    assert answerer.aligner.memo.misses == 3 and answerer.aligner.memo.hits == 0
    again, aligned_again = answerer._read_vectors(question, SENTENCES[::-1])
    assert answerer.aligner.memo.misses == 3 and answerer.aligner.memo.hits == 3
    np.testing.assert_array_equal(again, vectors[::-1])
    assert aligned_again == aligned[::-1]
    assert dict(aligned[0])["plane"] == {"pesawat"}
