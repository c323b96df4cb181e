"""The exceptions newsgraph raises.

::

    NewsgraphError                 anything newsgraph raises on purpose
    ├── InputError                 a user's input is unusable (file, line, reason)
    │   ├── FormatError            the content does not parse as its format
    │   └── FetchError             a URL could not be fetched
    ├── StoreError                 the database cannot be opened or migrated
    ├── ConfigError                a setting or option has an invalid value
    └── DataError                  an evaluation data set is missing or malformed

The CLI turns every ``NewsgraphError`` into a one-line message and an exit
code (``cli.EXIT_*``); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input cannot be used. ``origin`` names it, ``line`` locates it."""

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        self.origin = origin
        self.reason = reason
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")


class FormatError(InputError):
    """The content does not parse as the format it claims to be."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, too large)."""


class StoreError(NewsgraphError):
    """The store cannot be opened, migrated or written."""


class ConfigError(NewsgraphError):
    """A setting has an invalid value; the message lists the valid ones."""


class DataError(NewsgraphError):
    """An evaluation data set is missing or not in the expected layout."""
