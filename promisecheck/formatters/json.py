"""``--format json``: the report as one JSON document (schema: docs/json-schema.md)."""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report, *, color: bool = False, show_supports: bool = True, root: str = ".",
           summary: bool = True) -> str:
    data = report.to_dict()
    if not show_supports:
        data["supports"] = []
    return json.dumps(data, ensure_ascii=False, indent=2)
