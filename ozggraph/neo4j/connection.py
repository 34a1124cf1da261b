"""Connecting to Neo4j with one clear message for every way it can fail.

>>> from ozggraph.neo4j.connection import Settings, connect
>>> settings = Settings.from_env()                     # NEO4J_URI, NEO4J_USERNAME, ...
>>> driver = connect(settings)                         # doctest: +SKIP
"""

from __future__ import annotations

import logging
import socket
import ssl
from urllib.parse import urlsplit

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from ozggraph.errors import Neo4jError
from ozggraph.neo4j.settings import Settings

__all__ = [
    "CONNECT_TIMEOUT_S",
    "SCHEMES",
    "Settings",
    "check_uri",
    "connect",
    "explain",
    "server_version",
]

# The driver logs what it then raises; the raised error is reported once, as one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

#: URI schemes of the Bolt protocol (the driver would also take http://, which we do not).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

#: Every failure to connect is reported within this many seconds.
CONNECT_TIMEOUT_S = 8.0


def connect(settings: Settings) -> neo4j.Driver:
    """A driver that has answered ``RETURN 1`` on ``settings.database``, or :class:`Neo4jError`."""
    check_uri(settings)
    if not settings.password:
        raise Neo4jError("no Neo4j password: set NEO4J_PASSWORD or pass --password")
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=CONNECT_TIMEOUT_S / 2,
            connection_acquisition_timeout=CONNECT_TIMEOUT_S,
            max_transaction_retry_time=CONNECT_TIMEOUT_S,
            # "property key does not exist" before a first load is no news for our users
            notifications_min_severity="OFF",
        )
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise Neo4jError(f"invalid Neo4j URI {settings.shown_uri!r}: {first_line(exc)}") from None
    try:
        # An auto-commit query is not retried, so a dead server fails fast.
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except Exception as exc:
        driver.close()
        raise explain(exc, settings) from None
    return driver


def check_uri(settings: Settings) -> None:
    """Refuse, before connecting, a URI that cannot work: another scheme, or credentials in it."""
    parts = urlsplit(settings.uri)
    if parts.scheme not in SCHEMES:
        hint = " (that is Neo4j Browser's web address)" if parts.scheme.startswith("http") else ""
        raise Neo4jError(
            f"Neo4j URI {settings.shown_uri!r} is not a Bolt address{hint}: use "
            "bolt://HOST:7687, or neo4j+s://HOST for a TLS server or cluster"
        )
    if parts.username is not None or parts.password is not None:
        raise Neo4jError(
            f"the Neo4j URI carries a user name or password: remove them from it "
            f"({settings.shown_uri}) and pass --username/NEO4J_USERNAME and NEO4J_PASSWORD"
        )


def explain(exc: Exception, settings: Settings) -> Neo4jError:
    """One line saying what went wrong, naming the server and never the password."""
    where = settings.shown_uri
    if isinstance(exc, neo4j_errors.AuthError):
        message = f"Neo4j at {where} refused user {settings.username!r}: wrong username or password"
    elif isinstance(exc, neo4j_errors.ServiceUnavailable | OSError):
        message = _diagnose(settings) or f"cannot reach Neo4j at {where}: is the server running?"
    elif getattr(exc, "code", "") == "Neo.ClientError.Database.DatabaseNotFound":
        message = f"database {settings.database!r} does not exist on {where}"
    elif isinstance(exc, neo4j_errors.Neo4jError | neo4j_errors.DriverError):
        message = f"Neo4j at {where} failed: {first_line(exc)}"
    else:
        raise exc
    if settings.password:
        message = message.replace(settings.password, "***")
    return Neo4jError(message)


def _diagnose(settings: Settings) -> str | None:
    """Why a server cannot be reached, found by a TLS handshake of our own (the driver's
    errors hide it behind "routing information"): ``None`` if no server answers at all.
    """
    parts = urlsplit(settings.uri)
    where, scheme = settings.shown_uri, parts.scheme
    host, port = parts.hostname or "localhost", parts.port or 7687
    context = ssl.create_default_context()
    if scheme.endswith("+ssc") or "+" not in scheme:
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S / 2) as raw,
            context.wrap_socket(raw, server_hostname=host),
        ):
            tls = True
    except ssl.SSLCertVerificationError as exc:
        return (
            f"Neo4j at {where} presents a TLS certificate this machine does not trust "
            f"({exc.verify_message}): install its CA, or use "
            f"{scheme.replace('+s', '+ssc')}:// to encrypt without verifying the certificate"
        )
    except (ssl.SSLError, ConnectionResetError):
        tls = False
    except OSError:
        return None  # nothing listens there
    if tls and "+" not in scheme:
        return (
            f"Neo4j at {where} requires TLS: use {scheme}+s:// "
            f"({scheme}+ssc:// for a self-signed certificate)"
        )
    if not tls and "+" in scheme:
        return (
            f"Neo4j at {where} does not speak TLS on this port: use "
            f"{scheme.split('+')[0]}:// for an unencrypted server, or enable Bolt TLS on it"
        )
    return None


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (the driver's run over several)."""
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
