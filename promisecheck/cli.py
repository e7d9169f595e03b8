"""The command line: a thin layer over the Python API.

    promisecheck check docs/ --promises promises.yaml
    promisecheck check --promises promises.yaml --ext .md - < email.md
    promisecheck promises validate promises.yaml
    promisecheck checks
    promisecheck eval corpora/cases/dev.jsonl --books corpora/books

Exit codes: 0 clean, 1 findings at or above ``--fail-level``, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from ._io import MAX_FILE_BYTES, decode_text
from .errors import PromisecheckError
from .report import SEVERITIES, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STDIN_NAME = "<stdin>"


def _parser() -> argparse.ArgumentParser:
    from .formatters import FORMATS
    from .nlp.langid import DEFAULT_LANGUAGES

    parser = argparse.ArgumentParser(prog="promisecheck", description=(
        "Check a brand's copy against its promise book and flag sentences that break a promise."))
    parser.add_argument("--version", action="version", version=f"promisecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser("check", help="check files, directories or stdin against a promise book")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin")
    check.add_argument("-p", "--promises", required=True, metavar="BOOK", help="the promise book (YAML)")
    check.add_argument("--ext", help="file type of stdin: .md, .mdx, .html or .txt (default .txt)")
    check.add_argument("--stdin-filename", default=STDIN_NAME, help="the path to report for stdin")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    check.add_argument("--fail-level", choices=SEVERITIES, default="warning",
                       help="lowest severity that makes the exit code 1 (default warning)")
    check.add_argument("--show-level", choices=SEVERITIES, default="suggestion",
                       help="lowest severity shown (default suggestion: all)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--supports", action="store_true", help="also list sentences that keep a promise")
    check.add_argument("--languages", default=",".join(DEFAULT_LANGUAGES),
                       help="comma-separated ISO 639-1 codes the copy may be in")
    check.add_argument("--embedder", help="retrieval embedder: use-m3 or a sentence-transformers name/path")
    check.add_argument("--judge", help="judge model: a shipped name or a .npz path")
    check.add_argument("--top-k", type=int, default=3, help="related promises judged per sentence")
    check.add_argument("--threshold", type=float, help="override the calibrated contradiction threshold")
    check.add_argument("--select", help="comma-separated check codes to run (default all)")
    check.add_argument("--ignore", default="", help="comma-separated check codes to skip")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    promises = commands.add_parser("promises", help="work with promise books")
    promise_commands = promises.add_subparsers(dest="promises_command", metavar="SUBCOMMAND")
    promise_commands.required = True
    validate = promise_commands.add_parser("validate", help="validate promise books")
    validate.add_argument("books", nargs="+", metavar="BOOK")

    commands.add_parser("checks", help="list the checks and their codes")

    evaluate = commands.add_parser("eval", help="measure the checker on labelled cases (JSONL)")
    evaluate.add_argument("cases", nargs="+", metavar="CASES", help="case files (corpora/cases/*.jsonl)")
    evaluate.add_argument("--books", default="corpora/books", help="directory of the books the cases name")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument("--predictions", action="store_true", help="with --format json: every case's result")
    evaluate.add_argument("--embedder", help="retrieval embedder (default: the judge's)")
    evaluate.add_argument("--judge", help="judge model: a shipped name or a .npz path")
    return parser


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _check(args: argparse.Namespace) -> int:
    from .book import load_book
    from .checker import Checker
    from .formatters import get_formatter
    from .report import severity_rank

    if not args.paths:
        raise PromisecheckError("no paths given (use '-' to read stdin)")
    book = load_book(args.promises)
    checker = Checker(book, embedder=args.embedder, judge=args.judge, languages=_split(args.languages),
                      top_k=args.top_k, contradiction_threshold=args.threshold,
                      select=_split(args.select) or None, ignore=_split(args.ignore))
    files = [p for p in args.paths if p != "-"]
    report = checker.check_paths(files) if files else Report()
    if "-" in args.paths:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise PromisecheckError("stdin too large", args.stdin_filename)
        text = decode_text(data, args.stdin_filename)
        report = report.merge(checker.check_text(text, path=args.stdin_filename, ext=args.ext or ".txt"))
    shown_rank = severity_rank(args.show_level)
    shown = Report(tuple(f for f in report.findings if severity_rank(f.severity) >= shown_rank),
                   report.supports, report.errors, report.paths, report.sentences)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and "NO_COLOR" not in os.environ)
    sys.stdout.write(get_formatter(args.format)(shown, color=color, show_supports=args.supports))
    sys.stdout.flush()
    for error in report.errors:
        print(f"promisecheck: error: {error}", file=sys.stderr)
    if report.errors:
        return EXIT_ERROR
    if report.at_or_above(args.fail_level) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _validate(args: argparse.Namespace) -> int:
    from .book import load_book

    status = EXIT_CLEAN
    for path in args.books:
        try:
            book = load_book(path)
        except PromisecheckError as exc:
            print(f"promisecheck: error: {exc}", file=sys.stderr)
            status = EXIT_ERROR
        else:
            print(f"{path}: ok ({book.brand}, {len(book)} promises)")
    return status


def _list_checks(args: argparse.Namespace) -> int:
    from .checks import registry

    for check in registry().values():
        summary = check.doc.strip().splitlines()[0].split(":", 1)[1].strip()
        print(f"{check.code}  {check.name:<24} {summary}")
    return EXIT_CLEAN


def _eval(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_table, load_books, load_cases

    cases = load_cases(args.cases)
    if not cases:
        raise PromisecheckError("no cases", args.cases[0])
    result = evaluate(cases, load_books(args.books, cases), embedder=args.embedder, judge=args.judge)
    if args.format == "json":
        if not args.predictions:
            result.pop("predictions")
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_table(result))
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``promisecheck`` command; returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or help
        return int(exc.code or 0) and EXIT_ERROR
    handler = {"check": _check, "promises": _validate, "checks": _list_checks, "eval": _eval}[args.command]
    try:
        return handler(args)
    except PromisecheckError as exc:
        print(f"promisecheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing left to say
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
