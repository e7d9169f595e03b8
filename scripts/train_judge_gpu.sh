#!/usr/bin/env bash
# Train the cross-encoder judge on a GPU machine that lacks promisecheck's own models (spaCy, USE): several
# recipes in parallel (the model is small, so one process leaves the GPU mostly idle), each the whole flow of
# scripts/train_cross_judge.py (phase A, calibration model, calibration, phase B); the recipe with the best
# calibration macro-F1 wins and its phase B comes back in fp16 parts.
#
#   here:     python scripts/train_cross_judge.py --write-bundle build/gpu/bundle
#             tar czf build/gpu/bundle.tgz -C build/gpu bundle
#   GPU:      bash scripts/train_judge_gpu.sh build/gpu/bundle.tgz OUTDIR "v0" "s1 --seed 1" "b2 --epochs-b 2"
#   here:     mkdir -p build/xe-gpu && cp OUTDIR/* build/xe-gpu/
#             python scripts/train_cross_judge.py --resume --work build/xe-gpu   # export, checks, dev
#
# The GPU machine needs python3 with torch, transformers, tokenizers, numpy, pyyaml, markdown-it-py and
# mdit-py-plugins. LIMIT (seconds, default 1200) bounds the wait; recipes not finished by then are left out.
set -u
bundle=$1 out=$2; shift 2
mkdir -p "$out" /tmp/pc-gpu && rm -rf /tmp/pc-gpu/* && tar xzf "$bundle" -C /tmp/pc-gpu || exit 2
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
here=$(cd "$(dirname "$0")" && pwd)
start=$(date +%s)
python3 -c "import sys; sys.path[:0] = ['$here']; import train_cross_judge as t; from pathlib import Path; \
t.base_from_bundle(Path('/tmp/pc-gpu/bundle'), Path('/tmp/pc-gpu/e5'), print)" > /tmp/pc-gpu/base.txt 2>&1 \
  || { cat /tmp/pc-gpu/base.txt; exit 2; }
for recipe in "$@"; do
  set -- $recipe; name=$1; shift
  mkdir -p /tmp/pc-gpu/w-$name
  python3 "$here/train_cross_judge.py" --bundle /tmp/pc-gpu/bundle --base /tmp/pc-gpu/e5 --device cuda \
    --work /tmp/pc-gpu/w-$name --stop-after B --log-every 500 --checkpoint-every 100000 "$@" \
    > /tmp/pc-gpu/w-$name/stdout.txt 2>&1 &
done
while [ -n "$(jobs -r)" ] && [ $(( $(date +%s) - start )) -lt "${LIMIT:-1200}" ]; do sleep 5; done
python3 - "$out" <<'PY'
import json, shutil, sys
from pathlib import Path

out, scores = Path(sys.argv[1]), {}
for work in sorted(Path("/tmp/pc-gpu").glob("w-*")):
    calibration = work / "calibration.json"
    if calibration.is_file() and (work / "B-part0.pt").is_file():
        details = json.loads(calibration.read_text())["details"]
        scores[work.name] = (details["macro_f1"], details["dissonant_f1"])
    print(work.name, scores.get(work.name, "unfinished"))
if not scores:
    sys.exit("no recipe finished")
best = max(scores, key=lambda name: scores[name])  # first of equals: the first in name order
print("chosen", best)
for f in [*(Path("/tmp/pc-gpu") / best).glob("B-part*.pt"), *(Path("/tmp/pc-gpu") / best).glob("*.json")]:
    shutil.copy(f, out / f.name)
shutil.copy(Path("/tmp/pc-gpu") / best / "log.txt", out / "log-gpu.txt")
PY
