"""The int8 ONNX Runtime encoder: parity with float32 torch, the sentence-transformers interface
kept, the word aligner served, the choice of encoder, and stores shared between encoders."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import SAMPLE, offline_settings

# Texts unlike the parity texts of test_embeddings.py: other topics, lengths and both languages.
INDONESIAN = [
    "Gubernur Jawa Tengah meresmikan jembatan baru yang menghubungkan dua kabupaten, Selasa.",
    "Timnas Indonesia menang 2-1 atas Vietnam dalam laga kualifikasi Piala Dunia di Jakarta.",
    "Bank Indonesia memperkirakan inflasi tahun depan tetap dalam kisaran 2,5 persen plus minus "
    "satu persen, seiring harga pangan yang mulai stabil setelah panen raya di sejumlah daerah.",
    "Siapa yang memimpin rapat kabinet kemarin?",
]
ENGLISH = [
    "Why did the price of chili rise in Yogyakarta?",
    "The ministry said exports of palm oil fell by a fifth in the first quarter of the year.",
    "Firefighters needed six hours to bring the blaze at the textile factory under control.",
]


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.mark.parametrize("texts", [INDONESIAN, ENGLISH], ids=["indonesian", "english"])
@pytest.mark.parametrize("kind", ["query", "document"])
def test_int8_vectors_match_float32(model, torch_model, texts, kind):
    """The issue's parity bar: cosine >= 0.99 with the float32 model on both languages."""
    ours = getattr(model, f"encode_{kind}")(texts, convert_to_numpy=True)
    theirs = getattr(torch_model, f"encode_{kind}")(texts, convert_to_numpy=True)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape == (len(texts), 384)
    cos = _cos(ours, theirs)
    assert cos.min() >= 0.99, dict(zip(texts, cos.round(4)))
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize("runner", ["light", "sentence-transformers"])
def test_a_text_gets_the_same_vector_whatever_its_batch(model, runner):
    """Dynamic int8 scales activations per run: the encoder runs each text alone, so that a
    re-ingested article, or one ingested by another worker, gets exactly the vectors it had;
    both Kabar's runner and the folder's SentenceTransformer (OnnxEncoder) do."""
    model = model if runner == "light" else model.sentence_transformer()
    texts = INDONESIAN + ENGLISH
    together = model.encode_document(texts, batch_size=32)
    alone = np.stack([model.encode_document([t])[0] for t in texts])
    assert np.array_equal(together, alone)


def test_default_model_runs_on_onnx_runtime(model):
    from qa.light_encoder import LightEncoder
    from qa.onnx_encoder import OnnxEncoder, OnnxTransformer

    assert isinstance(model, LightEncoder)
    # Its full SentenceTransformer runs the same session file through Kabar's module.
    full = model.sentence_transformer()
    assert isinstance(full[0], OnnxTransformer) and isinstance(full[0].model, OnnxEncoder)
    # The prompts are the float32 model's: a query and a passage of one text differ.
    text = ENGLISH[1]
    assert _cos(model.encode_query([text]), model.encode_document([text]))[0] < 0.999


def test_built_folder_is_a_sentence_transformers_model(model):
    """The cached folder loads by itself with sentence-transformers (trusting Kabar's module)."""
    from sentence_transformers import SentenceTransformer

    from qa.embeddings import default_model_path
    from qa.settings import Settings

    path = default_model_path(Settings.from_env().cache_dir, "onnx")
    modules = json.loads((path / "modules.json").read_text())
    assert modules[0]["type"] == "qa.onnx_encoder.OnnxTransformer"
    again = SentenceTransformer(str(path), device="cpu", local_files_only=True,
                                trust_remote_code=True)
    assert np.allclose(again.encode_query(INDONESIAN), model.encode_query(INDONESIAN), atol=1e-5)


def test_aligner_reads_the_int8_model(model):
    """One pass gives the sentence vectors encode_document gives and the word alignments."""
    from qa.answer.align import WordAligner

    aligner = WordAligner.for_model(model)
    assert aligner is not None and aligner.mean_pooled
    sentences = ["Polisi menangkap pembajak pesawat itu di Bandara Soekarno-Hatta.",
                 "Tim penyelamat bekerja sepanjang malam."]
    vectors, glosses = aligner.encode_and_align("Who arrested the plane hijacker?", sentences)
    assert _cos(vectors, model.encode_document(sentences)).min() > 0.9999
    assert dict(glosses[0]) == {"arrested": frozenset({"menangkap"}),
                                "plane": frozenset({"pesawat"})}


def test_encoder_choice():
    from qa.embeddings import ModelError, resolve_encoder
    from qa.settings import DEFAULT_MODEL

    assert resolve_encoder(DEFAULT_MODEL, None) == "onnx"
    assert resolve_encoder("some/other-model", None) == "torch"
    assert resolve_encoder(DEFAULT_MODEL, "torch") == "torch"
    with pytest.raises(ModelError, match="--encoder torch"):
        resolve_encoder("some/other-model", "onnx")
    with pytest.raises(ModelError, match="choose one of onnx, torch"):
        resolve_encoder(DEFAULT_MODEL, "tensorrt")


def test_encoder_from_environment_and_flag(monkeypatch):
    import argparse

    from qa.flags import add_store_arguments, settings_from
    from qa.settings import Settings

    monkeypatch.setenv("KABAR_ENCODER", "Torch")
    assert Settings.from_env().encoder == "torch"
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    assert settings_from(parser.parse_args(["--encoder", "onnx"])).encoder == "onnx"
    with pytest.raises(SystemExit):
        parser.parse_args(["--encoder", "gpu"])


def test_store_built_by_torch_is_searched_by_int8(tmp_path, torch_model):
    """Both encoders give the same model's vectors (benchmarks/speed.py: the same R@5 either
    way round), so a store built by one is searched by the other; the model check agrees."""
    from dataclasses import replace

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant

    settings = offline_settings(tmp_path / "store", "mixed")
    Ingestor(replace(settings, encoder="torch"), model=torch_model).ingest([str(SAMPLE)])
    question = "Where did the debris of the missile that landed in Kharkiv come from?"
    found = {e: Assistant(settings=replace(settings, encoder=e)).search(question, k=3)
             for e in ("torch", "onnx")}
    assert [p.chunk_id for p in found["onnx"]] == [p.chunk_id for p in found["torch"]]
    assert "Hwasong-11" in found["onnx"][0].text
