"""Shared fixtures. Models are real (they are small) and load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import promisecheck

ROOT = Path(__file__).resolve().parents[1]

BOOK_YAML = """\
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
  - id: human-support-24-7
    statement: Real people answer support calls and chats 24 hours a day, 7 days a week.
    pillar: service
    severity: warning
  - id: no-pressure
    statement: We never pressure customers with countdowns, fake scarcity or guilt.
    pillar: empathy
    severity: warning
  - id: refunds-60-days
    statement: Card purchases can be disputed and refunded within 60 days.
    pillar: service
    severity: suggestion
"""


@pytest.fixture(scope="session")
def book_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("book") / "promises.yaml"
    path.write_text(BOOK_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def book(book_path) -> promisecheck.PromiseBook:
    return promisecheck.load_book(book_path)


@pytest.fixture(scope="session")
def checker(book) -> promisecheck.Checker:
    return promisecheck.Checker(book)


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory):
    """The suite never reads or writes the user's cache: every test shares one temporary cache."""
    import os

    directory = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("PROMISECHECK_CACHE_DIR")
    os.environ["PROMISECHECK_CACHE_DIR"] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop("PROMISECHECK_CACHE_DIR", None)
    else:
        os.environ["PROMISECHECK_CACHE_DIR"] = previous
