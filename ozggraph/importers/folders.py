"""The folders of ``seed/`` the importers write, and the order they run in.

The order is the one fact both the registry (:data:`ozggraph.importers.IMPORTERS`
runs the importers in it) and each importer (it resolves bodies against the folders
before its own: :func:`downstream`) need, so it lives here, below both.

>>> sorted(downstream(HOSTING_DIR))
['efa', 'hosting', 'joint-projects']
"""

from __future__ import annotations

HIERARCHY_DIR = "hierarchy"
CATALOGUE_DIR = "catalogue"
BODIES_DIR = "bodies"
IT_PROVIDERS_DIR = "it-providers"
PROGRAMMES_DIR = "programmes"
HOSTING_DIR = "hosting"
EFA_DIR = "efa"
JOINT_PROJECTS_DIR = "joint-projects"

#: Every importer's folder, in the order ``ozggraph import all`` runs them: an importer
#: that resolves bodies against another's output comes after it.
ORDER = (
    HIERARCHY_DIR,
    CATALOGUE_DIR,
    BODIES_DIR,
    IT_PROVIDERS_DIR,
    PROGRAMMES_DIR,
    HOSTING_DIR,
    EFA_DIR,
    JOINT_PROJECTS_DIR,
)


def downstream(folder: str) -> set[str]:
    """``folder`` and the folders of the importers that run after it: an importer
    resolves names against the dataset without these, so no importer reads its own or a
    later one's output."""
    return set(ORDER[ORDER.index(folder) :])
