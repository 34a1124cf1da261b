"""Where the Neo4j server is: kept free of the driver so commands import it cheaply."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Settings:
    """Where the server is. ``password`` is kept out of ``repr`` so it never reaches a log."""

    uri: str = "bolt://localhost:7687"
    username: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

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
