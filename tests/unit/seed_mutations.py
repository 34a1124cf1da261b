"""Deterministic mutations of ``seed/`` files: what a slip of the hand or a bad copy does.

Each mutation is one file of ``seed/`` with new bytes: truncated mid-line, a few
characters garbled, a line dropped or duplicated, binary data, invalid UTF-8, or
emptied. ``mutations(seed, 60)`` gives the same 60 every time, alternating CSV and
YAML files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

OPERATIONS = ("truncate", "garble", "drop", "duplicate", "binary", "invalid_utf8", "empty")
GARBLE = "#:{}[]|,'\"\t -x9é"


@dataclass(frozen=True)
class Mutation:
    """``path`` (relative to the seed folder) gets ``data`` instead of its bytes."""

    index: int
    operation: str
    path: Path
    data: bytes

    def __str__(self) -> str:
        return f"{self.index:02d}-{self.operation}-{self.path.name}"

    def apply(self, root: Path) -> Path:
        """Write the mutation into a copy of seed/ at ``root``; the file written."""
        target = root / self.path
        target.write_bytes(self.data)
        return target


def mutate(data: bytes, operation: str, rng: random.Random) -> bytes:
    """``data`` changed by ``operation`` (see :data:`OPERATIONS`)."""
    lines = data.splitlines(keepends=True) or [b""]
    pick = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
    if operation == "truncate":
        return data[: rng.randrange(len(data) // 5, len(data) * 9 // 10 + 1)]
    if operation == "garble":
        line = bytearray(lines[pick] or b" ")
        for _ in range(rng.randint(1, 3)):
            line[rng.randrange(max(len(line) - 1, 1))] = ord(rng.choice(GARBLE[:-1]))
        return b"".join([*lines[:pick], bytes(line), *lines[pick + 1 :]])
    if operation == "drop":
        return b"".join(lines[:pick] + lines[pick + 1 :])
    if operation == "duplicate":
        return b"".join(lines[: pick + 1] + lines[pick:])
    if operation == "binary":
        junk = b"\x89PNG\r\n\x1a\n\x00\x00" + rng.randbytes(300)
        return junk if rng.random() < 0.5 else data[: len(data) // 2] + junk
    if operation == "invalid_utf8":
        line = lines[pick]
        text = line.decode("utf-8", errors="replace")
        if not text.isascii():
            bad = text.encode("latin-1", errors="replace")  # saved by an old editor
        else:
            at = rng.randrange(max(len(line) - 1, 1))
            bad = line[:at] + b"\xe9" + line[at:]
        return b"".join([*lines[:pick], bad, *lines[pick + 1 :]])
    if operation == "empty":
        return b""
    raise ValueError(operation)


def mutations(seed: Path, count: int = 60, random_seed: int = 17) -> list[Mutation]:
    """``count`` mutations of the CSV and YAML files of ``seed`` (the same on every run)."""
    rng = random.Random(random_seed)
    kinds = [
        sorted(p.relative_to(seed) for p in seed.rglob(f"*.{suffix}")) for suffix in ("csv", "yaml")
    ]
    result = []
    for index in range(count):
        path = rng.choice(kinds[index % 2])
        operation = OPERATIONS[index % len(OPERATIONS)]
        data = mutate((seed / path).read_bytes(), operation, rng)
        result.append(Mutation(index, operation, path, data))
    return result
