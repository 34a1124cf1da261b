"""What the network is: the rules every analysis, spread and report reads.

- :mod:`~ozggraph.network.territory`: the Land rule (Land, level, Kreis, population
  and covered territory of any body), one index for analytics, spread and report;
- :mod:`~ozggraph.network.ties`: the tie rule (which relationships tie two bodies,
  in which layer and with which weight, declared in the schema:
  :mod:`ozggraph.schema.layers`) and what each tie is made of;
- :mod:`~ozggraph.network.projections`: the network of chosen layers built from those ties;
- :mod:`~ozggraph.network.filters`: the graph as of a date, one Land with its partners;
- :mod:`~ozggraph.network.sparse`: the sparse-matrix form the measures run on.
"""
