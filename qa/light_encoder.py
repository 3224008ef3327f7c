"""The int8 encoder as Kabar runs it: ONNX Runtime and `tokenizers`, without torch or transformers.

Importing sentence-transformers (with transformers and torch) and loading its tokenizer take
10 to 20 seconds on these machines, most of an `Assistant`'s open; the int8 model itself needs
neither (docs/speed.md, "Open to first answer"). `LightEncoder` reads the folder
qa/onnx_encoder.py builds and gives what Kabar calls of a SentenceTransformer (`encode_query`,
`encode_document`, the prompts, the tokenizer) and what the word aligner reads (a middle
layer's token vectors), with the same vectors: the same ONNX session run on each text alone,
the same token ids (the tokenizer is the one transformers builds, saved once as
`kabar-tokenizer.json`), mean pooling and normalisation. Its `tokenizer` is that
`tokenizers.Tokenizer` (`encode`, `encode_batch`), not a callable transformers tokenizer.
`sentence_transformer()` loads the full SentenceTransformer of the same folder for whoever needs
more of its interface.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ONNX_FILE = "model_int8.onnx"
TOKENIZER_FILE = "kabar-tokenizer.json"

log = logging.getLogger(__name__)


def save_tokenizer(folder: Path) -> str:
    """Write the tokenizer transformers builds for `folder` as one `tokenizers` file, and
    return it (as JSON); a folder that cannot be written to only costs the rebuild next time.

    transformers 5 rebuilds an XLM-R tokenizer from its own class rather than taking
    tokenizer.json as it is, and its offsets differ (a word's offsets leave out the space
    before it); its serialised form gives exactly its ids and offsets (tests/qa/
    test_light_encoder.py compares them), and loads in a second without transformers."""
    from transformers import AutoTokenizer

    text = AutoTokenizer.from_pretrained(str(folder)).backend_tokenizer.to_str()
    target = folder / TOKENIZER_FILE
    tmp = target.with_name(f".{TOKENIZER_FILE}.{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)  # whole or not at all, whichever process writes it
    except OSError as exc:
        log.warning("Cannot save %s (%s): it is rebuilt at each start, a few seconds.",
                    target, exc)
    return text


def _threads() -> int:
    # As torch counts them: OMP_NUM_THREADS when set (benchmarks, parallel ingest workers),
    # otherwise ONNX Runtime's own default (the physical cores).
    try:
        return max(0, int(os.environ.get("OMP_NUM_THREADS", "0")))
    except ValueError:
        return 0


def open_session(path: Path, threads: int):
    """An ONNX Runtime session on the CPU with `threads` intra-op threads (0: its default)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def run_alone(session, names: Sequence[str], ids: np.ndarray) -> list[np.ndarray]:
    """The outputs `names` for one text's token ids, run alone and unpadded: dynamic int8
    scales activations per run, so in a batch a text's vector would depend on its batch-mates
    (up to 1e-2 per component) and a re-ingested article would not get the vectors it had."""
    ids = np.asarray(ids, np.int64).reshape(1, -1)
    return [out[0] for out in session.run(list(names), {
        "input_ids": ids, "attention_mask": np.ones_like(ids)})]


class LightEncoder:
    """The int8 ONNX model with sentence-transformers' encode interface, loaded in about a
    second; thread-safe (the tokenizer's settings never change after loading)."""

    def __init__(self, folder: Path, *, threads: int | None = None) -> None:
        from tokenizers import Tokenizer

        self.folder = Path(folder)
        saved = self.folder / TOKENIZER_FILE
        self.tokenizer = (Tokenizer.from_file(str(saved)) if saved.is_file()  # built before it
                          else Tokenizer.from_str(save_tokenizer(self.folder)))
        self.tokenizer.no_padding()  # each text runs alone: see _run
        self.max_seq_length = int(json.loads(
            (self.folder / "sentence_bert_config.json").read_text())["max_seq_length"])
        self.tokenizer.enable_truncation(self.max_seq_length)
        config = json.loads((self.folder / "config.json").read_text())
        self.num_hidden_layers = int(config["num_hidden_layers"])
        self.prompts = dict(json.loads(
            (self.folder / "config_sentence_transformers.json").read_text())["prompts"])
        self.session = open_session(self.folder / ONNX_FILE,
                                    threads if threads is not None else _threads())
        self.outputs = [o.name for o in self.session.get_outputs()]
        self._full = None
        self._full_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LightEncoder({str(self.folder)!r})"

    @property
    def dimension(self) -> int:
        return int(self.session.get_outputs()[-1].shape[-1])

    def _run(self, ids: Sequence[int], layers: Sequence[int]) -> list[np.ndarray]:
        return run_alone(self.session, [self.outputs[n] for n in layers], np.asarray(ids))

    def token_states(self, texts: Sequence[str], layer: int
                     ) -> tuple[list[list[tuple[int, int]]], list[np.ndarray], np.ndarray]:
        """Per text (prompt included): its tokens' character offsets and `layer`'s token
        vectors; and the texts' sentence vectors (mean of the last layer, normalised)."""
        offsets, states, pooled = [], [], []
        for encoding in self.tokenizer.encode_batch(list(texts)):
            hidden, last = self._run(encoding.ids, (layer, -1))
            offsets.append(list(encoding.offsets))
            states.append(hidden)
            pooled.append(last.mean(axis=0))
        return offsets, states, self._normalised(pooled)

    def encode(self, sentences: str | Sequence[str], prompt_name: str | None = None,
               prompt: str | None = None, *, batch_size: int = 32,
               show_progress_bar: bool | None = None, convert_to_numpy: bool = True,
               normalize_embeddings: bool = True, **unsupported: Any) -> np.ndarray:
        """SentenceTransformer.encode's result for this model: unit vectors, one per text (a
        1-D vector for a single string). The model normalises its output, so
        `normalize_embeddings` changes nothing, as in sentence-transformers."""
        if unsupported or not convert_to_numpy:
            names = ", ".join(sorted(unsupported)) or "convert_to_numpy=False"
            raise TypeError(f"LightEncoder.encode does not take {names}: use "
                            "sentence_transformer() for sentence-transformers' full interface.")
        single = isinstance(sentences, str)
        texts = [sentences] if single else list(sentences)
        if prompt is None and prompt_name is not None:
            prompt = self.prompts[prompt_name]
        if prompt:
            texts = [prompt + t for t in texts]
        pooled = [self._run(e.ids, (-1,))[0].mean(axis=0)
                  for e in self.tokenizer.encode_batch(texts)]
        vectors = self._normalised(pooled)
        return vectors[0] if single else vectors

    def encode_query(self, sentences: str | Sequence[str], **kwargs: Any) -> np.ndarray:
        return self.encode(sentences, prompt_name="query", **kwargs)

    def encode_document(self, sentences: str | Sequence[str], **kwargs: Any) -> np.ndarray:
        return self.encode(sentences, prompt_name="document", **kwargs)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dimension

    def _normalised(self, pooled: list[np.ndarray]) -> np.ndarray:
        """Mean-pooled token vectors as unit vectors, as sentence-transformers' Normalize
        (torch's F.normalize, eps 1e-12); (0, dimension) for no texts."""
        if not pooled:
            return np.zeros((0, self.dimension), np.float32)
        vectors = np.asarray(pooled, np.float32)
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return (vectors / norms).astype(np.float32)

    def sentence_transformer(self):
        """The SentenceTransformer of the same folder (same vectors, full interface), loaded on
        first call: it imports torch and transformers, 10 seconds or more."""
        with self._full_lock:
            if self._full is None:
                from qa.embeddings import open_sentence_transformer

                self._full = open_sentence_transformer(self.folder, encoder="onnx")
            return self._full

