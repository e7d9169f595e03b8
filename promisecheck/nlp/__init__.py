"""The only place models are loaded: language identification, sentence splitting, embedders, judges, the
pressure reader.

Everything here loads lazily, once per process (``functools.lru_cache``), so any number of ``Checker``
objects share one copy of each model.
"""

from __future__ import annotations

import sys


class _NoTorchForThinc:
    """An import hook that makes thinc's *optional* ``import torch`` fail, and no other."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch":
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_globals.get("__name__") == "thinc.compat":
                    raise ImportError("promisecheck keeps torch out of thinc")
                frame = frame.f_back
        return None


def keep_torch_out_of_spacy() -> None:
    """Import spaCy without torch in this process: thinc, spaCy's backend, imports torch whenever it is
    installed (2–3 s on 2 cores) though the blank pipelines and matchers here never use it. The judge still
    imports torch when it loads, so a run that judges nothing new, or a worker that only splits sentences,
    never pays for it. For the command and its worker processes only: a library user's own spaCy models may
    need thinc's torch support."""
    if "thinc.compat" not in sys.modules and not any(isinstance(f, _NoTorchForThinc) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoTorchForThinc())
