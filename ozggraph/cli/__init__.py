"""The ``ozggraph`` command line: thin click commands over the library.

Each module of this package holds a few commands and lists them in ``COMMANDS``;
every command is a few lines that call the library. A module is imported only
when one of its commands runs (or ``--help`` lists them), so ``ozggraph report``
does not pay for matplotlib or the Neo4j driver it does not use. Any
:class:`OzgGraphError` becomes one clear message on stderr and exit status 1,
never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from ozggraph import __version__
from ozggraph.errors import OzgGraphError

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


class _LazyGroup(click.Group):
    """Imports a command's module only when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)  # registration order, not alphabetical

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"ozggraph.cli.{module_name}")
        return next((c for c in module.COMMANDS if c.name == cmd_name), None)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ozggraph")
def cli() -> None:
    """Study how German public bodies cooperate on digital government (OZG).

    \b
    Start here:
      ozggraph report              # the cooperation report, embedded dataset
      ozggraph validate seed/      # check the dataset strictly
      ozggraph find Gießen         # which body is which; ozggraph show ID: its ties
      ozggraph server start        # local Neo4j + Browser for Cypher
      ozggraph --help / ozggraph COMMAND --help
    """


def main() -> None:
    """Entry point: run the CLI, turning ozggraph errors into one message and exit 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OzgGraphError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(1)
