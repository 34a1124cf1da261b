"""Importers: official reference tables -> seed CSV tables (``ozggraph import ...``).

* :mod:`ozggraph.importers.gv100ad`: the territorial hierarchy from Destatis's GV100AD;
* :mod:`ozggraph.importers.catalogue`: the OZG catalogue (Themenfelder, Lebenslagen,
  OZG-Leistungen) as kept by KDN.

Each reads a source, returns plain tables (:mod:`ozggraph.importers.tables`) and
writes them sorted, so that reruns give identical files.
"""
