"""One embedding model shared by many threads, as the web server shares it between requests:
every path that runs the model or its tokenizer at request time gives, under 16 overlapping
calls, what it gives alone. The real model, the sample article in a real store."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from ingest.pipeline import token_counter
from qa.answer.align import WordAligner
from qa.assistant import Assistant

THREADS = 16
ROUNDS = 4

WORDS = ("Presiden Rusia Vladimir Putin akan bertemu pemimpin Korea Utara Kim Jong Un di "
         "Vladivostok, kata juru bicara Kremlin Dmitry Peskov kepada wartawan pada Kamis.").split()


def _text(n_words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n_words))


# From one word to well over the model's 512 tokens, so that each call's batch pads to another
# length and some are truncated.
TEXTS = [_text(n) for n in (1, 3, 9, 17, 30, 55, 90, 140, 420)]
QUESTIONS = ["What did Campbell tell Kim Hong-kyun?", "Siapa juru bicara Kremlin?",
             "Kapan rudal Korut mendarat di Kharkiv?", "Who will Putin meet?"]


def _same(a, b) -> bool:
    """Equal values; vectors to within float rounding (threads sharing the cores may sum in
    another order), everything discrete (counts, aligned words, answers) exactly."""
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and np.allclose(a, b, rtol=0, atol=1e-5)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return a == b


def _hammer(model, jobs: list[tuple[str, Callable]], rounds: int = ROUNDS) -> None:
    """Run the jobs THREADS at a time, released together by a barrier so that the calls
    overlap, and compare each result with the job's single-threaded one."""
    expected = [job() for _, job in jobs]
    barrier = threading.Barrier(THREADS)
    problems: list[str] = []

    def run(j: int):
        barrier.wait(timeout=120)
        return jobs[j][1]()

    with ThreadPoolExecutor(THREADS) as pool:
        for r in range(rounds):
            # The settings a just-loaded transformers tokenizer has: each round's first calls
            # set them anew. (The int8 LightEncoder's tokenizer is set once, at load.)
            backend = getattr(model.tokenizer, "backend_tokenizer", None)
            if backend is not None:
                backend.no_padding()
                backend.no_truncation()
            picks = [(r * THREADS + i) % len(jobs) for i in range(THREADS)]
            futures = [(j, pool.submit(run, j)) for j in picks]
            for j, future in futures:
                try:
                    if not _same(expected[j], future.result()):
                        problems.append(f"{jobs[j][0]}: result differs from single-threaded")
                except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                    problems.append(f"{jobs[j][0]}: {type(exc).__name__}: {exc}")
    assert not problems, (f"{len(problems)} of {rounds * THREADS} concurrent calls failed:\n  "
                          + "\n  ".join(sorted(set(problems))))


@pytest.fixture(scope="module")
def request_jobs(model, sample_store) -> list[tuple[str, Callable]]:
    """Each way a request (or an upload's ingestion) reaches the model or its tokenizer."""
    kb = Assistant(settings=sample_store[0])
    aligner = WordAligner.for_model(model)
    count_tokens = token_counter(model)
    jobs: list[tuple[str, Callable]] = []
    for n, text in enumerate(TEXTS):
        other = TEXTS[(n + 4) % len(TEXTS)]
        question = QUESTIONS[n % len(QUESTIONS)]
        jobs += [
            ("encode_query", lambda t=text: model.encode_query([t], convert_to_numpy=True)),
            ("encode_document", lambda t=text, o=other: model.encode_document(
                [t, o], convert_to_numpy=True)),
            ("WordAligner.encode_and_align",
             lambda q=question, t=text, o=other: aligner.encode_and_align(q, [t, o])),
            ("token_counter", lambda t=text, o=other: count_tokens([t, o])),
        ]
    for question in QUESTIONS:
        jobs.append(("Assistant.ask", lambda q=question: kb.ask(q).to_dict()))
    return jobs


@pytest.mark.slow
def test_every_request_path_gives_its_single_threaded_result_under_16_threads(model,
                                                                                request_jobs):
    _hammer(model, request_jobs)


def test_a_caller_with_other_tokenizer_settings_disturbs_no_one_under_the_models_lock(
        torch_model):
    """Tokenizer settings live on the one shared Rust object: code that needs other ones (here
    fixed-length padding) holds model.tokenizer_lock, and no concurrent call of the model's own
    tokenization (what encode_query and encode_document run first) sees them. Tokenizing alone
    takes milliseconds, so thousands of calls overlap in seconds. A SentenceTransformer's
    tokenizer (any model but the default on int8) is the one with settings to guard."""
    model = torch_model

    def token_ids(features) -> list[np.ndarray]:
        return [features["input_ids"].numpy(), features["attention_mask"].numpy()]

    def fixed_length(texts: list[str]) -> list[np.ndarray]:
        with model.tokenizer_lock:
            return token_ids(model.tokenizer(texts, padding="max_length", truncation=True,
                                             max_length=24, return_tensors="pt"))

    jobs: list[tuple[str, Callable]] = []
    for n, text in enumerate(TEXTS):
        texts = [text, TEXTS[(n + 4) % len(TEXTS)]]
        jobs += [("model.tokenize", lambda t=texts: token_ids(model.tokenize(t))),
                 ("tokenizer with its own settings", lambda t=texts: fixed_length(t))]
    _hammer(model, jobs, rounds=200)
