"""``ozggraph server start``, cold and warm, against a plain start of the same server.

Each round, in one state directory of its own (``OZGGRAPH_HOME``, ports 27687/27474):

- cold:  ``ozggraph server start --timings`` in an empty state directory, with an empty
         dataset cache (the Maven jars stay cached): set the password, boot, first load;
         then ``ozggraph server stop``, which saves the class archive (timed apart);
- warm:  ``ozggraph server start --timings`` again (database kept, nothing to load);
- plain: the same assembled server on the same database and ``neo4j.conf``, launched the
         way ``neo4j console`` does (``java ... CommunityEntryPoint --console-mode``, no
         class archive), timed from launch to its log's ``Started.`` and to the first
         ``RETURN 1`` over Bolt: the server's own boot time, the baseline.

The steps are what ``--timings`` prints (Neo4j's own boot and the JVM's start from the
server's log, ours by the clock); "python start-up and exit" is the rest of the wall
time of the command. Rounds are interleaved and the table shows medians, with the load
average next to each round: the machine is shared.

    python bench/start.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ozggraph.neo4j.browser import browser_settings
from ozggraph.neo4j.devserver import DevServer
from ozggraph.neo4j.server import analyst_settings

BOLT, HTTP = 27687, 27474
COMMAND = [sys.executable, "-c", "from ozggraph.cli import main; main()"]


def ozggraph(env: dict[str, str], *args: str) -> tuple[float, str]:
    """Wall seconds and stderr of one ``ozggraph`` command."""
    began = time.monotonic()
    res = subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"ozggraph {' '.join(args)} failed:\n{res.stdout}\n{res.stderr}")
    return time.monotonic() - began, res.stderr


def start(env: dict[str, str]) -> dict[str, float]:
    """``server start --timings``: its steps, the rest of its wall time, the wall time."""
    wall, err = ozggraph(env, "server", "start", "--timings", "--bolt-port", str(BOLT),
                         "--http-port", str(HTTP))  # fmt: skip
    steps = {m[1].strip(): float(m[2]) for m in re.finditer(r"^  (.+?)\s+([\d.]+) s$", err, re.M)}
    total = steps.pop("ozggraph, in all")
    return {**steps, "python start-up and exit": wall - total, "wall": wall}


def plain(home: Path) -> dict[str, float]:
    """The same server, database and settings launched as ``neo4j console`` would."""
    guide = sorted((home / "browser").glob("ozggraph-browser-*.jar"))
    server = DevServer(
        (home / "password").read_text().strip(),
        home=home / "neo4j",
        bolt_port=BOLT,
        http_port=HTTP,
        heap="1g",
        pagecache="256m",
        settings={**browser_settings(HTTP), **analyst_settings()},
        classpath=tuple(guide),
        startup_timeout=600,
    )
    began = time.monotonic()
    server.start()
    wall = time.monotonic() - began
    server.stop()
    return {**server.timings, "wall": wall}


ROWS = (
    "dataset stamp",
    "dataset read",
    "jars",
    "browser guide",
    "initial password",
    "JVM start",
    "Neo4j boot",
    "ready check",
    "Bolt connect",
    "checksum query",
    "load",
    "python start-up and exit",
    "wall",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    runs: dict[str, list[dict[str, float]]] = {"plain": [], "cold": [], "warm": []}
    stops: list[float] = []
    with tempfile.TemporaryDirectory(prefix="ozggraph-bench-start-") as tmp:
        for number in range(rounds):
            home = Path(tmp) / f"home-{number}"
            env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
            env |= {"OZGGRAPH_HOME": str(home), "OZGGRAPH_CACHE_DIR": str(home / "cache")}
            loads = []
            for way in ("cold", "warm", "plain"):
                loads.append(os.getloadavg()[0])
                runs[way].append(plain(home) if way == "plain" else start(env))
                if way != "plain":
                    stop, _ = ozggraph(env, "server", "stop")
                    if way == "cold":
                        stops.append(stop)
            shown = ", ".join(f"{w} {r[-1]['wall']:.1f} s" for w, r in runs.items())
            print(f"round {number + 1}: {shown}; load {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"\nmedians of {rounds} rounds (seconds)\n")
    print(f"| {'step':<26} | plain console | ozggraph cold | ozggraph warm |")
    print(f"|{'-' * 28}|---------------|---------------|---------------|")
    for row in ROWS:
        cells = []
        for way in ("plain", "cold", "warm"):
            values = [r[row] for r in runs[way] if row in r]
            cells.append(f"{statistics.median(values):13.2f}" if values else f"{'-':>13}")
        print(f"| {row:<26} | {' | '.join(cells)} |")
    warm = statistics.median(r["wall"] for r in runs["warm"])
    base = statistics.median(r["wall"] for r in runs["plain"])
    print(f"\nwarm start / plain console start: {warm / base:.2f}x ({warm - base:+.1f} s)")
    print(f"first stop (saves the class archive): median {statistics.median(stops):.1f} s")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
