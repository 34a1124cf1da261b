"""The ``ozggraph`` command line: thin click commands over the library.

Each module of this package holds a few commands and lists them in ``COMMANDS``;
every command is a few lines that call the library. Any :class:`OzgGraphError`
becomes one clear message on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from ozggraph import __version__
from ozggraph.errors import OzgGraphError

#: Modules of this package that contribute commands, in ``--help`` order.
COMMAND_MODULES = ("report", "dataset", "neo4j", "imports", "query", "spread")


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep registration order, not alphabetical


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ozggraph")
def cli() -> None:
    """Study how German public bodies cooperate on digital government (OZG).

    \b
    Start here:
      ozggraph report              # the cooperation report, embedded dataset
      ozggraph validate seed/      # check the dataset strictly
      ozggraph --help / ozggraph COMMAND --help
    """


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"ozggraph.cli.{_name}").COMMANDS:
        cli.add_command(_command)


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
