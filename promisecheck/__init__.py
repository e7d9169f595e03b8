"""promisecheck: keep a brand's outgoing copy consistent with the promises it has made.

    import promisecheck
    book = promisecheck.load_book("promises.yaml")
    report = promisecheck.Checker(book).check_text(text, path="email.md")

Importing this package is light: models (and torch) load only when a ``Checker`` first needs them.
"""

from .book import Promise, PromiseBook, load_book
from .checker import Checker
from .errors import PromisecheckError
from .report import SCHEMA_VERSION, Finding, Report, Support

__version__ = "0.1.0"

__all__ = [
    "Checker",
    "Finding",
    "Promise",
    "PromiseBook",
    "PromisecheckError",
    "Report",
    "SCHEMA_VERSION",
    "Support",
    "__version__",
    "load_book",
]
