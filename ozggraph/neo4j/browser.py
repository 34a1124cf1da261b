"""The query library inside Neo4j Browser: a guide served by the Neo4j server itself.

Browser 5.24 offers three ways to put ready-made queries in front of an analyst:
favourites (kept in the web page's local storage, so every browser profile would
have to be filled by hand), ``browser.post_connect_cmd`` (one command run after
login) and guides (``:guide URL``: HTML slides in the sidebar whose code blocks
are put into the editor with one click). ozggraph uses the last two together: the
guide is written from ``cypher/*.cypher`` (question, ``:param`` commands, the query)
and ``browser.post_connect_cmd`` opens it after every login.

Browser loads a guide only over HTTP from a host the server allows (setting
``browser.remote_content_hostname_whitelist``, its name in Neo4j 5.26), so the
guide has to be served by something; the only web server running is Neo4j's
own, which serves Browser's files from the ``browser/`` folder of the first
class-path entry holding one. :func:`browser_jar` therefore writes
a copy of the Browser jar with the guide added (``browser/ozggraph/guide.html``)
and the server puts it first on its class path. No other process, no network.

Browser never calls out. Its settings alone do not get there: Community edition has
no ``browser.allow_outgoing_connections`` (the server refuses it as an unknown
setting), and Browser 5.24 then allows outgoing connections whenever it is connected
to a Community server (it loads Segment and Canny); it starts Sentry before any
setting is read, and its style sheet imports Google Fonts. The copy therefore also
carries three small edits of Browser's own files (:data:`BROWSER_EDITS`): outgoing
connections are never allowed (telemetry is off too: ``client.allow_telemetry=false``),
Sentry is never set up, and the fonts are the local fallbacks. An edit whose text is
not found fails the start with one line, so a newer Browser cannot call out unnoticed.

>>> html = guide_html()
>>> "<slide" in html and "find_body" in html
True
"""

from __future__ import annotations

import hashlib
import html
import zipfile
from pathlib import Path

from ozggraph.errors import Neo4jError
from ozggraph.neo4j.queries import Query, list_queries

__all__ = [
    "BROWSER_EDITS",
    "GUIDE_PATH",
    "browser_jar",
    "browser_settings",
    "guide_html",
    "guide_url",
    "param_commands",
]

#: Where the guide is served, below the server's HTTP root.
GUIDE_PATH = "/browser/ozggraph/guide.html"
_SKIP = ("META-INF/INDEX.LIST", "META-INF/MANIFEST.MF")
#: Edits of Browser's files, ``(file name prefix, text, replacement)``: each must apply once.
BROWSER_EDITS = (
    (  # Community edition: outgoing connections, always (Segment, Canny) -> never
        "browser/app-",
        "t.shouldAllowOutgoingConnections=e=>t.hasEdition(e)&&!t.isEnterprise(e)"
        "||t.getAllowOutgoingConnections(e)",
        "t.shouldAllowOutgoingConnections=e=>!1",
    ),
    ("browser/app-", "u.setupSentry(),", ""),  # crash reports and tracing to sentry.io
    (  # the style sheet's web fonts; the local fallbacks remain
        "browser/ui-libs-",
        "@import url(https://fonts.googleapis.com/css2?family=Fira+Code:wght@500"
        "&family=Nunito+Sans:wght@300;400;500;600;700&display=swap);",
        "",
    ),
)


def guide_url(http_port: int) -> str:
    return f"http://127.0.0.1:{http_port}{GUIDE_PATH}"


def browser_settings(http_port: int) -> dict[str, str]:
    """``neo4j.conf`` lines: the guide opens after login; Browser never reaches out.

    No telemetry, remote content (guides) from this machine only; no outgoing connections
    at all comes from :data:`BROWSER_EDITS` (Community has no setting for it).
    """
    return {
        "browser.post_connect_cmd": f"guide {guide_url(http_port)}",
        "browser.remote_content_hostname_whitelist": "127.0.0.1,localhost",
        "client.allow_telemetry": "false",
    }


def param_commands(query: Query) -> list[str]:
    """One Browser ``:param`` command per parameter: the header's example, else the default.

    ``:param name => value`` has Browser evaluate the value as Cypher, so ``25`` stays an
    integer (``:params {limit: 25}`` would send the float 25.0, which ``LIMIT`` refuses).
    Each is its own block: a parameter set in a multi-statement run does not outlive it.
    """
    return [
        f":param {p.name} => {_literal(p.example if p.required else p.default)}"
        for p in query.parameters
    ]


def _slide(query: Query) -> str:
    rows = "".join(
        f"<li><code>{html.escape(p.name)}</code> ({html.escape(p.type)}"
        f"{'' if p.required else ', default ' + html.escape(_literal(p.default))}): "
        f"{html.escape(p.description)}</li>"
        for p in query.parameters
    )
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    parts = [
        f"<slide class='row-fluid' id='{html.escape(query.name)}'>",
        f"<h3>{html.escape(query.name)}</h3>",
        f"<p class='lead'>{html.escape(query.question)}</p>",
    ]
    if query.parameters:
        parts.append(f"<ul>{rows}</ul>")
        parts.append("<p>1. Set each parameter (click, edit the value, run):</p>")
        for command in param_commands(query):
            parts.append(f"<pre class='pre-scrollable code runnable'>{html.escape(command)}</pre>")
        parts.append("<p>2. Run the query:</p>")
    else:
        parts.append("<p>Run the query:</p>")
    parts.append(f"<pre class='pre-scrollable code runnable'>{html.escape(body.strip())}</pre>")
    if query.notes:
        parts.append(f"<p><small>{html.escape(query.notes)}</small></p>")
    parts.append("</slide>")
    return "\n".join(parts)


def _literal(value: object) -> str:
    """A value as Cypher writes it in a ``:param`` line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return str(value)


def guide_html(queries: list[Query] | None = None) -> str:
    """The guide: a contents slide, then one slide per library query."""
    queries = list_queries() if queries is None else queries
    index = "".join(
        f"<li><code>{html.escape(q.name)}</code>: {html.escape(q.question)}</li>" for q in queries
    )
    first = (
        "<slide class='row-fluid'>\n<h3>The ozggraph query library</h3>\n"
        "<p>The same queries as <code>ozggraph query NAME</code>, one per page. Click a grey "
        "block to put it into the editor, then run it. Start with <code>find_body</code> to "
        "look up the ids the other queries take.</p>\n"
        f"<ol>{index}</ol>\n</slide>"
    )
    slides = "\n".join([first, *(_slide(q) for q in queries)])
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        "<title>ozggraph queries</title></head>\n<body>\n"
        f"<article class='guide'>\n<carousel class='deck container-fluid'>\n{slides}\n"
        "</carousel>\n</article>\n</body></html>\n"
    )


def browser_jar(original: Path, directory: Path) -> Path:
    """A copy of the Browser jar *original* with the guide added, in *directory*.

    Rewritten only when the guide or the original changed (their digest is kept in the
    jar's name), so a warm start does not copy 15 MB.
    """
    guide = guide_html().encode("utf-8")
    edits = repr(BROWSER_EDITS).encode()
    digest = hashlib.sha256(guide + original.name.encode() + edits).hexdigest()[:12]
    target = directory / f"ozggraph-browser-{digest}.jar"
    if target.is_file():
        return target
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("ozggraph-browser-*.jar"):
        old.unlink()
    partial = target.with_suffix(".partial")
    applied = [0] * len(BROWSER_EDITS)
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(partial, "w") as dst:
        for info in src.infolist():
            if info.filename not in _SKIP:
                dst.writestr(info, _edited(info.filename, src.read(info), applied))
        dst.writestr("browser/ozggraph/", b"")
        dst.writestr(GUIDE_PATH.removeprefix("/"), guide, zipfile.ZIP_DEFLATED)
    missing = [edit[1][:60] for edit, n in zip(BROWSER_EDITS, applied, strict=True) if n != 1]
    if missing:
        partial.unlink()
        raise Neo4jError(
            f"{original.name}: cannot switch off Neo4j Browser's outside calls (text not found: "
            f"{missing[0]!r}); ozggraph knows Neo4j Browser 5.24.0"
        )
    partial.rename(target)
    return target


def _edited(name: str, data: bytes, applied: list[int]) -> bytes:
    """``data`` of Browser file ``name`` with the :data:`BROWSER_EDITS` that belong to it."""
    for number, (prefix, text, replacement) in enumerate(BROWSER_EDITS):
        if name.startswith(prefix) and name.endswith(".js"):
            found = data.count(text.encode())
            applied[number] += found
            data = data.replace(text.encode(), replacement.encode())
    return data
