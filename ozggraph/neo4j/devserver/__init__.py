"""Run a real Neo4j Community 5.26 server for development and tests, without Docker.

The server's jars (and Neo4j Browser's) are resolved from Maven Central once (see
:func:`assemble`) and cached; :class:`DevServer` then starts
``org.neo4j.server.CommunityEntryPoint`` on a free loopback port, with a fresh data
directory or a kept one. Requires ``java`` (17+) and, for the first assembly only,
``mvn``. ``ozggraph server`` (:mod:`ozggraph.neo4j.server`) runs one for analysts.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from ozggraph.atomic import write_text
from ozggraph.errors import DevServerError

__all__ = [
    "ARCHIVE_STOP_TIMEOUT_S",
    "JVM_FLAGS",
    "NEO4J_VERSION",
    "ClassArchive",
    "DevServer",
    "DevServerError",
    "assemble",
    "cache_root",
    "jar",
    "log_times",
    "pom_digest",
]

NEO4J_VERSION = "5.26.30"  # keep in sync with pom.xml
_POM = Path(__file__).with_name("pom.xml")
_MARKER = ".assembled"  # the jars, one a line
_POM_MARKER = ".pom-sha256"  # digest of the pom they were resolved from
_MVN_ARGS = ("-q", "-B", "-Dstyle.color=never", "dependency:copy-dependencies")
_MAIN = "org.neo4j.server.CommunityEntryPoint"
_ADMIN = ("org.neo4j.cli.AdminTool", "dbms", "set-initial-password")
#: How long a stop waits for a server that writes its :class:`ClassArchive` at exit.
ARCHIVE_STOP_TIMEOUT_S = 300.0

#: JVM flags passed to the server (the ``bin/neo4j`` launcher is bypassed, so
#: ``server.jvm.additional`` in neo4j.conf has no effect).  The server starts
#: without any of them; the ``--add-opens`` lines avoid Neo4j's fallback modes.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


def cache_root(cache_dir: Path | None = None) -> Path:
    """*cache_dir*, else ``$OZGGRAPH_NEO4J_CACHE``, else ``~/.cache/ozggraph/neo4j``."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("OZGGRAPH_NEO4J_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "ozggraph" / "neo4j"


def _tool(name: str) -> str:
    """Absolute path of *name* (``java`` honours ``$JAVA_HOME``), or raise DevServerError."""
    java_home = os.environ.get("JAVA_HOME")
    if name == "java" and java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    path = shutil.which(name)
    if path is None:
        raise DevServerError(f"'{name}' not found on PATH; install it to run the Neo4j dev server")
    return path


def pom_digest() -> str:
    """Digest of the shipped ``pom.xml``: a cached ``lib`` built from another pom is stale."""
    return hashlib.sha256(_POM.read_bytes()).hexdigest()[:16]


def _is_complete(lib: Path) -> bool:
    """True if ``lib`` was assembled from the current pom and none of its jars is missing."""
    marker, pom = lib / _MARKER, lib / _POM_MARKER
    if not pom.is_file() or pom.read_text().strip() != pom_digest():
        return False  # built from another pom (e.g. before Neo4j Browser was added)
    names = marker.read_text().split() if marker.is_file() else []
    return bool(names) and all((lib / n).is_file() for n in names)


def jar(lib: Path, prefix: str) -> Path:
    """The one jar of ``lib`` whose name starts with ``prefix`` (e.g. ``neo4j-browser-``)."""
    found = sorted(lib.glob(f"{prefix}*.jar"))
    if not found:
        raise DevServerError(f"no {prefix}*.jar in {lib}; delete it to assemble afresh")
    return found[-1]


def assemble(cache_dir: Path | None = None) -> Path:
    """Return the ``lib`` folder holding Neo4j's runtime jars, fetching them with Maven once.

    Later calls do not run Maven when the folder is complete: its marker file names the
    digest of the pom it was built from and every jar. A changed pom (a new dependency such
    as Neo4j Browser) makes the folder stale and it is assembled once more; Maven's own
    repository (``~/.m2``) already holds the unchanged jars, so only new ones are fetched.
    """
    dist = cache_root(cache_dir) / f"neo4j-{NEO4J_VERSION}"
    lib = dist / "lib"
    if _is_complete(lib):
        return lib
    dist.mkdir(parents=True, exist_ok=True)
    with open(dist / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one assembler at a time
        if _is_complete(lib):
            return lib
        mvn = _tool("mvn")
        pom = dist / "pom.xml"
        shutil.copyfile(_POM, pom)
        tmp = dist / "lib.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [mvn, *_MVN_ARGS, "-f", str(pom), f"-DoutputDirectory={tmp}"]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired as exc:
            raise DevServerError(f"Maven timed out fetching Neo4j {NEO4J_VERSION}") from exc
        jars = sorted(p.name for p in tmp.glob("*.jar")) if tmp.is_dir() else []
        if res.returncode != 0 or not any(n.startswith(f"neo4j-{NEO4J_VERSION}") for n in jars):
            out = res.stdout + res.stderr
            errors = [ln for ln in out.splitlines() if ln.startswith("[ERROR]") and ln[8:].strip()]
            tail = "\n".join(errors[:3]) or _tail(out)
            raise DevServerError(
                f"Maven failed to fetch Neo4j {NEO4J_VERSION} (exit {res.returncode}):\n{tail}"
            )
        (tmp / _MARKER).write_text("\n".join(jars) + "\n")
        (tmp / _POM_MARKER).write_text(pom_digest() + "\n")
        shutil.rmtree(lib, ignore_errors=True)
        tmp.rename(lib)
    return lib


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _argfile_quote(arg: str) -> str:
    """One argument as a java ``@argfile`` line: double-quoted, ``\\`` and ``"`` escaped."""
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ClassArchive:
    """A class-data-sharing archive of the server's classes (HotSpot's AppCDS), kept in a folder.

    Most of Neo4j's boot is the JVM loading, verifying and initialising some 30,000
    classes from ~200 jars. The first start records which (``-XX:ArchiveClassesAtExit``),
    the JVM writes them at its clean exit (tens of seconds, so :meth:`DevServer.stop`
    waits up to :data:`ARCHIVE_STOP_TIMEOUT_S`), and every later start maps that file
    (``-XX:SharedArchiveFile``) instead. The file's name is a digest of the java binary,
    the JVM flags and the jars, so a new JDK, heap or jar set records a fresh one. The
    JVM checks an archive before it uses it and ignores one that does not match; a
    half-written one (server killed while writing) is never renamed into place.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.file: Path | None = None  #: the archive this start maps or records

    @property
    def pending(self) -> bool:
        """True while the running server is to write the archive at its exit."""
        return any(self.directory.glob("*.jsa.partial"))

    def flags(self, java: str, flags: list[str], classpath: list[Path]) -> list[str]:
        """The JVM flags that map the archive, or that record it when there is none yet."""
        digest = hashlib.sha256(os.path.realpath(java).encode())
        for part in [*flags, *(_stamp(p) for p in classpath)]:
            digest.update(b"\0" + part.encode())
        self.file = self.directory / f"classes-{digest.hexdigest()[:16]}.jsa"
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob("*.jsa.partial"):
            stale.unlink(missing_ok=True)  # left by a server that did not stop cleanly
        if self.file.is_file():
            return [f"-XX:SharedArchiveFile={self.file}"]
        partial = self.file.with_name(self.file.name + ".partial")
        partial.touch()  # empty until the JVM writes it at exit; marks the stop as longer
        # the signed and pre-Java-6 jars it skips would be one warning line per class
        return [f"-XX:ArchiveClassesAtExit={partial}", "-Xlog:cds=error,cds+dynamic=error"]

    def finish(self, *, clean: bool) -> None:
        """After the server exited: keep what a clean exit wrote, drop anything else."""
        for partial in self.directory.glob("*.jsa.partial"):
            final = partial.with_name(partial.name.removesuffix(".partial"))
            if clean and partial.stat().st_size > 0:
                for old in self.directory.glob("*.jsa"):
                    old.unlink(missing_ok=True)
                partial.rename(final)
            else:
                partial.unlink(missing_ok=True)


def _stamp(path: Path) -> str:
    """A file's or folder's name, size and time: enough to tell a changed jar set."""
    if path.is_dir():  # an assembled lib: its marker is written once per assembly
        path = path / _MARKER
    info = path.stat()
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _logged(log: Path, line: bytes, offset: int) -> tuple[bool, int]:
    """Whether *log* holds *line* after byte *offset*, and the offset to read on from."""
    try:
        with open(log, "rb") as handle:
            handle.seek(max(0, offset - len(line)))
            text = handle.read()
    except OSError:
        return False, offset
    return line in text, max(0, offset - len(line)) + len(text)


def log_times(log: Path) -> dict[str, float]:
    """``time.time()`` of the console log's ``Starting...`` and ``Started.`` (as found).

    Neo4j's own account of its boot: the first line is logged once the JVM runs Neo4j's
    code, the last once every database and connector is up.
    """
    found: dict[str, float] = {}
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return found
    for line in lines:
        for word in ("Starting...", "Started."):
            if line.endswith(f"INFO  {word}") and word not in found:
                stamp = datetime.strptime(line[:28], "%Y-%m-%d %H:%M:%S.%f%z")
                found[word] = stamp.timestamp()
    return found


class DevServer:
    """A Neo4j Community server on ``bolt://127.0.0.1:<port>``, by default a throw-away one.

    Without *home*, each :meth:`start` uses a fresh temporary ``home`` (conf, data, logs),
    removed by :meth:`stop`. With *home*, the database there is kept: the password is set
    only when the home holds no database yet, and :meth:`stop` leaves the home alone
    (``ozggraph server`` keeps its database this way). *http_port* (0: a free one) turns
    on HTTP on 127.0.0.1, which serves Neo4j Browser at :attr:`browser_url`; *settings* are
    added to ``neo4j.conf``; *classpath* entries come before Neo4j's own jars.
    *class_archive* is a folder for a :class:`ClassArchive` (a later start maps the classes
    the first one loaded). Without *bolt_check*, :meth:`start` returns on the log's
    ``Started.`` and the caller's own first query is the Bolt check. Use as a context
    manager::

        with DevServer() as srv:
            driver = GraphDatabase.driver(srv.uri, auth=(srv.user, srv.password))
    """

    user = "neo4j"

    def __init__(
        self,
        password: str | None = None,
        *,
        cache_dir: Path | None = None,
        heap: str = "512m",
        pagecache: str = "128m",
        startup_timeout: float = 120.0,
        home: Path | None = None,
        bolt_port: int = 0,
        http_port: int | None = None,
        settings: dict[str, str] | None = None,
        classpath: tuple[Path, ...] = (),
        class_archive: Path | None = None,
        bolt_check: bool = True,
    ) -> None:
        self.password = password if password is not None else "test-" + secrets.token_urlsafe(12)
        if len(self.password) < 8:
            raise DevServerError("the Neo4j password must have at least 8 characters")
        self.cache_dir = cache_dir
        self.heap = heap
        self.pagecache = pagecache
        self.startup_timeout = startup_timeout
        self.persistent = home is not None
        self.home: Path | None = Path(home) if home is not None else None
        self.port = bolt_port
        self.http_port = http_port
        self.extra_settings = dict(settings or {})
        self.classpath = tuple(classpath)
        self.class_archive = ClassArchive(class_archive) if class_archive is not None else None
        self.bolt_check = bolt_check
        self.uri = ""
        self.process: subprocess.Popen[bytes] | None = None
        self.launched = 0.0  #: ``time.time()`` when the JVM was launched
        self.ready = 0.0  #: ``time.time()`` when it first answered ``RETURN 1``
        #: seconds of each step of the last start: the JVM's, Neo4j's own boot, ours
        self.timings: dict[str, float] = {}

    @property
    def log_file(self) -> Path | None:
        """The server's stdout/stderr log (``<home>/console.log``)."""
        return self.home / "console.log" if self.home else None

    @property
    def browser_url(self) -> str | None:
        """Where Neo4j Browser answers, if HTTP is on."""
        return f"http://127.0.0.1:{self.http_port}/browser/" if self.http_port else None

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _write_conf(self, home: Path) -> Path:
        conf = home / "conf"
        conf.mkdir(exist_ok=True)
        dirs = ("data", "logs", "run", "plugins", "import")
        for sub in dirs:
            (home / sub).mkdir(exist_ok=True)
        addr = f"127.0.0.1:{self.port}"
        settings: dict[str, object] = {f"server.directories.{d}": home / d for d in dirs}
        settings |= {
            "server.directories.transaction.logs.root": home / "data" / "transactions",
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": addr,
            "server.bolt.advertised_address": addr,
            "server.bolt.tls_level": "DISABLED",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.memory.pagecache.size": self.pagecache,
            "dbms.memory.transaction.total.max": "256m",
            "db.tx_log.rotation.retention_policy": "1 files",
            "db.tx_log.rotation.size": "16M",
            "db.tx_log.preallocate": "false",
            # Bolt's netty shutdown otherwise idles 2 x 5 s on stop
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        }
        if self.http_port:
            http = f"127.0.0.1:{self.http_port}"
            settings |= {
                "server.http.enabled": "true",
                "server.http.listen_address": http,
                "server.http.advertised_address": http,
            }
        settings |= self.extra_settings
        write_text(conf / "neo4j.conf", "".join(f"{k}={v}\n" for k, v in settings.items()))
        return conf

    def _has_database(self) -> bool:
        """True if the home already holds a database (its password is set then)."""
        return self.home is not None and (self.home / "data" / "databases" / "system").is_dir()

    def start(self) -> None:
        """Assemble if needed, prepare the home, set the password, launch, wait until ready."""
        if self.process is not None:
            raise DevServerError("DevServer already started")
        lib = assemble(self.cache_dir)
        java = _tool("java")
        self.port = self.port or _free_port()
        if self.http_port == 0:
            self.http_port = _free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        if self.home is None:
            self.home = Path(tempfile.mkdtemp(prefix="ozggraph-neo4j-"))
        else:
            self.home.mkdir(parents=True, exist_ok=True)
        try:
            conf = self._write_conf(self.home)
            env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf)}
            if not self._has_database():
                began = time.monotonic()
                self._set_initial_password(java, lib, env)
                self.timings["initial password"] = time.monotonic() - began
            flags = [*JVM_FLAGS, f"-Xms{self.heap}", f"-Xmx{self.heap}"]
            extra = "".join(f"{p}:" for p in self.classpath)
            classpath = f"{extra}{self.home}/plugins/*:{conf}/*:{lib}/*"
            if self.class_archive is not None:
                flags += self.class_archive.flags(java, flags, [*self.classpath, lib])
            args = [f"--home-dir={self.home}", f"--config-dir={conf}", "--console-mode"]
            cmd = [java, *flags, "-cp", classpath, _MAIN, *args]
            self.launched = time.time()
            with open(self.home / "console.log", "wb") as log:
                self.process = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.home,
                    start_new_session=True,
                )
            self._wait_ready()
            self._time_boot()
        except BaseException:
            self.stop()
            raise

    def _set_initial_password(self, java: str, lib: Path, env: dict[str, str]) -> None:
        """``neo4j-admin dbms set-initial-password``, the password never on a command line.

        The tool takes the password only as an argument, and every user of the machine can
        read a command line (``ps -eo args``). The java launcher's ``@argfile`` (JDK 9+)
        carries the main class and its arguments instead: the process list shows
        ``java -cp ... @FILE``, and FILE is ours alone (0600) and removed right after.
        """
        assert self.home is not None
        fd, name = tempfile.mkstemp(prefix=".admin-", suffix=".args", dir=self.home)
        argfile = Path(name)  # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write("\n".join(_argfile_quote(a) for a in (*_ADMIN, self.password)))
                handle.write("\n")
            admin = [java, "-cp", f"{lib}/*", f"@{argfile}"]
            res = subprocess.run(admin, env=env, capture_output=True, text=True, timeout=120)
        finally:
            argfile.unlink(missing_ok=True)
        if res.returncode != 0:
            out = _tail(res.stdout + res.stderr).replace(self.password, "***")
            raise DevServerError(f"neo4j-admin set-initial-password failed:\n{out}")

    def _log_tail(self) -> str:
        log = self.log_file
        return _tail(log.read_text(errors="replace")) if log and log.is_file() else "(no log)"

    def _wait_ready(self) -> None:
        """Wait for the log's ``Started.``, then for ``RETURN 1`` on database ``neo4j``.

        Neo4j logs ``Started.`` once every database and connector (Bolt, HTTP) is up, so
        the log is watched with short, growing pauses (50 ms to 0.5 s) and Bolt is asked
        only then: one connection, not one attempt per pause while the server boots.
        """
        assert self.process is not None and self.log_file is not None
        deadline = time.monotonic() + self.startup_timeout
        pause, seen, last = 0.05, 0, ""
        started = False
        while time.monotonic() < deadline:
            if (code := self.process.poll()) is not None:
                msg = f"Neo4j exited with code {code} during startup; log tail:\n{self._log_tail()}"
                raise DevServerError(msg)
            if not started:
                started, seen = _logged(self.log_file, b"Started.", seen)
            if started:
                last = self._answers() if self.bolt_check else ""
                if not last:
                    self.ready = time.time()
                    return
            time.sleep(pause)
            pause = min(pause * 1.5, 0.5)
        raise DevServerError(
            f"Neo4j not ready after {self.startup_timeout:.0f}s ({last or 'not started'}); "
            f"log tail:\n{self._log_tail()}"
        )

    def _time_boot(self) -> None:
        """Split the launch by the log's own times: JVM, Neo4j's boot, our readiness check."""
        assert self.log_file is not None
        marks = log_times(self.log_file)
        starting, started = marks.get("Starting..."), marks.get("Started.")
        if starting is None or started is None:
            return
        self.timings["JVM start"] = max(0.0, starting - self.launched)
        self.timings["Neo4j boot"] = started - starting
        self.timings["ready check"] = max(0.0, self.ready - started)

    def _answers(self) -> str:
        """``""`` if ``RETURN 1`` runs on database ``neo4j``, else why not (no driver: ``""``)."""
        try:
            from neo4j import GraphDatabase
            from neo4j.exceptions import AuthError
        except ImportError:  # the driver is optional: the log line is all we have
            return ""
        try:
            with (
                GraphDatabase.driver(
                    self.uri, auth=(self.user, self.password), connection_timeout=2
                ) as driver,
                driver.session(database="neo4j") as session,
            ):
                session.run("RETURN 1").consume()
        except AuthError as exc:
            raise DevServerError(f"Neo4j rejected the dev password: {exc}") from exc
        except Exception as exc:  # not ready yet
            return f"{type(exc).__name__}: {exc}"
        return ""

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM the server, SIGKILL after *timeout* seconds, then remove a temporary home."""
        proc, self.process = self.process, None
        clean = True
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            if self.class_archive is not None and self.class_archive.pending:
                timeout = max(timeout, ARCHIVE_STOP_TIMEOUT_S)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                clean = False
        if self.class_archive is not None:
            self.class_archive.finish(clean=clean and proc is not None)
        if self.home is not None and not self.persistent:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None
