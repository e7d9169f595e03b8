"""The promise book loader and its strict validation."""

from __future__ import annotations

import pytest

from promisecheck import PromiseBook, PromisecheckError, load_book

GOOD = """\
brand: Tallo
language: en
promises:
  - id: no-monthly-fees
    statement: The Everyday account has no monthly fee and no minimum balance.
    pillar: price
    severity: error
    examples:
      consistent: ["No monthly fee. Not now, not later."]
      dissonant: ["A €3 maintenance fee applies below €500."]
"""


def test_the_documented_shape_loads(tmp_path):
    path = tmp_path / "promises.yaml"
    path.write_text(GOOD, encoding="utf-8")
    book = load_book(path)
    assert book.brand == "Tallo" and book.language == "en" and len(book) == 1
    promise = book["no-monthly-fees"]
    assert promise.severity == "error" and promise.pillar == "price" and promise.line == 4
    assert promise.dissonant_examples == ("A €3 maintenance fee applies below €500.",)
    assert PromiseBook.from_dict(book.to_dict()).to_dict() == book.to_dict()


def test_defaults():
    book = PromiseBook.from_dict({"brand": "B", "promises": [{"id": "a", "statement": "We are kind."}]})
    assert book.language == "en" and book["a"].severity == "warning" and book["a"].pillar is None


@pytest.mark.parametrize("text, expected", [
    (GOOD.replace("    severity: error", "    severty: error"),
     "promises.yaml:7:5: unknown key 'severty' (did you mean 'severity'?)"),
    (GOOD.replace("severity: error", "severity: fatal"),
     "promises.yaml:7:15: severity must be one of error, warning, suggestion, not 'fatal'"),
    (GOOD.replace("statement: The Everyday account has no monthly fee and no minimum balance.", "statement: ''"),
     "promises.yaml:5:16: 'statement' is empty"),
    (GOOD + "  - id: no-monthly-fees\n    statement: Again.\n",
     "promises.yaml:11:9: duplicate promise id 'no-monthly-fees' (first used by promise 1)"),
    (GOOD.replace("id: no-monthly-fees", "id: No Fees"),
     "promises.yaml:4:9: promise id 'No Fees' must be kebab-case"),
    ("brand: Tallo\npromises: []\n", "promises.yaml:2:11: the book has no promises"),
    ("", "promises.yaml:1:1: empty promise book"),
    ("brand: [Tallo\n", "promises.yaml:2:1: invalid YAML"),
    ("brand: Tallo\nbrand: Again\npromises: []\n", "promises.yaml:2:1: duplicate key 'brand'"),
    ("- a\n- b\n", "promises.yaml:1:1: a promise book must be a mapping"),
    ("brand: Tallo\n", "promises.yaml:1:1: missing required key 'promises'"),
    ("brand: Tallo\nlanguage: English\npromises: [{id: a, statement: b}]\n",
     "promises.yaml:2:11: 'language' must be an ISO 639 code"),
    (GOOD.replace("      dissonant:", "      dissonnant:"),
     "promises.yaml:10:7: unknown key 'dissonnant' (did you mean 'dissonant'?)"),
])
def test_bad_books_give_one_line_errors_with_positions(tmp_path, text, expected):
    path = tmp_path / "promises.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PromisecheckError) as info:
        load_book(path)
    message = str(info.value).replace(str(tmp_path) + "/", "")
    assert message.startswith(expected), message
    assert "\n" not in message


def test_unreadable_files(tmp_path):
    with pytest.raises(PromisecheckError, match="no such file"):
        load_book(tmp_path / "missing.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"brand: \x00\x01\x02")
    with pytest.raises(PromisecheckError, match="binary file"):
        load_book(tmp_path / "bin.yaml")
    (tmp_path / "latin1.yaml").write_bytes("brand: Tallo\npromises:\n  - id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PromisecheckError) as info:
        load_book(tmp_path / "latin1.yaml")
    assert str(info.value).endswith("latin1.yaml:3:12: invalid UTF-8 (byte 0xe9)")
    (tmp_path / "huge.yaml").write_text("# " + "x" * (2 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(PromisecheckError, match="file too large"):
        load_book(tmp_path / "huge.yaml")


def test_yaml_is_loaded_safely(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("brand: !!python/object/apply:os.system ['echo hi']\npromises: []\n", encoding="utf-8")
    with pytest.raises(PromisecheckError, match="invalid YAML"):
        load_book(path)


def test_from_dict_validates_without_positions():
    with pytest.raises(PromisecheckError, match="unknown key 'colour'"):
        PromiseBook.from_dict({"brand": "B", "colour": "red", "promises": [{"id": "a", "statement": "s"}]})
