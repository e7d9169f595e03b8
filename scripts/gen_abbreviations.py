"""Write ``promisecheck/nlp/abbreviations.json``: the tokenizer exceptions with a full stop ("M.", "env.",
"dll.", "s.d.") of the languages split by spaCy's ``xx`` tokenizer plus their own abbreviations
(``promisecheck.nlp.sentences``), taken from spaCy's language data (MIT) so that splitting need not import
it: spaCy's fr module alone takes two seconds to import.

    python scripts/gen_abbreviations.py
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.symbols import ORTH

OUT = Path(__file__).resolve().parents[1] / "promisecheck" / "nlp" / "abbreviations.json"
LANGUAGES = ("fr", "id")


def main() -> int:
    data = {"_source": f"spaCy {spacy.__version__} tokenizer exceptions that contain a full stop (MIT licence)"}
    for lang in LANGUAGES:
        exceptions = spacy.util.get_lang_class(lang).Defaults.tokenizer_exceptions
        data[lang] = {text: [piece[ORTH] for piece in pieces] for text, pieces in sorted(exceptions.items())
                      if "." in text}
    entries = {lang: ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                                for k, v in data[lang].items()) for lang in LANGUAGES}
    body = ",\n".join([f' "_source": {json.dumps(data["_source"])}']
                      + [f' "{lang}": {{\n{entries[lang]}\n }}' for lang in LANGUAGES])
    OUT.write_text("{\n" + body + "\n}\n", encoding="utf-8")
    print(f"wrote {OUT}: " + ", ".join(f"{lang} {len(data[lang])}" for lang in LANGUAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
