"""The default model run as int8 ONNX Runtime, behind sentence-transformers' own interface.

The converted float32 model (qa/embeddings.py) is exported once with torch.onnx, its attention,
layer norms and GELUs fused by ONNX Runtime's BERT optimizer, and its weights quantised to int8
per channel (dynamic quantisation: activations are scaled per run, so no calibration texts
are needed, and each text is run alone so that its vector never depends on its batch). The folder it writes is a sentence-transformers model whose
first module is `OnnxTransformer`: `SentenceTransformer(path)`, `encode_query`,
`encode_document`, the prompts, pooling and normalisation are those of the float32 model; only
the forward pass runs in ONNX Runtime. The graph returns every layer's hidden states, as
BertModel does with output_hidden_states, because the word aligner (qa/answer/align.py) reads a
middle layer. Kabar itself runs the folder without torch (qa/light_encoder.py); this module is
what `SentenceTransformer(path)` and `LightEncoder.sentence_transformer()` load.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.transformer import Transformer
from transformers.modeling_outputs import BaseModelOutput

from qa.light_encoder import ONNX_FILE, open_session, run_alone, save_tokenizer

# Files of the float32 folder the ONNX folder reuses as they are.
COPIED = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
          "sentence_bert_config.json", "config_sentence_transformers.json")
INPUTS = ("input_ids", "attention_mask")
OPSET = 17


def _hidden_names(layers: int) -> list[str]:
    return [f"hidden_{i}" for i in range(layers + 1)]


class _AllHiddenStates(torch.nn.Module):
    """BertModel with its hidden states (embeddings, then each layer) as a tuple, for export."""

    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple:
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                        output_hidden_states=True)
        return tuple(out.hidden_states)


def build_onnx_model(source: Path, target: Path, *, progress: bool = False) -> Path:
    """Export, fuse and quantise the float32 sentence-transformers folder `source` into an int8
    ONNX sentence-transformers folder at `target` (one to two minutes on two cores)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from tqdm import tqdm
    from transformers import AutoModel, AutoTokenizer

    config = json.loads((source / "config.json").read_text())
    layers = int(config["num_hidden_layers"])
    names = _hidden_names(layers)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build in a temporary sibling and rename, so a crash never leaves a half-written model.
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    steps = tqdm(total=3, desc="Building the int8 encoder", unit=" steps",
                 disable=not progress, file=sys.stderr)
    try:
        # Eager attention exports as plain MatMul/Softmax, which the optimizer fuses; SDPA does not.
        bert = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
        tokenizer = AutoTokenizer.from_pretrained(str(source))
        sample = tokenizer(["passage: contoh kalimat", "passage: a longer example sentence here"],
                           return_tensors="pt", padding=True)
        axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, *names)}
        with torch.inference_mode(), warnings.catch_warnings():
            # The tracer warns that the mask's padding branch is fixed at export; the sample is
            # padded, so the traced branch is the general one (tests/qa/test_onnx_encoder.py
            # checks batches of unequal lengths against torch). Nothing for a user to act on.
            warnings.simplefilter("ignore")
            # The TorchScript exporter: the dynamo one needs onnxscript, a dependency for nothing.
            torch.onnx.export(_AllHiddenStates(bert), tuple(sample[n] for n in INPUTS),
                              str(tmp / "exported.onnx"), input_names=list(INPUTS),
                              output_names=names, dynamic_axes=axes, opset_version=OPSET,
                              dynamo=False)
        steps.update()
        fused = optimizer.optimize_model(
            str(tmp / "exported.onnx"), model_type="bert", opt_level=1,
            num_heads=int(config["num_attention_heads"]), hidden_size=int(config["hidden_size"]))
        fused.save_model_to_file(str(tmp / "fused.onnx"))
        steps.update()
        # The fused operators are outside ONNX's shape inference; their outputs are float32.
        # The quantiser logs advice on the root logger meant for static quantisation: silenced.
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)
        try:
            quantize_dynamic(str(tmp / "fused.onnx"), str(tmp / ONNX_FILE),
                             weight_type=QuantType.QInt8, per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        finally:
            root.setLevel(level)
        steps.update()
        for name in ("exported.onnx", "fused.onnx"):
            (tmp / name).unlink()
        for name in COPIED:
            shutil.copyfile(source / name, tmp / name)
        shutil.copytree(source / "1_Pooling", tmp / "1_Pooling")
        shutil.copytree(source / "2_Normalize", tmp / "2_Normalize")
        save_tokenizer(tmp)  # what qa/light_encoder.py reads, without transformers
        modules = json.loads((source / "modules.json").read_text())
        modules[0]["type"] = f"{OnnxTransformer.__module__}.{OnnxTransformer.__qualname__}"
        (tmp / "modules.json").write_text(json.dumps(modules, indent=2))
        if (target / "modules.json").is_file():
            return target  # another process built it meanwhile and may be loading it: keep it
        if target.exists():
            shutil.rmtree(target)  # a folder left without modules.json is not a model
        try:
            tmp.rename(target)
        except OSError:
            if not (target / "modules.json").is_file():
                raise
            # Another process (a parallel ingest's worker) renamed its build in first: keep it.
    finally:
        steps.close()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


class OnnxEncoder(torch.nn.Module):
    """What sentence-transformers' Transformer module calls as its model: BertModel's forward
    (last hidden state, and every layer's on request) computed by an ONNX Runtime session."""

    def __init__(self, path: Path, config: Any) -> None:
        super().__init__()
        # As many threads as torch would use (OMP_NUM_THREADS, torch.set_num_threads). Kabar's
        # own runner of this model (qa/light_encoder.py) reads OMP_NUM_THREADS.
        self.session = open_session(path, torch.get_num_threads())
        self.config = config
        self.names = [o.name for o in self.session.get_outputs()]

    @property
    def device(self) -> torch.device:
        return torch.device("cpu")

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                output_hidden_states: bool = False, **_: Any) -> BaseModelOutput:
        ids = input_ids.numpy().astype(np.int64)
        mask = attention_mask.numpy().astype(np.int64)
        # Only what is asked for is copied out of the session.
        wanted = self.names if output_hidden_states else self.names[-1:]
        batch, length = ids.shape
        states = [np.zeros((batch, length, int(self.config.hidden_size)), np.float32)
                  for _ in wanted]
        # One text per run, without its padding (run_alone says why); no time goes to padding
        # either (as fast as batches of 16).
        for row in range(batch):
            n = int(mask[row].sum())
            for state, value in zip(states, run_alone(self.session, wanted, ids[row, :n])):
                state[row, :n] = value
        tensors = tuple(torch.from_numpy(s) for s in states)
        return BaseModelOutput(last_hidden_state=tensors[-1],
                               hidden_states=tensors if output_hidden_states else None)


class OnnxTransformer(Transformer):
    """sentence-transformers' Transformer module with the ONNX encoder as its model."""

    def _load_model(self, model_name_or_path: str, transformer_task: Any, config: Any,
                    backend: str, is_peft_model: bool, **model_kwargs: Any) -> OnnxEncoder:
        return OnnxEncoder(Path(model_name_or_path) / ONNX_FILE, config)
