"""Where the Neo4j server is: kept free of the driver so commands import it cheaply.

:meth:`Settings.resolve` is the one rule every command that talks to Neo4j follows:
an option or a ``NEO4J_*`` variable given means that server (unset parts take their
defaults); with none given, the local server of ``ozggraph server start``; with
neither, one line saying how to start one (:class:`~ozggraph.errors.Neo4jError`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ozggraph.errors import Neo4jError
from ozggraph.neo4j import state

#: Settings field -> the environment variable that gives it.
ENV_VARIABLES = {
    "uri": "NEO4J_URI",
    "username": "NEO4J_USERNAME",
    "password": "NEO4J_PASSWORD",
    "database": "NEO4J_DATABASE",
}


@dataclass(frozen=True)
class Settings:
    """Where the server is. ``password`` is kept out of ``repr`` so it never reaches a log."""

    uri: str = "bolt://localhost:7687"
    username: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> Settings:
        """Settings from the options given (``None``: not given), ``NEO4J_*``, or the local server.

        >>> Settings.resolve(uri="bolt://db:7687", password="secret").shown_uri
        'bolt://db:7687'
        """
        given = {"uri": uri, "username": username, "password": password, "database": database}
        for name, variable in ENV_VARIABLES.items():
            if given[name] is None:
                given[name] = os.environ.get(variable) or None
        if any(value is not None for value in given.values()):
            return cls(**{k: v for k, v in given.items() if v is not None})
        local = local_settings()
        if local is None:
            raise Neo4jError(state.START_HINT)
        return local

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            uri=env.get("NEO4J_URI", cls.uri),
            username=env.get("NEO4J_USERNAME", cls.username),
            password=env.get("NEO4J_PASSWORD"),
            database=env.get("NEO4J_DATABASE", cls.database),
        )

    @property
    def shown_uri(self) -> str:
        """The URI without any user or password in it, safe to print."""
        parts = urlsplit(self.uri)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def local_settings(home: Path | None = None) -> Settings | None:
    """Settings of the running local server (``ozggraph server start``), or ``None``."""
    home = home or state.home_dir()
    found = state.running(home)
    if found is None:
        return None
    return Settings(found.uri, state.USER, state.password(home), state.DATABASE)
