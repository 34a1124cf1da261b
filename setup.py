"""Build step: the dataset and the query library ship in the wheel (the rest: pyproject.toml).

``seed/`` and ``cypher/`` stay at the top of the repository, where they are reviewed;
building a wheel copies them into the package as ``ozggraph/_seed`` and
``ozggraph/_cypher``, which :mod:`ozggraph.dataset.locations` finds when ozggraph is
installed. An editable install reads the checkout's folders directly, so nothing is
copied for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
#: Top-level folder -> where it goes in the package; in step with ozggraph.dataset.locations
#: (PACKAGED_SEED, PACKAGED_CYPHER).
PACKAGED = {"seed": Path("ozggraph") / "_seed", "cypher": Path("ozggraph") / "_cypher"}


class BuildWithDataset(build_py):
    """build_py, then the dataset and the query library into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for folder, packaged in PACKAGED.items():
            target = Path(self.build_lib) / packaged
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / folder, target)


setup(cmdclass={"build_py": BuildWithDataset})
