"""Write docs/checks.md from the checks' docstrings: ``python scripts/gen_check_docs.py [--check]``.

With ``--check``, exit 1 if the file is out of date instead of writing it (the test suite does this).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from promisecheck.checks import registry  # noqa: E402

TARGET = ROOT / "docs" / "checks.md"


def render() -> str:
    parts = ["# Checks\n",
             "Generated from the checks' docstrings by `python scripts/gen_check_docs.py`; do not edit.\n",
             "| code | name | flags |", "|---|---|---|"]
    checks = list(registry().values())
    for check in checks:
        summary = check.doc.strip().splitlines()[0].split(":", 1)[1].strip()
        parts.append(f"| `{check.code}` | `{check.name}` | {summary} |")
    for check in checks:
        title, _, body = check.doc.strip().partition("\n")
        parts += ["", f"## {title}", "", body.strip()]
    return "\n".join(parts) + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/gen_check_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
