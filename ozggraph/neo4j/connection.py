"""Connecting to Neo4j with one clear message for every way it can fail.

>>> from ozggraph.neo4j.connection import Settings, connect
>>> settings = Settings.from_env()                     # NEO4J_URI, NEO4J_USERNAME, ...
>>> driver = connect(settings)                         # doctest: +SKIP
"""

from __future__ import annotations

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from ozggraph.errors import Neo4jError
from ozggraph.neo4j.settings import Settings

__all__ = ["CONNECT_TIMEOUT_S", "Settings", "connect", "explain", "server_version"]

#: Every failure to connect is reported within this many seconds.
CONNECT_TIMEOUT_S = 8.0


def connect(settings: Settings) -> neo4j.Driver:
    """A driver that has answered ``RETURN 1`` on ``settings.database``, or :class:`Neo4jError`."""
    if not settings.password:
        raise Neo4jError("no Neo4j password: set NEO4J_PASSWORD or pass --password")
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=CONNECT_TIMEOUT_S / 2,
            connection_acquisition_timeout=CONNECT_TIMEOUT_S,
            max_transaction_retry_time=CONNECT_TIMEOUT_S,
        )
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise Neo4jError(f"invalid Neo4j URI {settings.shown_uri!r}: {_first_line(exc)}") from None
    try:
        # An auto-commit query is not retried, so a dead server fails fast.
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except Exception as exc:
        driver.close()
        raise explain(exc, settings) from None
    return driver


def explain(exc: Exception, settings: Settings) -> Neo4jError:
    """One line saying what went wrong, naming the server and never the password."""
    where = settings.shown_uri
    if isinstance(exc, neo4j_errors.AuthError):
        message = f"Neo4j at {where} refused user {settings.username!r}: wrong username or password"
    elif isinstance(exc, neo4j_errors.ServiceUnavailable | OSError):
        message = f"cannot reach Neo4j at {where}: is the server running?"
    elif getattr(exc, "code", "") == "Neo.ClientError.Database.DatabaseNotFound":
        message = f"database {settings.database!r} does not exist on {where}"
    elif isinstance(exc, neo4j_errors.Neo4jError | neo4j_errors.DriverError):
        message = f"Neo4j at {where} failed: {_first_line(exc)}"
    else:
        raise exc
    if settings.password:
        message = message.replace(settings.password, "***")
    return Neo4jError(message)


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0]


def server_version(driver: neo4j.Driver, database: str = "neo4j") -> str:
    """Server version, e.g. ``5.26.12``."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return str(records[0]["version"])
