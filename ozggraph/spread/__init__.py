"""Reuse spread: how solutions travel through the cooperation network, and how they could.

- :mod:`~ozggraph.spread.observed`: who built, runs and reuses a solution, at which
  stage and since when; reach (bodies, population, Länder), adoption curve,
  time to adopt and the tie paths it travelled (:mod:`~ozggraph.spread.adoption_paths`).
- :mod:`~ozggraph.spread.simulate`: Independent Cascade and Linear Threshold
  Monte-Carlo runs on the cooperation network (vectorised kernels in
  :mod:`~ozggraph.spread.engine`, the textbook loop in :mod:`~ozggraph.spread.naive`);
  :mod:`~ozggraph.spread.calibrate` fits the cascade probability to observed reuse.
- :mod:`~ozggraph.spread.seeds`: greedy influence maximisation with CELF.

>>> import ozggraph
>>> from ozggraph.spread import observe
>>> G = ozggraph.load_graph()                                     # doctest: +SKIP
>>> s = observe(G, "sol-digitale-baugenehmigung")                 # doctest: +SKIP
>>> [(r.stage, r.lands) for r in s.reach][:2]                     # doctest: +SKIP
[('live', ('BW', 'HB', 'RP', 'SH', 'SN', 'ST')), ('connected', ('NI', 'NW', 'SL'))]
"""

from __future__ import annotations

from ozggraph.spread.calibrate import calibrate
from ozggraph.spread.cascade_network import from_graph
from ozggraph.spread.observed import observe, solutions
from ozggraph.spread.seeds import select_seeds
from ozggraph.spread.simulate import DEFAULT_P, simulate

__all__ = [
    "DEFAULT_P",
    "calibrate",
    "from_graph",
    "observe",
    "select_seeds",
    "simulate",
    "solutions",
]
