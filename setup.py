"""Build step: the dataset ships in the wheel (everything else is in pyproject.toml).

``seed/`` stays at the top of the repository, where it is reviewed; building a wheel
copies it into the package as ``ozggraph/_seed``, which :mod:`ozggraph.dataset.locations`
finds when ozggraph is installed. An editable install reads the checkout's seed/
directly, so nothing is copied for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SEED = Path(__file__).parent / "seed"
PACKAGED = Path("ozggraph") / "_seed"  # keep in step with ozggraph.dataset.locations.PACKAGED_SEED


class BuildWithDataset(build_py):
    """build_py, then the dataset into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / PACKAGED
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(SEED, target)


setup(cmdclass={"build_py": BuildWithDataset})
