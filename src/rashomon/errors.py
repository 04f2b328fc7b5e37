"""One exception hierarchy for rashomon; every message says what to do next."""

from __future__ import annotations


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class InputError(RashomonError):
    """One input (file, URL, record) could not be read; the others go on.

    ``source`` names the input as the user gave it, ``reason`` says why in one line.
    """

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchRefused(InputError):
    """A URL was refused before or during fetching (private address, size, type)."""


class StoreError(RashomonError):
    """The store cannot be opened or written; the message says how to fix it."""


class OutputError(RashomonError):
    """An output folder or file cannot be used: a file in the way, no permission to write, or a folder
    that already holds another case; the message says what to give instead."""


class ModelError(RashomonError):
    """A model could not be loaded offline; the message names the package to install."""
