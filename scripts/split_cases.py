"""Merge per-brand case files into the brand-split ``corpora/cases/train.jsonl``, ``dev.jsonl`` and
``cue-dev.jsonl``.

    python scripts/split_cases.py new-brand.jsonl

A brand's split is the ``Split: train|dev|cue-dev`` comment on the first line of its book, so no brand is in
both files. Lines already in the split files for the same brands are replaced.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    files = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    splits: dict[str, list[str]] = {"train": [], "dev": [], "cue-dev": []}
    brands = set()
    for path in files:
        book = ROOT / "corpora" / "books" / f"{path.stem}.yaml"
        match = re.search(r"Split: (train|cue-dev|dev)\b", book.read_text(encoding="utf-8").splitlines()[0])
        if not match:
            print(f"{book}: first line must say 'Split: train', 'Split: dev' or 'Split: cue-dev'", file=sys.stderr)
            return 2
        brands.add(f"books/{path.stem}")
        splits[match.group(1)] += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split, lines in splits.items():
        out = ROOT / "corpora" / "cases" / f"{split}.jsonl"
        kept = [line for line in (out.read_text(encoding="utf-8").splitlines() if out.exists() else [])
                if json.loads(line)["book"] not in brands]
        out.write_text("\n".join(kept + lines) + "\n", encoding="utf-8")
        print(f"{out}: {len(kept) + len(lines)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
