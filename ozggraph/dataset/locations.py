"""Where the default dataset, the query library and the raw reference tables are:
decided here, and only here.

The dataset is kept once, as ``seed/`` at the top of the repository (reviewable in a
diff), the Cypher query library as ``cypher/``. Building a wheel copies them into the
package as ``ozggraph/_seed`` and ``ozggraph/_cypher`` (see ``setup.py``), so an
installed ozggraph carries the dataset and queries it was built with.

* :func:`default_seed_path`, the dataset every command and :func:`ozggraph.load_graph`
  read when given none: ``$OZGGRAPH_SEED``, else the ``seed/`` of the source checkout
  the package runs from (an editable install), else the dataset packaged in the wheel.
* :func:`cypher_path`, the query library of ``ozggraph query`` and of the Neo4j
  Browser guide: ``$OZGGRAPH_CYPHER``, else the checkout's ``cypher/``, else the
  packaged one.
* :func:`source_paths`, where ``ozggraph import`` reads ``raw/`` and writes ``seed/``:
  the checkout's, else the current directory's. Never the packaged copy: an installed
  dataset is read-only.

>>> from ozggraph.dataset.locations import default_seed_path
>>> default_seed_path().name in ("seed", "_seed")    # doctest: +SKIP
True
"""

from __future__ import annotations

import os
from pathlib import Path

from ozggraph.errors import OzgGraphError

#: The installed package directory.
PACKAGE = Path(__file__).resolve().parents[1]
#: The dataset as packaged into a wheel by setup.py's build step.
PACKAGED_SEED = PACKAGE / "_seed"
#: The query library as packaged into a wheel by setup.py's build step.
PACKAGED_CYPHER = PACKAGE / "_cypher"
#: Folder names at the top of the repository.
SEED_DIR, RAW_DIR, CYPHER_DIR = "seed", "raw", "cypher"


def checkout() -> Path | None:
    """The source checkout this package runs from (editable install), else None."""
    root = PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / SEED_DIR).is_dir():
        return root
    return None


def default_seed_path() -> Path:
    """``$OZGGRAPH_SEED``, else the checkout's ``seed/``, else the packaged dataset."""
    if env := os.environ.get("OZGGRAPH_SEED"):
        return Path(env)
    root = checkout()
    if root is not None:
        return root / SEED_DIR
    if PACKAGED_SEED.is_dir():
        return PACKAGED_SEED
    raise OzgGraphError(
        "no dataset found: this installation carries no seed/; set OZGGRAPH_SEED or pass --dataset"
    )


def cypher_path() -> Path:
    """``$OZGGRAPH_CYPHER``, else the checkout's ``cypher/``, else the packaged library."""
    if env := os.environ.get("OZGGRAPH_CYPHER"):
        return Path(env)
    root = checkout()
    if root is not None and (root / CYPHER_DIR).is_dir():
        return root / CYPHER_DIR
    return PACKAGED_CYPHER


def source_paths() -> tuple[Path, Path]:
    """``(raw, seed)`` for the importers: the checkout's, else the current folder's.

    ``$OZGGRAPH_SEED`` overrides the seed folder, as for reading.
    """
    root = checkout() or Path()
    env = os.environ.get("OZGGRAPH_SEED")
    return root / RAW_DIR, Path(env) if env else root / SEED_DIR
