"""Importers: the reference tables of ``raw/`` -> the imported parts of ``seed/``.

:data:`IMPORTERS` is the one registry: each entry names a command
(``ozggraph import NAME``), the table or folder of ``raw/`` it reads, the folder of
``seed/`` it writes and the function that does it. ``ozggraph import all`` runs them
in the order of :data:`~ozggraph.importers.folders.ORDER` (an importer that resolves
bodies against another's output comes after it), and ``tests/unit/test_rebuild.py``
checks that doing so reproduces the committed ``seed/`` byte for byte. Adding a source
is adding one entry here and its folder there.

Each importer reads a source, returns plain tables (:mod:`ozggraph.importers.tables`)
or seed YAML (:mod:`ozggraph.importers.seed_yaml`) and writes them sorted, so that
reruns give identical files.

>>> from ozggraph.importers import IMPORTERS
>>> [(i.name, i.out) for i in IMPORTERS][:2]
[('gv100ad', 'hierarchy'), ('catalogue', 'catalogue')]
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ozggraph.errors import OzgGraphError
from ozggraph.importers import catalogue, gv100ad
from ozggraph.importers.efa import import_efa
from ozggraph.importers.efa_adoption import ADOPTION_TABLE
from ozggraph.importers.folders import (
    BODIES_DIR,
    CATALOGUE_DIR,
    EFA_DIR,
    HIERARCHY_DIR,
    HOSTING_DIR,
    IT_PROVIDERS_DIR,
    JOINT_PROJECTS_DIR,
    ORDER,
    PROGRAMMES_DIR,
)
from ozggraph.importers.hosting import import_hosting
from ozggraph.importers.it_providers import import_it_providers
from ozggraph.importers.joint_projects import import_joint_projects
from ozggraph.importers.programmes import import_programmes
from ozggraph.importers.public_bodies import import_bodies

#: ``run(source, out, seed) -> lines``: read ``source`` (a file or folder of raw/), write
#: the folder ``out``, resolve bodies against the dataset ``seed``; lines to show the user.
Run = Callable[[Path, Path, Path], Sequence[str]]


@dataclass(frozen=True)
class Importer:
    """One source of ``raw/`` and the part of ``seed/`` made from it."""

    name: str  #: command name: ``ozggraph import NAME``
    source: str  #: file or folder, relative to ``raw/``
    out: str  #: folder of ``seed/`` it writes (wholly: nothing else lives there)
    run: Run
    summary: str  #: one line for ``--help``


def _counts(counts: dict[str, int]) -> list[str]:
    return [f"{name:>45}: {count:>7,}" for name, count in counts.items()]


_ENTRIES = (
    Importer(
        "gv100ad",
        "destatis-gv100ad/GV100AD_30112025.txt",
        HIERARCHY_DIR,
        lambda source, out, _seed: _counts(gv100ad.run(source, out)),
        "Territorial hierarchy from a Destatis GV100AD file (and the Hinweise.txt beside it).",
    ),
    Importer(
        "catalogue",
        "ozg-katalog-kdn",
        CATALOGUE_DIR,
        lambda source, out, _seed: _counts(catalogue.run(source, out)),
        "OZG catalogue (Themenfelder, Lebenslagen, OZG-Leistungen) from KDN's CSV tables.",
    ),
    Importer(
        "bodies",
        "public-bodies",
        BODIES_DIR,
        lambda source, out, seed: import_bodies(source, out, seed).lines(),
        "Municipal associations and Themenfeld leads from the public-bodies tables.",
    ),
    Importer(
        "it-providers",
        "it-providers/it_provider_ties.csv",
        IT_PROVIDERS_DIR,
        lambda source, out, seed: import_it_providers(source, out, seed).lines(),
        "IT providers (also those of public-bodies/) and their Träger, members, "
        "Gesellschafter, customers (after 'bodies').",
    ),
    Importer(
        "programmes",
        "funding-programmes/funding_digital_programmes.csv",
        PROGRAMMES_DIR,
        lambda source, out, seed: import_programmes(source, out, seed).lines(),
        "Funding programmes, their rounds, joint projects and recipients (after 'it-providers').",
    ),
    Importer(
        "hosting",
        "service-hosting/nds_votemanager_hosting.csv",
        HOSTING_DIR,
        lambda source, out, seed: import_hosting(source, out, seed).lines(),
        "Who hosts each Niedersachsen authority's election-results portal (after 'it-providers').",
    ),
    Importer(
        "efa",
        "efa-reuse/efa_reuse.csv",
        EFA_DIR,
        lambda source, out, seed: import_efa(
            source, out, seed, source.parents[1] / ADOPTION_TABLE
        ).lines(),
        "EfA solutions, developers, operators and reusers, with the EfA adoption table of "
        "joint-projects/ (after 'bodies': resolves against it).",
    ),
    Importer(
        "joint-projects",
        "joint-projects/joint_projects.csv",
        JOINT_PROJECTS_DIR,
        lambda source, out, seed: import_joint_projects(source, out, seed).lines(),
        "Joint projects, IKZ grants and agreements between bodies, with their partners and "
        "grants (last: resolves against every other folder).",
    ),
)

#: The registry, in the order of :data:`~ozggraph.importers.folders.ORDER` (the one
#: place that says which importer runs after which).
IMPORTERS: tuple[Importer, ...] = tuple(sorted(_ENTRIES, key=lambda i: ORDER.index(i.out)))
assert [i.out for i in IMPORTERS] == list(ORDER), "one importer per folder of ORDER"


def importer(name: str) -> Importer:
    """The registry entry called ``name``."""
    for entry in IMPORTERS:
        if entry.name == name:
            return entry
    raise OzgGraphError(f"no importer {name!r}: one of {', '.join(i.name for i in IMPORTERS)}")


def import_all(raw: Path, seed: Path) -> Iterator[str]:
    """Rebuild every imported folder of ``seed`` from ``raw``, in registry order.

    All or nothing: the importers run on a copy of ``seed``; only when every one has
    succeeded are their folders moved into ``seed`` (hand-written folders such as
    ``seed/curated`` are left alone). Yields progress lines.
    """
    missing = [str(raw / i.source) for i in IMPORTERS if not (raw / i.source).exists()]
    if missing:
        raise OzgGraphError(f"{raw}: missing raw source(s): {', '.join(missing)}")
    seed.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".import-", dir=seed.parent) as tmp:
        work = Path(tmp) / "seed"
        shutil.copytree(seed, work)
        for entry in IMPORTERS:
            yield f"{entry.name}: {raw / entry.source} -> {seed / entry.out}"
            shutil.rmtree(work / entry.out, ignore_errors=True)
            for line in entry.run(raw / entry.source, work / entry.out, work):
                yield line.replace(str(work), str(seed))  # name where it will be
        for entry in IMPORTERS:
            shutil.rmtree(seed / entry.out, ignore_errors=True)
            (work / entry.out).replace(seed / entry.out)


__all__ = ["IMPORTERS", "Importer", "import_all", "importer"]
