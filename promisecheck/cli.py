"""The command line: a thin layer over the Python API.

    promisecheck check docs/ --promises promises.yaml
    promisecheck check --promises promises.yaml --ext .md - < email.md
    promisecheck baseline docs/ --promises promises.yaml
    promisecheck config
    promisecheck init
    promisecheck promises validate promises.yaml
    promisecheck checks
    promisecheck cache [--clear]
    promisecheck eval corpora/cases/dev.jsonl --books corpora/books

Exit codes: 0 clean, 1 findings at or above ``--fail-level``, 2 usage or input error.
Settings come from the command line, then the configuration file (``config.py``), then defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import NoReturn, Sequence

from . import __version__
from ._io import MAX_FILE_BYTES, decode_text
from .errors import PromisecheckError
from .report import SEVERITIES, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STDIN_NAME = "<stdin>"
#: A progress bar is shown (on a terminal, without --quiet) from this many files on.
PROGRESS_MIN_FILES = 20
# Configuration keys that a flag of the same name sets; the value is the flag.
_FLAGS = {key: f"--{key}" for key in ("promises", "exclude", "languages", "fail-level", "show-level", "format",
                                      "select", "ignore", "top-k", "threshold", "embedder", "judge", "jobs",
                                      "ignore-unused-suppressions")}
_LISTS = ("exclude", "languages", "select", "ignore")


def _check_options() -> argparse.ArgumentParser:
    """The options of ``check``, shared by ``baseline`` and ``config``. Defaults are ``None``: a value
    not given here comes from the configuration file or the built-in default."""
    from .formatters import FORMATS

    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("paths", nargs="*", metavar="PATH",
                         help="files or directories ('-' reads stdin; default: the configured paths)")
    options.add_argument("-p", "--promises", metavar="BOOK", help="the promise book (YAML)")
    options.add_argument("--config", metavar="FILE", help="use this configuration file instead of the one found")
    options.add_argument("--no-config", action="store_true", help="ignore configuration files")
    options.add_argument("--ext", help="file type of stdin: .md, .mdx, .html or .txt (default .txt)")
    options.add_argument("--stdin-filename", default=STDIN_NAME, help="the path to report for stdin")
    options.add_argument("--format", choices=FORMATS, help="output format (default text)")
    options.add_argument("--fail-level", choices=SEVERITIES,
                         help="lowest severity that makes the exit code 1 (default warning)")
    options.add_argument("--show-level", choices=SEVERITIES,
                         help="lowest severity shown (default suggestion: all)")
    options.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    options.add_argument("--supports", action="store_true", help="also list sentences that keep a promise")
    options.add_argument("--languages", help="comma-separated ISO 639-1 codes the copy may be in")
    options.add_argument("--embedder", help="retrieval embedder: use-m3-promise (the judge's), use-m3, or a "
                         "sentence-transformers name/path")
    options.add_argument("--judge", help="judge model: a shipped name or a .npz path")
    options.add_argument("--top-k", type=int, help="related promises judged per sentence (default 3)")
    options.add_argument("--threshold", type=float, help="override the calibrated contradiction threshold")
    options.add_argument("--select", help="comma-separated check codes to run (default all)")
    options.add_argument("--ignore", help="comma-separated check codes to skip")
    options.add_argument("--exclude", help="comma-separated globs of files not to check")
    options.add_argument("--ignore-unused-suppressions", action="store_const", const=True,
                         help="do not report suppression comments that suppress nothing (PC001)")
    options.add_argument("--diff", metavar="REV", help="check only sentences on lines changed since git revision REV")
    options.add_argument("--baseline", metavar="FILE", help="hide the findings this baseline file records")
    options.add_argument("--no-baseline", action="store_true", help="apply no baseline")
    options.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    options.add_argument("--cache-dir", metavar="DIR", help="cache directory (default: the user cache directory)")
    options.add_argument("--jobs", type=int, metavar="N", help="read and segment files in N processes (default 1)")
    options.add_argument("-q", "--quiet", action="store_true", help="print findings only: no summary, no progress bar")
    options.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="promisecheck", description=(
        "Check a brand's copy against its promise book and flag sentences that break a promise."))
    parser.add_argument("--version", action="version", version=f"promisecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    options = _check_options()

    commands.add_parser("check", parents=[options],
                        help="check files, directories or stdin against a promise book")
    baseline = commands.add_parser("baseline", parents=[options],
                                   help="record today's findings so that check reports only new ones")
    baseline.add_argument("-o", "--output", metavar="FILE",
                          help="baseline file to write (default: .promisecheck-baseline.json at the project root)")
    baseline.add_argument("--prune", action="store_true",
                          help="only drop recorded findings that no longer occur; add nothing new")
    commands.add_parser("config", parents=[options],
                        help="print the effective configuration and where each value comes from")
    init = commands.add_parser("init", help="write a starter promises.yaml and .promisecheck.toml")
    init.add_argument("directory", nargs="?", default=".", help="where to write them (default: here)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")

    promises = commands.add_parser("promises", help="work with promise books")
    promise_commands = promises.add_subparsers(dest="promises_command", metavar="SUBCOMMAND")
    promise_commands.required = True
    validate = promise_commands.add_parser("validate", help="validate promise books")
    validate.add_argument("books", nargs="+", metavar="BOOK")

    commands.add_parser("checks", help="list the checks and their codes")
    cache = commands.add_parser("cache", help="show the cache directory and size, or clear it")
    cache.add_argument("--clear", action="store_true", help="delete every cached entry")
    cache.add_argument("--cache-dir", metavar="DIR", help="cache directory (default: the user cache directory)")

    evaluate = commands.add_parser("eval", help="measure the checker on labelled cases (JSONL)")
    evaluate.add_argument("cases", nargs="+", metavar="CASES", help="case files (corpora/cases/*.jsonl)")
    evaluate.add_argument("--books", default="corpora/books", help="directory of the books the cases name")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument("--predictions", action="store_true", help="with --format json: every case's result")
    evaluate.add_argument("--embedder", help="retrieval embedder (default: the judge's)")
    evaluate.add_argument("--judge", help="judge model: a shipped name or a .npz path")
    evaluate.add_argument("--select", help="comma-separated check codes to run (default all)")
    evaluate.add_argument("--ignore", default="", help="comma-separated check codes to skip")
    return parser


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _config(args: argparse.Namespace):
    """The effective configuration: these flags over the configuration file over the defaults."""
    from .config import Setting, load_config

    cli = {}
    for key, flag in _FLAGS.items():
        value = getattr(args, key.replace("-", "_"))
        if value is not None:
            cli[key] = Setting(_split(value) if key in _LISTS else value, flag)
    if args.no_baseline:
        cli["baseline"] = Setting(False, "--no-baseline")
    elif args.baseline:
        cli["baseline"] = Setting(args.baseline, "--baseline")
    if args.no_cache:
        cli["cache"] = Setting(False, "--no-cache")
    elif args.cache_dir:
        cli["cache"] = Setting(args.cache_dir, "--cache-dir")
    return load_config(cli, config_file=args.config, isolated=args.no_config)


def _run(args: argparse.Namespace, config, apply_baseline: bool) -> Report:
    """Check what ``args`` and ``config`` say, the way ``check`` does; returns the full report (before
    ``--show-level``)."""
    from .book import load_book
    from .cache import open_cache
    from .checker import expand_paths

    if not config["promises"]:
        raise PromisecheckError("no promise book: give --promises BOOK or set 'promises' in the configuration "
                                "(`promisecheck init` writes a starter)")
    paths = args.paths or config["paths"]
    if not paths:
        raise PromisecheckError("no paths given (use '-' to read stdin)")
    book = load_book(config["promises"])
    directory, _ = config.cache_directory()
    cache = open_cache(directory, config["cache-max-mb"] * 1_000_000) if directory else False
    files = [f for f in expand_paths(p for p in paths if p != "-") if not config.excluded(f)]
    changed = None
    if args.diff:
        from .diff import changed_lines

        if "-" in paths:
            raise PromisecheckError("--diff cannot be used with stdin")
        changed = changed_lines(args.diff, [p for p in paths if p != "-"])
        files = [f for f in files if os.path.realpath(f) in changed]

    checkers: dict = {}

    def checker_for(path: str | None):
        from .checker import Checker

        settings = config.for_file(path)
        key = (settings.languages, settings.select, settings.ignore)
        if key not in checkers:
            extra = {"languages": settings.languages} if settings.languages else {}
            checkers[key] = Checker(book, embedder=config["embedder"], judge=config["judge"], top_k=config["top-k"],
                                    contradiction_threshold=config["threshold"], select=settings.select,
                                    ignore=settings.ignore, cache=cache,
                                    report_unused_suppressions=not config["ignore-unused-suppressions"], **extra)
        return checkers[key]

    checker_for(None)  # validates the options before any file is read, even when none is
    groups: dict = {}
    for path in files:
        groups.setdefault(checker_for(path), []).append(path)
    parts = []
    with _Progress(len(files), quiet=args.quiet) as advance:
        for checker, group in groups.items():
            parts.append(checker.check_paths(group, jobs=config["jobs"], on_progress=advance(len(group))))
    report = _in_order(Report.combine(parts), files)
    if "-" in paths:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise PromisecheckError("stdin too large", args.stdin_filename)
        text = decode_text(data, args.stdin_filename)
        report = report.merge(checker_for(args.stdin_filename).check_text(
            text, path=args.stdin_filename, ext=args.ext or ".txt"))
    if changed is not None:
        from .diff import restrict

        report = restrict(report, changed)
    if apply_baseline and config.baseline_path():
        from .baseline import Baseline

        report = Baseline.load(config.baseline_path()).apply(report)
    if cache and cache.disabled:
        print(f"promisecheck: warning: {cache.disabled}", file=sys.stderr)
    return report


def _in_order(report: Report, files: list[str]) -> Report:
    """Files checked in groups (one per distinct per-file setting) back in the order they were given."""
    order = {path: i for i, path in enumerate(files)}

    def position(item) -> tuple[int, int]:
        return order.get(item.path, len(order)), item.start

    return replace(report, findings=tuple(sorted(report.findings, key=position)),
                   supports=tuple(sorted(report.supports, key=position)),
                   paths=tuple(sorted(report.paths, key=lambda p: order.get(p, len(order)))))


class _Progress:
    """A progress bar on stderr for long runs on a terminal; ``advance(n)`` gives the callback for a
    group of ``n`` files."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done = total, 0
        self.bar = None
        if not quiet and total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)

    def __enter__(self):
        if self.bar is None:
            return lambda size: None
        self.bar.start()
        task = self.bar.add_task("check", total=self.total)

        def advance(size: int):
            offset = self.done
            self.done += size
            return lambda done, _total: self.bar.update(task, completed=offset + done)

        return advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _check(args: argparse.Namespace) -> int:
    from .formatters import get_formatter
    from .report import severity_rank

    config = _config(args)
    report = _run(args, config, apply_baseline=True)
    shown_rank = severity_rank(config["show-level"])
    shown = replace(report, findings=tuple(f for f in report.findings if severity_rank(f.severity) >= shown_rank))
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and "NO_COLOR" not in os.environ)
    sys.stdout.write(get_formatter(config["format"])(shown, color=color, show_supports=args.supports,
                                                     root=config.root, summary=not args.quiet))
    sys.stdout.flush()
    for error in report.errors:
        print(f"promisecheck: error: {error}", file=sys.stderr)
    if report.errors:
        return EXIT_ERROR
    failing = [f for f in report.findings
               if severity_rank(f.severity) >= severity_rank(config.for_file(f.path).fail_level)]
    if failing and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _baseline(args: argparse.Namespace) -> int:
    from .baseline import Baseline
    from .formatters.text import plural

    config = _config(args)
    output = args.output or config.baseline_output()
    report = _run(args, config, apply_baseline=False)
    for error in report.errors:
        print(f"promisecheck: error: {error}", file=sys.stderr)
    if report.errors:  # a baseline of a partial check would hide nothing for the unread files
        print("promisecheck: error: baseline not written", file=sys.stderr)
        return EXIT_ERROR
    if args.prune:
        if not os.path.isfile(output):
            raise PromisecheckError("no baseline to prune (run `promisecheck baseline` first)", output)
        old = Baseline.load(output)
        baseline = old.pruned(report)
        baseline.write()
        print(f"{output}: dropped {plural(len(old) - len(baseline), 'fixed finding')}, "
              f"kept {plural(len(baseline), 'finding')}")
    else:
        baseline = Baseline.from_report(report, output)
        baseline.write()
        print(f"{output}: recorded {plural(len(baseline), 'finding')} in "
              f"{plural(len({p for p, _ in baseline.entries}), 'file')}")
    return EXIT_CLEAN


def _show_config(args: argparse.Namespace) -> int:
    from .config import describe

    sys.stdout.write(describe(_config(args)))
    return EXIT_CLEAN


def _init(args: argparse.Namespace) -> int:
    from .config import write_starter

    for path in write_starter(args.directory, force=args.force):
        print(f"wrote {path}")
    print("next: edit the promises, then run `promisecheck check`")
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
    from .suppress import UNUSED_CODE, UNUSED_NAME, UNUSED_SUMMARY

    print(f"{UNUSED_CODE}  {UNUSED_NAME:<24} {UNUSED_SUMMARY}")
    for check in registry().values():
        summary = check.doc.strip().splitlines()[0].split(":", 1)[1].strip()
        print(f"{check.code}  {check.name:<24} {summary}")
    return EXIT_CLEAN


def _cache(args: argparse.Namespace) -> int:
    from .cache import default_directory, open_cache
    from .config import load_config

    config = load_config()
    directory = args.cache_dir or config.cache_directory()[0] or default_directory()
    cache = open_cache(directory, config["cache-max-mb"] * 1_000_000)
    if args.clear:
        cache.clear()
    stats = cache.stats()
    if stats["disabled"]:
        raise PromisecheckError(stats["disabled"])
    print(f"{stats['directory']}: {stats['entries']} entries, {stats['bytes'] / 1e6:.1f} MB "
          f"(limit {stats['max_bytes'] / 1e6:.0f} MB)")
    return EXIT_CLEAN


def _eval(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_table, load_books, load_cases

    cases = load_cases(args.cases)
    if not cases:
        raise PromisecheckError("no cases", args.cases[0])
    result = evaluate(cases, load_books(args.books, cases), embedder=args.embedder, judge=args.judge,
                      select=_split(args.select) or None, ignore=_split(args.ignore))
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
    handler = {"check": _check, "baseline": _baseline, "config": _show_config, "init": _init,
               "promises": _validate, "checks": _list_checks, "cache": _cache, "eval": _eval}[args.command]
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


def run() -> NoReturn:
    """The ``promisecheck`` command: ``main()``, then an exit that skips the interpreter's teardown.

    Freeing the loaded models and pipelines object by object takes about half a second, often longer than
    the check itself. The caches are closed and the output flushed first.
    """
    from .nlp import keep_torch_out_of_spacy

    keep_torch_out_of_spacy()
    code = main()
    from .cache import close_caches

    close_caches()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
