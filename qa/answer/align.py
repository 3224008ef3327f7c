"""Which word of an Indonesian sentence stands for which word of an English question, read from
the embedding model's own token vectors.

The dictionary (qa/lexicon.py) knows "forest" → "hutan" but not "plane", "team", "arrested" or
"plantations": a third of an English news question's words. A multilingual encoder's middle
layers put a word and its translation in context close together, so the words can be aligned
without any bilingual data: each question word's vector (the mean of its sub-word tokens) is
matched to the nearest word of the sentence, and a pair counts when each is the other's nearest
(the "argmax" method of SimAlign, Jalili Sabet et al., 2020) and similar enough. In the FacQA
dev sentences this aligns "plane" with "pesawat", "team" with "tim", "arrested" with
"ditangkap", "plantations" with "perkebunan". Each aligned sentence word then counts as a
translation of its question word, for that sentence only (see merge_glosses).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from qa.answer.memo import Memo
from qa.embeddings import DOCUMENT_PROMPT, QUERY_PROMPT
from qa.lexicon import Glosses
from qa.text import is_translatable, word_matches

# SimAlign found the 8th of mBERT's 12 layers best for alignment: lower layers follow spelling,
# the last ones are tuned for the whole sentence. multilingual-e5-small has 12 layers as well.
LAYER_SHARE = 2 / 3
# Below this cosine a mutual nearest pair is a leftover match ("Bali" with "ban"), not a
# translation. Chosen on the English dev set (docs/answers.md, "Words the dictionary lacks").
MIN_SIMILARITY = 0.65


# Per text (its prompt included): each token's character offsets and the aligner's layer's token
# vectors; and the texts' sentence vectors (the normalised mean of the last layer's tokens).
TokenStates = tuple[list[list[tuple[int, int]]], list[np.ndarray], np.ndarray]


class WordAligner:
    """Aligns a question's words with each sentence's words by the model's token vectors."""

    def __init__(self, states: Callable[[list[str], int], TokenStates], layers: int, *,
                 layer: int | None = None, min_similarity: float = MIN_SIMILARITY,
                 mean_pooled: bool = False) -> None:
        # `states(texts, layer)` runs the model (LightEncoder.token_states, or _torch_states).
        self.states = states
        # The model's sentence vector is the normalised mean of its last layer's tokens, so the
        # aligner's pass over the sentences can give it too (encode_and_align).
        self.mean_pooled = mean_pooled
        self.layer = layer if layer is not None else round(layers * LAYER_SHARE)
        self.min_similarity = min_similarity
        # Each sentence's words, word vectors and sentence vector, by text: a follow-up reads
        # its article's sentences again. About 40 KB a sentence, so 40 MB at most.
        self.memo: Memo[tuple[list[str], np.ndarray, np.ndarray]] = Memo(1_000)

    @classmethod
    def for_model(cls, model: Any) -> WordAligner | None:
        """The aligner for the int8 LightEncoder, or for a SentenceTransformer whose first
        module is a Hugging Face encoder with a fast tokenizer (one that reports character
        offsets); None for any other."""
        from qa.light_encoder import LightEncoder

        if isinstance(model, LightEncoder):  # mean pooling of every token, normalised
            return cls(model.token_states, model.num_hidden_layers,
                       mean_pooled=model.prompts.get("document") == DOCUMENT_PROMPT)
        try:
            transformer = model[0].auto_model
            tokenizer = model.tokenizer
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
        if not getattr(tokenizer, "is_fast", False) or not hasattr(transformer, "config"):
            return None
        lock = getattr(model, "tokenizer_lock", None) or threading.Lock()
        return cls(partial(_torch_states, transformer, tokenizer, lock),
                   int(transformer.config.num_hidden_layers), mean_pooled=_mean_pooled(model))

    def _word_vectors(self, texts: list[str], prompt: str
                      ) -> tuple[list[tuple[list[str], np.ndarray]], np.ndarray]:
        """Per text: its words (lower-cased) and one unit vector per word, the mean of the
        layer's vectors of the sub-word tokens inside it; and the texts' mean-pooled,
        normalised last-layer vectors (the model's sentence vectors when `mean_pooled`)."""
        offsets, hidden, pooled = self.states([prompt + t for t in texts], self.layer)
        out = []
        for row, text in enumerate(texts):
            spans = [(m.start() + len(prompt), m.end() + len(prompt), m.group().lower())
                     for m in word_matches(text)]
            members: list[list[int]] = [[] for _ in spans]
            k = 0
            for t, (start, end) in enumerate(offsets[row]):
                if end <= start:
                    continue  # special and padding tokens
                while k < len(spans) and spans[k][1] <= start:
                    k += 1
                if k < len(spans) and spans[k][0] < end:
                    members[k].append(t)
            kept = [(w, idx) for (_, _, w), idx in zip(spans, members) if idx]
            if not kept:
                out.append(([], np.zeros((0, hidden[row].shape[-1]), dtype=np.float32)))
                continue
            vectors = np.stack([hidden[row][idx].mean(axis=0) for _, idx in kept])
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
            out.append(([w for w, _ in kept], vectors))
        return out, pooled

    def align(self, question: str, sentences: list[str], batch_size: int = 32) -> list[Glosses]:
        """Per sentence: each question content word aligned to a sentence word, with that word
        (a one-word gloss valid in that sentence only)."""
        return self.encode_and_align(question, sentences, batch_size)[1]

    def encode_and_align(self, question: str, sentences: list[str], batch_size: int = 32
                         ) -> tuple[np.ndarray, list[Glosses]]:
        """The sentences' vectors, as the model's encode_document gives them when
        `mean_pooled` (one pass of the model serves both), and align's alignments."""
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32), []
        ((q_words, q_vectors),), _ = self._word_vectors([question], QUERY_PROMPT)

        def read(missing: list[str]) -> list[tuple[list[str], np.ndarray, np.ndarray]]:
            out = []
            for first in range(0, len(missing), batch_size):
                batch, pooled = self._word_vectors(missing[first:first + batch_size],
                                                   DOCUMENT_PROMPT)
                out += [(words, vectors, p) for (words, vectors), p in zip(batch, pooled)]
            return out

        read_sentences = self.memo.get_many(sentences, read)
        return (np.stack([p for _, _, p in read_sentences]),
                [self._pairs(q_words, q_vectors, s_words, s_vectors)
                 for s_words, s_vectors, _ in read_sentences])

    def _pairs(self, q_words: list[str], q_vectors: np.ndarray, s_words: list[str],
               s_vectors: np.ndarray) -> Glosses:
        if not q_words or not s_words:
            return ()
        sim = q_vectors @ s_vectors.T
        # Every word competes, function words too, so that "in" takes "di" before a content
        # word can; only content-word pairs are kept.
        forward, backward = sim.argmax(axis=1), sim.argmax(axis=0)
        found: dict[str, set[str]] = {}
        for i, j in enumerate(forward):
            if (backward[j] == i and sim[i, j] >= self.min_similarity
                    and is_translatable(q_words[i]) and is_translatable(s_words[j])):
                found.setdefault(q_words[i], set()).add(s_words[j])
        return tuple((w, frozenset(forms)) for w, forms in found.items())


def _torch_states(transformer: Any, tokenizer: Any, lock: Any, texts: list[str],
                  layer: int) -> TokenStates:
    """TokenStates from a Hugging Face encoder and its fast tokenizer (a SentenceTransformer's)."""
    import torch

    # Padding and truncation as sentence-transformers sets them (the tokenizer's own maximum
    # length), under the lock the model's encode() takes: the tokenizer is shared.
    with lock:
        enc = tokenizer(texts, return_tensors="pt", padding=True, truncation="longest_first",
                        return_offsets_mapping=True)
    offsets = enc.pop("offset_mapping").tolist()
    with torch.inference_mode():
        states = transformer(**enc, output_hidden_states=True).hidden_states
        mask = enc["attention_mask"].unsqueeze(-1).to(states[-1].dtype)
        pooled = (states[-1] * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1).float().numpy()
    hidden = states[layer].float().numpy()
    return offsets, list(hidden), pooled


def _mean_pooled(model: Any) -> bool:
    """Whether a SentenceTransformer's document vector is the normalised mean of its last
    layer's token vectors, the document prompt ("passage: ") included, and nothing else."""
    from sentence_transformers.base.modules.transformer import Transformer

    try:
        # The int8 encoder's first module is a Transformer too (qa/onnx_encoder.py).
        modules = [type(m).__name__ for m in model][1:]
        pooling = model[1].get_config_dict()
        return (len(model) == 3 and isinstance(model[0], Transformer)
                and modules == ["Pooling", "Normalize"]
                and pooling.get("pooling_mode") == "mean"
                and pooling.get("include_prompt", True)
                and model.prompts.get("document") == DOCUMENT_PROMPT
                and not getattr(model, "truncate_dim", None))
    except (AttributeError, IndexError, KeyError, TypeError):
        return False


def merge_glosses(glosses: Glosses, aligned: Glosses) -> Glosses:
    """The question's dictionary glosses with one sentence's aligned words added."""
    if not aligned:
        return glosses
    extra = dict(aligned)
    merged = [(w, forms | extra.pop(w, frozenset())) for w, forms in glosses]
    return tuple(merged + list(extra.items()))
