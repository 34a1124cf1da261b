"""Every file ozggraph writes is written whole or not at all: the one helper for it.

A writer writes into a temporary file in the target's own folder (the same file
system, so the rename is atomic) and :func:`os.replace` puts it in place when the
writing is done. Interrupted (Ctrl-C, an error, a full disk) the temporary file is
removed and the previous file is still there, unchanged. Exports, reports, CSV
folders, the importers' seed files, plots and the server's files all go through
:func:`replacing` (or its shorthands :func:`write_text`, :func:`write_bytes`,
:func:`open_atomic`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "first")
PosixPath('...a.txt')
>>> try:
...     with open_atomic(folder / "a.txt") as handle:
...         _ = handle.write("half of the sec")
...         raise KeyboardInterrupt
... except KeyboardInterrupt:
...     pass
>>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
('first', ['a.txt'])
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["open_atomic", "replacing", "write_bytes", "write_text"]


def _mode(path: Path) -> int:
    """Permissions the new file gets: the old file's, else what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` on success.

    ``path`` that exists and is no regular file (``/dev/null``, a pipe) is written
    as it is: it has no previous content to keep.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        yield path
        return
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        tmp = Path(name)
        os.close(fd)
        yield tmp
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


@contextmanager
def open_atomic(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open(path, mode)`` whose content replaces ``path`` only once closed without error."""
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
    with replacing(path) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def write_text(
    path: str | Path, text: str, encoding: str = "utf-8", newline: str | None = None
) -> Path:
    """:meth:`Path.write_text`, atomically; returns the path."""
    with open_atomic(path, "w", encoding=encoding, newline=newline) as handle:
        handle.write(text)
    return Path(path)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """:meth:`Path.write_bytes`, atomically; returns the path."""
    with open_atomic(path, "wb") as handle:
        handle.write(data)
    return Path(path)
