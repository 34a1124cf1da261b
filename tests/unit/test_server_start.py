"""What makes a warm ``ozggraph server start`` fast, tried without starting Neo4j.

The class archive is recorded once and mapped afterwards; a half-written one is never
used; the server's log tells its own boot time; untouched dataset files are not read
again. tests/integration/test_server.py starts the real server.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ozggraph.dataset.cache import stamp
from ozggraph.neo4j import server, state
from ozggraph.neo4j.devserver import ClassArchive, log_times

JAVA = "/usr/bin/java"
FLAGS = ["-XX:+UseG1GC", "-Xmx1g"]


@pytest.fixture
def jars(tmp_path: Path) -> list[Path]:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / ".assembled").write_text("neo4j-x.jar\n")
    guide = tmp_path / "ozggraph-browser-abc.jar"
    guide.write_bytes(b"guide")
    return [guide, lib]


def test_the_first_start_records_the_archive_later_ones_map_it(
    tmp_path: Path, jars: list[Path]
) -> None:
    archive = ClassArchive(tmp_path / "classes")
    recording = archive.flags(JAVA, FLAGS, jars)
    assert recording[0].startswith("-XX:ArchiveClassesAtExit=") and archive.pending
    partial = Path(recording[0].split("=", 1)[1])
    partial.write_bytes(b"classes")  # what the JVM writes as it exits
    archive.finish(clean=True)
    assert not archive.pending
    assert archive.flags(JAVA, FLAGS, jars) == [f"-XX:SharedArchiveFile={archive.file}"]
    assert archive.file is not None and archive.file.read_bytes() == b"classes"


def test_a_killed_server_leaves_no_archive(tmp_path: Path, jars: list[Path]) -> None:
    archive = ClassArchive(tmp_path / "classes")
    partial = Path(archive.flags(JAVA, FLAGS, jars)[0].split("=", 1)[1])
    partial.write_bytes(b"half of it")
    archive.finish(clean=False)
    assert list((tmp_path / "classes").iterdir()) == []
    assert archive.flags(JAVA, FLAGS, jars)[0].startswith("-XX:ArchiveClassesAtExit=")


def test_other_flags_or_jars_record_a_new_archive_in_place_of_the_old(
    tmp_path: Path, jars: list[Path]
) -> None:
    archive = ClassArchive(tmp_path / "classes")
    first = Path(archive.flags(JAVA, FLAGS, jars)[0].split("=", 1)[1])
    first.write_bytes(b"1g")
    archive.finish(clean=True)
    other = archive.flags(JAVA, ["-XX:+UseG1GC", "-Xmx4g"], jars)  # another heap
    assert other[0].startswith("-XX:ArchiveClassesAtExit=")
    Path(other[0].split("=", 1)[1]).write_bytes(b"4g")
    archive.finish(clean=True)
    assert [p.read_bytes() for p in (tmp_path / "classes").iterdir()] == [b"4g"]
    jars[0].write_bytes(b"a new guide")  # a changed jar
    assert archive.flags(JAVA, ["-XX:+UseG1GC", "-Xmx4g"], jars)[0].startswith("-XX:Archive")


def test_the_log_tells_when_neo4j_started_booting_and_was_up(tmp_path: Path) -> None:
    log = tmp_path / "console.log"
    log.write_text(
        "2026-12-03 19:56:22.349+0000 INFO  Logging config in use: Embedded default config\n"
        "2026-12-03 19:56:22.400+0000 INFO  Starting...\n"
        "2026-12-03 19:57:01.054+0000 INFO  Started.\n"
    )
    times = log_times(log)
    assert times["Started."] - times["Starting..."] == pytest.approx(38.654)
    utc = dt.datetime.fromtimestamp(times["Starting..."], dt.UTC)
    assert (utc.hour, utc.minute, utc.second) == (19, 56, 22)
    assert log_times(tmp_path / "missing.log") == {}


def test_the_dataset_stamp_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "bodies.yaml").write_text("a: 1\n")
    before = stamp(tmp_path)
    assert stamp(tmp_path) == before
    (tmp_path / "bodies.yaml").write_text("a: 22\n")
    assert stamp(tmp_path) != before


def test_a_warm_start_does_not_read_untouched_dataset_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database holds the checksum recorded for these very files: nothing is read."""
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "bodies.yaml").write_text("a: 1\n")
    home = tmp_path / "home"
    home.mkdir()
    recorded = state.ServerState(home=str(home), pid=1, checksum="sha256:x", dataset=stamp(seed))
    state.write_state(home, recorded)
    asked: list[str | None] = []

    def read(root: Path, clock: object) -> None:
        raise AssertionError("the dataset was read")

    def ensure(home_, state_, root, files, wanted, graph, clock, say) -> bool:  # type: ignore[no-untyped-def]
        asked.append(wanted)
        return False

    monkeypatch.setattr(server, "_read", read)
    monkeypatch.setattr(server, "running", lambda home: recorded)
    monkeypatch.setattr(server, "_ensure_loaded", ensure)
    result = server.start(seed, home=home)
    assert asked == ["sha256:x"] and result.already_running and "dataset read" not in result.timings
