"""The ``ozggraph`` command line: thin click commands over the library.

Each module of this package holds a few commands and lists them in ``COMMANDS``;
every command is a few lines that call the library. A module is imported only
when one of its commands runs (or ``--help`` lists them), so ``ozggraph report``
does not pay for matplotlib or the Neo4j driver it does not use.

Every user mistake is one line on stderr, never a traceback, for every command
(including ones added later), whether run as ``ozggraph`` or by click's CliRunner:
a wrong option or argument (click's usage errors, including a bad ``--as-of`` or
``-o``) exits 2; any :class:`OzgGraphError` exits 1; an invalid dataset shows its
first problem and how many more ``ozggraph validate`` lists.
"""

from __future__ import annotations

import importlib
import sys

import click

from ozggraph.errors import DatasetError, OzgGraphError

#: Command name -> module of this package that defines it, in ``--help`` order.
COMMAND_MODULES: dict[str, str] = {
    "report": "report",
    "find": "lookup",
    "show": "lookup",
    "analyze": "report",
    "validate": "dataset",
    "stats": "dataset",
    "export": "dataset",
    "server": "server",
    "load": "neo4j",
    "query": "query",
    "cypher": "query",
    "spread": "spread",
    "simulate": "spread",
    "seeds": "spread",
    "calibrate": "spread",
    "import": "imports",
}

#: Command name -> the first line of its help, so ``ozggraph --help`` lists the commands
#: without importing their modules (a test keeps it equal to each command's docstring).
#: A command missing here is listed all the same, at the price of importing its module.
COMMAND_SUMMARIES: dict[str, str] = {
    "report": "The cooperation report: central and brokering bodies, communities, money, coverage.",
    "find": "Nodes whose name, alias or id contains TEXT, with Land and id.",
    "show": "A node's ties grouped by kind: relation, role, share, application, dates, end, "
    "evidence and sources of each; former, planned, historical and ended ties say so.",
    "analyze": "Centrality, brokerage role and community of every body; "
    "--write stores them in Neo4j.",
    "validate": "Check a dataset strictly; list every problem with file, line and record.",
    "stats": "Counts by label and relationship type, claims by evidence, and the dataset checksum.",
    "export": "Export the embedded graph: node-link JSON, GraphML, GEXF (Gephi) "
    "or neo4j-admin CSV.",
    "server": "A local Neo4j with Neo4j Browser and the dataset loaded, for Cypher and Browser.",
    "load": "Load the dataset into Neo4j: only the difference, in batches, convergent.",
    "query": "Run a query of the library (cypher/*.cypher) in a READ transaction.",
    "cypher": "Run ad-hoc Cypher, read-only unless --write ('-' reads the text from stdin).",
    "spread": "Observed spread of SOLUTION (id, name or alias), or of every solution.",
    "simulate": "Monte-Carlo spread from some bodies over the cooperation network.",
    "seeds": "Which K bodies to fund so that a solution spreads furthest (greedy, CELF).",
    "calibrate": "Fit the cascade probability p to the observed reuse, and say how well it fits.",
    "import": "Rebuild seed/ from the reference tables in raw/ (reruns give identical files).",
}


class Mistake(click.ClickException):
    """A user's mistake as click shows it: ``Error: <one line>`` on stderr, then exit."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(" ".join(message.split("\n")).strip())
        self.exit_code = exit_code  # type: ignore[misc]  # click: a class default per type


def one_line(exc: BaseException) -> click.ClickException:
    """The one-line message and exit status a user's mistake is shown with."""
    if isinstance(exc, click.UsageError):
        command = exc.ctx.command_path if exc.ctx is not None else "ozggraph"
        text, code = f"{exc.format_message()} (see '{command} --help')", exc.exit_code
    elif isinstance(exc, DatasetError) and len(exc.problems) > 1:
        more = len(exc.problems) - 1
        command = f"ozggraph validate {exc.path}" if exc.path else "ozggraph validate"
        text = f"{exc.problems[0]} (and {more} more problem(s): '{command}' lists them)"
        code = 1
    elif isinstance(exc, DatasetError) and exc.problems:
        text, code = str(exc.problems[0]), 1
    else:
        text, code = str(exc), getattr(exc, "exit_code", 1)
    return Mistake(text or type(exc).__name__, code)


class _LazyGroup(click.Group):
    """Imports a command's module only when the command is asked for; one line per mistake."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise one_line(exc) from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.UsageError, OzgGraphError) as exc:
            raise one_line(exc) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)  # registration order, not alphabetical

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from :data:`COMMAND_SUMMARIES`: no module imported."""
        names = self.list_commands(ctx)
        width = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            summary = COMMAND_SUMMARIES.get(name)
            if summary is None:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(width)))
            else:
                rows.append((name, click.Command(name, help=summary).get_short_help_str(width)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"ozggraph.cli.{module_name}")
        from ozggraph.cli.options import read_format_first

        command = next((c for c in module.COMMANDS if c.name == cmd_name), None)
        if command is not None:
            read_format_first(command)  # -o is a file or a folder by --format
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ozggraph", prog_name="ozggraph")
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress bars (they show only on a terminal anyway)."
)
def cli(quiet: bool) -> None:
    """Study how German public bodies cooperate on digital government (OZG).

    \b
    Start here:
      ozggraph report              # the cooperation report, embedded dataset
      ozggraph validate seed/      # check the dataset strictly
      ozggraph find Gießen         # which body is which; ozggraph show ID: its ties
      ozggraph server start        # local Neo4j + Browser for Cypher
      ozggraph --help / ozggraph COMMAND --help
    """
    from ozggraph import progress

    progress.configure(quiet=quiet)


def main() -> None:
    """Entry point: the CLI, each mistake one line (see the module docstring)."""
    try:
        cli.main()
    except BrokenPipeError:  # ozggraph report | head
        sys.exit(1)
