"""The schema: the single source of truth for node labels, relationship types and properties.

>>> from ozggraph.schema import NODE_TYPES, EDGE_TYPES
>>> NODE_TYPES["Municipality"].ags_length
8
>>> EDGE_TYPES["REUSES"].tie, NODE_TYPES["Cooperation"].stands_for_members
('user', True)
"""

from __future__ import annotations

import re
from typing import Any

from ozggraph.schema.edges import EDGE_MODELS, Edge
from ozggraph.schema.nodes import NODE_MODELS, Node
from ozggraph.schema.types import EVIDENCE, LAND_SPELLINGS, LANDS, REUSE_STAGES

NODE_TYPES: dict[str, type[Node]] = {m.label: m for m in NODE_MODELS}
EDGE_TYPES: dict[str, type[Edge]] = {m.type: m for m in EDGE_MODELS}

#: Extra label on every node ozggraph writes to Neo4j, so a reload touches only its own nodes.
MANAGED_LABEL = "OzgGraph"

#: Node ozggraph keeps its own bookkeeping in (checksum of the loaded dataset).
META_LABEL = "OzgGraphMeta"

#: Fields that are structure, not properties, of a relationship.
EDGE_STRUCTURE = frozenset({"source", "target", "key"})


def list_fields(model: type[Node] | type[Edge]) -> frozenset[str]:
    """Names of the fields of ``model`` that hold lists (encoded with ``|`` in CSV)."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if getattr(field.annotation, "__origin__", None) is list
    )


def properties(item: Node | Edge) -> dict[str, Any]:
    """The stored properties of a node or relationship: no nulls, no empty lists.

    This is the one canonical form that NetworkX, Neo4j, the checksum and the
    exporters share.
    """
    data = item.model_dump(exclude_none=True)
    for name in EDGE_STRUCTURE if isinstance(item, Edge) else ():
        data.pop(name, None)
    return {k: v for k, v in data.items() if v != []}


_PLACEHOLDER = re.compile(r"__([A-Z]+)__")


def cypher(template: str, **kinds: str) -> str:
    """Fill ``__LABEL__``-style placeholders with labels or types of the schema, nothing else.

    Values always travel as parameters; this is only for the names Cypher cannot
    take as parameters, and it refuses any name the schema does not define.

    >>> cypher("MATCH (n:__LABEL__) RETURN n", label="State")
    'MATCH (n:State) RETURN n'
    """
    allowed = {*NODE_TYPES, *EDGE_TYPES, MANAGED_LABEL, META_LABEL}
    for value in kinds.values():
        if value not in allowed:
            raise ValueError(f"{value!r} is not a label or type of the schema")
    return _PLACEHOLDER.sub(lambda m: kinds[m.group(1).lower()], template)


__all__ = [
    "EDGE_STRUCTURE",
    "EDGE_TYPES",
    "EVIDENCE",
    "LANDS",
    "LAND_SPELLINGS",
    "MANAGED_LABEL",
    "META_LABEL",
    "NODE_TYPES",
    "REUSE_STAGES",
    "Edge",
    "Node",
    "cypher",
    "list_fields",
    "properties",
]
