"""``ozggraph server start | stop | status | password``: the analysts' local Neo4j."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from ozggraph.cli.options import dataset_option
from ozggraph.neo4j import server as local
from ozggraph.output.console import server_status


@click.group("server")
def server_group() -> None:
    """A local Neo4j with Neo4j Browser and the dataset loaded, for Cypher and Browser.

    \b
    Examples:
      ozggraph server start        # then open the printed Browser address
      ozggraph query find_body --param name=Gießen   # no NEO4J_* needed now
      ozggraph server status
      ozggraph server password     # the password, only when you ask for it
      ozggraph server stop         # the database stays for the next start

    State (database, password file, logs) lives in $OZGGRAPH_HOME, else in your
    data directory (~/.local/share/ozggraph on Linux).
    """


@server_group.command("start")
@dataset_option
@click.option("--bolt-port", type=int, default=0, help="Default: as last time, else 7687.")
@click.option("--http-port", type=int, default=0, help="Default: as last time, else 7474.")
@click.option("--heap", default="1g", show_default=True, help="JVM heap of the server.")
def start(dataset_path: Path | None, bolt_port: int, http_port: int, heap: str) -> None:
    """Start the local server (once), loading the dataset if it is not there yet.

    \b
    Examples:
      ozggraph server start
      ozggraph server start --http-port 17474 --bolt-port 17687
      OZGGRAPH_HOME=/tmp/ozg ozggraph server start --dataset my-seed/
    """
    # An empty database answers the checksum look-up with "unknown label" notices.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    result = local.start(
        dataset_path,
        bolt_port=bolt_port,
        http_port=http_port,
        heap=heap,
        say=lambda line: click.echo(line, err=True),
    )
    state = result.state
    if result.already_running:
        head = f"Neo4j is already running (pid {state.pid})"
    else:
        head = f"Neo4j started in {result.seconds:.1f} s (pid {state.pid})"
    data = "dataset loaded" if result.loaded else "dataset already loaded, not reloaded"
    click.echo(
        f"{head}; {data} ({state.checksum}).\n"
        f"  Neo4j Browser: {state.browser_url}\n"
        f"  Bolt URI:      {state.uri}\n"
        f"  Log in as user 'neo4j' with the password 'ozggraph server password' prints\n"
        f"  (kept in {state.password_file}). ozggraph query/cypher/load use this server\n"
        f"  when no NEO4J_* variable is set. Stop it with 'ozggraph server stop'."
    )


@server_group.command("stop")
def stop() -> None:
    """Stop the local server; the database stays for the next start.

    \b
    Example:
      ozggraph server stop
    """
    pid = local.stop()
    click.echo("Neo4j is not running." if pid is None else f"Neo4j stopped (pid {pid}).")


@server_group.command("status")
def status() -> None:
    """What runs, where, and which dataset checksum its database holds (exit 1: not running).

    \b
    Example:
      ozggraph server status
    """
    home = local.home_dir()
    state = local.running(home)
    if state is None:
        click.echo(f"Neo4j is not running (state directory {home}).")
        raise SystemExit(1)
    try:
        held = local.held_checksum(state, home)
    except Exception:  # the server answers status even while it cannot be asked
        held = state.checksum
    click.echo(server_status(state, home, held))


@server_group.command("password")
def password() -> None:
    """Print the password of user neo4j on the local server (you asked for it).

    \b
    Example:
      ozggraph server password | xclip -selection clipboard
    """
    click.echo(local.password())


COMMANDS = [server_group]
