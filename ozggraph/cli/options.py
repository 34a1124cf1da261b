"""Options and output shared by several commands (written once, used everywhere).

Two checks live here so that every command, including ones added later, makes them
the same way and before any work starts:

- :data:`DATE` reads every date option (``--as-of``) with :mod:`ozggraph.schema.dates`:
  ``2023-00``, ``0000``, ``2023-13``, ``2023-02-30``, ``abc`` are one line, exit 2.
- :func:`check_output` (used by :func:`output_option` and ``--plot``) refuses an
  output path that cannot be written as asked: a folder where a file is wanted or
  the other way round, a parent that is a file, a place we may not write. A missing
  folder is created when the output is written (:func:`make_folder`), and said so;
  an existing file is replaced, and said so (:func:`emit`).
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import click
import networkx as nx

from ozggraph.atomic import write_text
from ozggraph.errors import OutputError
from ozggraph.neo4j.backend import get_graph
from ozggraph.neo4j.settings import Settings
from ozggraph.schema.dates import DateError
from ozggraph.schema.dates import check as check_date

F = Callable[..., Any]

dataset_option = click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Seed directory or file (default: $OZGGRAPH_SEED, the checkout's seed/, else the "
    "dataset installed with ozggraph).",
)

backend_option = click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    default="embedded",
    show_default=True,
    help="embedded: the in-memory graph from seed/; neo4j: read the graph from the server.",
)


class DateType(click.ParamType):
    """A partial date option (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), read by schema.dates."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return check_date(str(value))
        except DateError as exc:
            self.fail(str(exc), param, ctx)


#: The type of every date option: ``click.option("--since", type=DATE)``.
DATE = DateType()


class AsOfType(DateType):
    """``--as-of``: a partial date, or ``latest`` (the default state; read as no date)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ozggraph.network.filters import LATEST

        if value is None or str(value).strip().casefold() == LATEST:
            return None
        return super().convert(value, param, ctx)


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=AsOfType(),
    metavar="DATE",
    default=None,
    help="Only what was valid then (YYYY, YYYY-MM or YYYY-MM-DD; the end of that period). "
    "Default: latest, the state now (what has ended left out).",
)


def _evidence(_c: click.Context, _p: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    from ozggraph.schema.types import EVIDENCE

    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in EVIDENCE]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)} (use {', '.join(EVIDENCE)})")
    return chosen


evidence_option = click.option(
    "--evidence",
    metavar="LIST",
    default=None,
    callback=_evidence,
    help="Only claims of this evidence, comma-separated: fact (facts only), announced, "
    "planned, promised, agreed, inferred, derived (docs/dataset.md).",
)

confirmed_since_option = click.option(
    "--confirmed-since",
    "confirmed_since",
    type=click.IntRange(1000, 9999),
    metavar="YEAR",
    default=None,
    help="Leave out ties no source has confirmed since YEAR (a tie's last_confirmed, else "
    "its date or start); the report says how many.",
)

dated_only_option = click.option(
    "--dated-only",
    is_flag=True,
    help="With --as-of: leave out claims no date places in time (else counted as in force).",
)


def check_output(path: Path, *, directory: bool = False, option: str = "-o") -> Path:
    """``path`` once it is sure it can be written as a file (or a folder); else OutputError.

    Called while the options are read, before any work: a report must not be built for
    4 seconds only to fail on its last line. Nothing is written yet; a missing folder is
    created by :func:`make_folder` when the output is written, with a message.

    >>> check_output(Path("/"), option="-o")
    Traceback (most recent call last):
    ozggraph.errors.OutputError: -o /: is a folder; give a file name (such as /out.txt)
    """
    shown = f"{option} {path}"
    if path.is_dir() and not directory:
        example = path / f"out{path.suffix or '.txt'}"
        raise OutputError(f"{shown}: is a folder; give a file name (such as {example})")
    if path.exists() and not path.is_dir() and directory:
        raise OutputError(f"{shown}: is a file; give a folder (new or existing) for the files")
    if not directory and str(path).endswith(("/", os.sep)):
        raise OutputError(f"{shown}: names a folder; give a file name")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{shown}: not allowed to write there (permission denied)")
    if path.exists() and not directory and not path.is_file():
        return path  # /dev/null, a named pipe: written as it is
    folder = path if directory else path.parent
    existing = next((p for p in [folder, *folder.absolute().parents] if p.exists()), Path("/"))
    if not existing.is_dir():
        raise OutputError(f"{shown}: {existing} is a file, not a folder")
    try:  # writing and removing a scratch file is the only sure test that a folder takes files
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".ozggraph-", suffix=".probe"):
            pass
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write in {existing} ({_why(exc)})") from None
    return path


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing, saying so on stderr."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder {folder}: {_why(exc)}") from None
    click.echo(f"created folder {folder}", err=True)


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


class OutputOption(click.Option):
    """``-o``: a file, or a folder for the formats in ``directory_formats``."""

    def __init__(self, *args: Any, directory_formats: Collection[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.directory_formats = tuple(directory_formats)


def read_format_first(command: click.Command) -> None:
    """Let ``--format`` be read before ``-o`` where it decides file or folder.

    The CLI group calls this on every command it runs, so a command only declares
    ``output_option(directory_formats=("csv",))`` and ``-o`` is checked right.
    """
    if any(isinstance(p, OutputOption) and p.directory_formats for p in command.params):
        for param in command.params:
            if param.name == "fmt":
                param.is_eager = True


def output_option(
    func: F | None = None, *, directory_formats: Collection[str] = (), help: str | None = None
) -> Any:
    """``-o/--output PATH``, checked by :func:`check_output` before the command runs.

    ``-o -`` is standard output. With ``directory_formats`` (say ``("csv",)``) the path
    is a folder when ``--format`` (the parameter ``fmt``) is one of them.
    """

    def callback(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if value is not None and str(value) == "-":
            ctx.meta[_STDOUT] = True
        if value is None or str(value) == "-":
            return None
        directory = ctx.params.get("fmt") in directory_formats
        try:
            return check_output(value, directory=directory, option="-o")
        except OutputError as exc:
            raise click.BadParameter(str(exc).removeprefix(f"-o {value}: ")) from None

    decorator = click.option(
        "-o",
        "--output",
        cls=OutputOption,
        directory_formats=directory_formats,
        type=click.Path(path_type=Path),
        default=None,
        callback=callback,
        help=help or "Write to this file ('-' or none: standard output).",
    )
    return decorator(func) if func is not None else decorator


def check_land(_c: click.Context | None, _p: click.Parameter | None, value: str | None) -> Any:
    """A Land code option, upper-cased and checked before any work (``DE``: federal)."""
    if not value:
        return value
    from ozggraph.network.territory import FEDERAL, LAND_CODES

    codes = [*sorted(LAND_CODES.values()), FEDERAL]
    if value.upper() not in codes:
        raise click.BadParameter(f"{value!r} is no Land code; use one of {', '.join(codes)}")
    return value.upper()


def check_level(_c: click.Context | None, _p: click.Parameter | None, value: str | None) -> Any:
    """A ``--level`` option: a government level or a body label, checked before any work."""
    if not value:
        return value
    from ozggraph.schema.edges import BODIES
    from ozggraph.schema.types import GOVERNMENT_LEVELS

    known = [*GOVERNMENT_LEVELS, *sorted(BODIES)]
    if value.casefold() not in {k.casefold() for k in known}:
        raise click.BadParameter(f"{value!r} is no level; use one of {', '.join(known)}")
    return value


_STDOUT = "ozggraph.stdout"


def stdout_asked() -> bool:
    """Whether the running command was given ``-o -`` (standard output) explicitly."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(_STDOUT))


def _layers(_c: click.Context, _p: click.Parameter, value: str | None) -> tuple[str, ...]:
    from ozggraph.errors import LayerError
    from ozggraph.schema.layers import parse_layers

    try:
        return parse_layers(value)
    except LayerError as exc:
        raise click.BadParameter(str(exc)) from None


layers_option = click.option(
    "--layers",
    metavar="LIST",
    default=None,
    callback=_layers,
    help="Layers of the network, comma-separated: cooperation, reuse, money, service, "
    "programme (default: cooperation,reuse – working together; see ozggraph.schema.layers).",
)

land_option = click.option(
    "--land",
    metavar="CODE",
    default=None,
    callback=check_land,
    help="One Land (HE, BY ...) with its partners in other Länder.",
)


#: The options of a Selection (:class:`ozggraph.network.filters.Selection`) by its fields.
_SELECTION = {
    "as_of": as_of_option,
    "dated_only": dated_only_option,
    "land": land_option,
    "evidence": evidence_option,
    "confirmed_since": confirmed_since_option,
}


def selection_options(*fields: str) -> Callable[[F], F]:
    """The options of a :class:`~ozggraph.network.filters.Selection` (``fields``; default
    all: ``--as-of``, ``--dated-only``, ``--land``, ``--evidence``, ``--confirmed-since``),
    given to the command as one parameter ``selection``.

    ``--dated-only`` without ``--as-of`` is refused (it would leave nothing out).
    """
    chosen = fields or tuple(_SELECTION)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            from ozggraph.network.filters import Selection

            given = {name: kwargs.pop(name) for name in chosen}
            if given.get("dated_only") and not given.get("as_of"):
                raise click.UsageError("--dated-only needs --as-of")
            return func(*args, selection=Selection(**given), **kwargs)

        for name in reversed(chosen):
            command = _SELECTION[name](command)
        return command

    return decorate


def graph_from(backend: str, dataset_path: Path | None, conn: dict[str, str]) -> nx.MultiDiGraph:
    """The graph the --backend/--dataset/Neo4j options of a command point at.

    What the backend warns about (an unfinished load, duplicates) goes to stderr.
    """
    from ozggraph import progress

    settings = Settings.resolve(**conn) if backend == "neo4j" else None
    where = "reading the graph from Neo4j" if backend == "neo4j" else "reading the dataset"
    with progress.stage(where):
        graph = get_graph(backend, dataset_path, settings)
    for warning in graph.graph.get("warnings", []):
        click.echo(f"warning: {warning}", err=True)
    return graph


def emit(text: str, output: Path | None, what: str = "output") -> None:
    """Print ``text``, or write it to ``output`` and say so on stderr (and what it replaced)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    replaced = " (replaced the file that was there)" if output.is_file() else ""
    make_folder(output.parent)
    try:
        write_text(output, text)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {_why(exc)}") from None
    click.echo(f"wrote {what} to {output}{replaced}", err=True)


def neo4j_options(func: F) -> F:
    """--uri/--username/--password/--database, each falling back to its NEO4J_* variable.

    With none of them given, the command talks to the local server of ``ozggraph server
    start`` (:meth:`Settings.resolve`); unset ones take the defaults shown.
    """
    for option in reversed(
        [
            click.option(
                "--uri",
                envvar="NEO4J_URI",
                default=None,
                help="Bolt URI [env NEO4J_URI; default: the local 'ozggraph server', "
                "else bolt://localhost:7687]; neo4j+s:// works.",
            ),
            click.option(
                "--username",
                envvar="NEO4J_USERNAME",
                default=None,
                help="[env NEO4J_USERNAME; default: neo4j]",
            ),
            click.option(
                "--password",
                envvar="NEO4J_PASSWORD",
                default=None,
                help="[env NEO4J_PASSWORD] never printed.",
            ),
            click.option(
                "--database",
                envvar="NEO4J_DATABASE",
                default=None,
                help="[env NEO4J_DATABASE; default: neo4j]",
            ),
        ]
    ):
        func = option(func)
    return func
