"""The int8 encoder without torch (qa/light_encoder.py): the vectors, tokens and alignments of
the same folder's SentenceTransformer, and an Assistant that opens without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT, SAMPLE, offline_settings

TEXTS = [
    "Gubernur Jawa Tengah meresmikan jembatan baru yang menghubungkan dua kabupaten, Selasa.",
    "The ministry said exports of palm oil fell by a fifth in the first quarter of the year.",
    "  spasi di depan, tab\tdan “kutipan” — serta naïve café\u00a0di sini ",
    "Harga cabai rawit di Pasar Beringharjo naik menjadi Rp 80.000 per kilogram. " * 60,  # > 512
    "x",
]


@pytest.fixture(scope="module")
def full(model):
    """The same folder loaded by sentence-transformers (torch, transformers and Kabar's
    OnnxTransformer module): the reference the light encoder must equal."""
    return model.sentence_transformer()


@pytest.mark.parametrize("kind", ["query", "document"])
def test_vectors_equal_the_sentence_transformers_ones(model, full, kind):
    ours = getattr(model, f"encode_{kind}")(TEXTS, convert_to_numpy=True)
    theirs = getattr(full, f"encode_{kind}")(TEXTS, convert_to_numpy=True)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape == (len(TEXTS), 384)
    # Only the summation order of the pooling differs (numpy against torch).
    assert np.abs(ours - theirs).max() < 1e-6
    one = getattr(model, f"encode_{kind}")(TEXTS[1])
    assert one.shape == (384,) and np.array_equal(one, ours[1])


def test_tokens_and_offsets_are_transformers_ones(model, full):
    """The saved tokenizer is transformers' own: the same ids (truncated at 512) and offsets,
    which the word aligner maps to words."""
    texts = [model.prompts["query"] + t for t in TEXTS] + ["query: "]
    for text in texts:
        theirs = full.tokenizer(text, truncation="longest_first", max_length=512,
                                return_offsets_mapping=True)
        ours = model.tokenizer.encode(text)
        assert ours.ids == theirs["input_ids"], text[:40]
        assert ours.offsets == [tuple(o) for o in theirs["offset_mapping"]], text[:40]
    assert len(model.tokenizer.encode(TEXTS[3]).ids) == 512


def test_aligner_gives_what_it_gives_on_sentence_transformers(model, full):
    from qa.answer.align import WordAligner

    light, heavy = WordAligner.for_model(model), WordAligner.for_model(full)
    assert light.layer == heavy.layer and light.mean_pooled and heavy.mean_pooled
    question = "Who arrested the plane hijacker at the airport?"
    sentences = ["Polisi menangkap pembajak pesawat itu di Bandara Soekarno-Hatta.", *TEXTS]
    v1, g1 = light.encode_and_align(question, sentences)
    v2, g2 = heavy.encode_and_align(question, sentences)
    assert g1 == g2 and dict(g1[0])["arrested"] == frozenset({"menangkap"})
    assert np.abs(v1 - v2).max() < 1e-6


def test_what_it_does_not_do_it_says(model):
    with pytest.raises(TypeError, match="convert_to_tensor.*sentence_transformer()"):
        model.encode_query(["apa"], convert_to_tensor=True)
    assert model.encode_document([]).shape == (0, 384)


def test_a_folder_without_the_saved_tokenizer_gets_one(model, tmp_path):
    """A model folder built before the tokenizer file existed gains it on first load."""
    from qa.light_encoder import TOKENIZER_FILE, LightEncoder

    for item in model.folder.iterdir():
        if item.name != TOKENIZER_FILE:
            (tmp_path / item.name).symlink_to(item)
    again = LightEncoder(tmp_path)
    assert (tmp_path / TOKENIZER_FILE).is_file()
    assert np.array_equal(again.encode_document(TEXTS[:2]), model.encode_document(TEXTS[:2]))


def test_a_folder_it_cannot_write_to_still_loads(model, tmp_path, monkeypatch, caplog):
    """A read-only model cache: the tokenizer is built in memory and a warning says so."""
    from pathlib import Path

    from qa.light_encoder import TOKENIZER_FILE, LightEncoder

    for item in model.folder.iterdir():
        if item.name != TOKENIZER_FILE:
            (tmp_path / item.name).symlink_to(item)
    write_text = Path.write_text

    def refuse(self, *args, **kwargs):
        if TOKENIZER_FILE in self.name:
            raise PermissionError(13, "Permission denied", str(self))
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", refuse)
    again = LightEncoder(tmp_path)
    assert not (tmp_path / TOKENIZER_FILE).exists() and "Cannot save" in caplog.text
    assert np.array_equal(again.encode_query(TEXTS[:2]), model.encode_query(TEXTS[:2]))


def test_an_assistant_opens_and_answers_without_torch(tmp_path, model):
    """What makes `kabar ask` and a server start in seconds: neither torch, transformers nor
    sentence-transformers is imported on the way to an answer (a fresh process)."""
    from ingest.pipeline import Ingestor

    settings = offline_settings(tmp_path / "store", "light")
    Ingestor(settings, model=model).ingest([str(SAMPLE)])
    script = (
        "import sys\n"
        "from qa.assistant import Assistant\n"
        f"kb = Assistant(store={str(settings.store)!r}, collection='light')\n"
        "answer = kb.ask('Where did the debris of the missile that hit Kharkiv come from?')\n"
        "print('Hwasong-11' in answer.passages[0].text)\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers')"
        " if m in sys.modules))\n")
    # The developer's own KABAR_* settings (a language model, the torch encoder) stay out.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KABAR_")}
    env.update(PYTHONPATH=str(ROOT), ANONYMIZED_TELEMETRY="False")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    found, imported = out.stdout.strip().splitlines()[-2:]
    assert found == "True" and json.loads(imported.replace("'", '"')) == []
