"""The only place models are loaded: language identification, sentence splitting, embedders, judges.

Everything here loads lazily, once per process (``functools.lru_cache``), so any number of ``Checker``
objects share one copy of each model.
"""
