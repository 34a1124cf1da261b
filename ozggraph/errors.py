"""One exception root for everything ozggraph raises on purpose, and every error class.

The CLI turns any :class:`OzgGraphError` into one clear message and a non-zero
exit; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class OzgGraphError(Exception):
    """Root of every error ozggraph raises for a user's mistake or environment."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset, located as precisely as we can."""

    file: str
    line: int | None
    record: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f" {self.record}:" if self.record else ""
        return f"{where}:{what} {self.message}"


class DatasetError(OzgGraphError):
    """The dataset is invalid; ``problems`` lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem], path: str | None = None) -> None:
        self.problems = problems
        self.path = path  # the dataset read, if known: 'ozggraph validate PATH' lists all
        super().__init__(f"{len(problems)} problem(s) in the dataset")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        return "\n".join([*lines, f"{len(self.problems)} problem(s) found"])


class NotADatasetError(DatasetError):
    """The path given as a dataset is none: missing, a file of another kind, or an empty folder."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__([Problem(path, None, None, message)])

    def __str__(self) -> str:
        return str(self.problems[0])


class OutputError(OzgGraphError):
    """An output path (``-o``, ``--plot``) cannot be written as asked."""


class SourceTableError(OzgGraphError):
    """A reference table handed to an importer is malformed."""


class Neo4jError(OzgGraphError):
    """The Neo4j server cannot be reached, refuses us, or a load failed."""


class QueryError(OzgGraphError):
    """A query could not run: unknown name, missing parameter or refused write."""


class AnalyticsError(OzgGraphError):
    """A measure cannot be computed as asked (bad argument, missing data, no convergence)."""


class UnknownIdError(OzgGraphError):
    """No node of the wanted kind has this id, name or alias."""


class DateError(OzgGraphError, ValueError):
    """A date given on the command line or to a function is not a (partial) date."""


class SimulationError(OzgGraphError):
    """Bad simulation parameters (model, runs, probability)."""


class SpreadError(OzgGraphError):
    """Bad arguments to the observed-spread functions."""


class DevServerError(OzgGraphError, RuntimeError):
    """The dev server could not be assembled, started or stopped."""


class LayerError(OzgGraphError, ValueError):
    """A layer id the schema does not declare (``--layers``, ``layers=``)."""
