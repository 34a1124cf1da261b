"""How a node is named wherever ozggraph shows it: its name, and what tells it apart.

Many bodies share a name: Gießen is a Stadt, a Landkreis and a Regierungsbezirk;
twelve Gemeinden are called Neuenkirchen. :func:`display_names` gives each node its
name, and where another node of the graph has the same name (any case, ß = ss, ü = ue),
adds what tells them apart: the kind (``Stadt``, ``Landkreis`` from the official
tables, else the label), the Land, and where that is not enough the Kreis. Ids are
never shown in place of a name. ``find``, the report's tables (cut points, bridges,
central bodies, programme budgets), ``seeds`` and ``ozggraph.tables`` all use it.

:func:`fold` is the one comparison form of a name (used by ``find`` too).

>>> import ozggraph
>>> G = ozggraph.load_graph("tests/fixtures/mini")
>>> names = display_names(G, ["ags-06531005", "ags-06531", "ekom21"])
>>> names["ags-06531005"], names["ags-06531"], names["ekom21"]
('Gießen (Municipality, HE)', 'Gießen (Landkreis, HE)', 'ekom21 – KGRZ Hessen')
>>> fold("Düsseldorf") == fold("DUESSELDORF"), fold("Gießen") == fold("giessen")
(True, True)
"""

from __future__ import annotations

import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from ozggraph.network.territory import FEDERAL, UNKNOWN, Territory

#: German letters written out, the way one types them without a German keyboard.
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


#: How a unit that shares name and kind with its own Gemeinde is told apart from it.
_LEVEL_WORDS = {"District": "Kreisebene", "MunicipalAssociation": "Gemeindeverband"}


def fold(text: str) -> str:
    """Comparison form: any case, umlauts spelled out (ü = ue, ß = ss), accents dropped."""
    spelled = text.casefold().translate(_SPELLED)
    if spelled.isascii():
        return spelled
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def land_shown(territory: Territory, node: str) -> str:
    """The Land as shown beside a name: its code, ``DE`` for federal, the Länder a body
    covers (``BW/HE/RP``) when it has no Land of its own, else ``no Land``."""
    land = territory.land(node)
    if land != UNKNOWN:
        return land
    covered = sorted(territory.lands(node)) if node in territory.graph else []
    return "/".join(covered) if covered else "no Land"


def kind_of(graph: nx.MultiDiGraph, node: str) -> str:
    """``Stadt``, ``Landkreis``, ``Regierungsbezirk`` ... where the data says, else the label."""
    attrs = graph.nodes[node] if node in graph else {}
    return str(attrs.get("kind") or attrs.get("label") or "")


def display_names(
    graph: nx.MultiDiGraph, nodes: Iterable[str], territory: Territory | None = None
) -> dict[str, str]:
    """``{node: shown name}``: the name, with kind, Land (and Kreis) where it is shared."""
    wanted = list(dict.fromkeys(nodes))
    name = {n: str(graph.nodes[n].get("name") or n) if n in graph else n for n in wanted}
    shared = _shared_names(graph, {fold(v) for v in name.values()})
    if not any(fold(v) in shared for v in name.values()):
        return name
    territory = territory or Territory(graph)
    shown = {}
    for node in wanted:
        folded = fold(name[node])
        if folded not in shared:
            shown[node] = name[node]
            continue
        shown[node] = f"{name[node]} ({', '.join(_apart(graph, territory, node, shared[folded]))})"
    return shown


def _apart(
    graph: nx.MultiDiGraph, territory: Territory, node: str, namesakes: list[str]
) -> list[str]:
    """What tells ``node`` apart from its ``namesakes``: kind, Land, else Kreis, else AGS."""
    kind, land = kind_of(graph, node), land_shown(territory, node)
    label = graph.nodes[node].get("label") if node in graph else None
    others = [o for o in namesakes if o != node and kind_of(graph, o) == kind]
    if any(graph.nodes[o].get("label") != label for o in others):
        # Kassel the kreisfreie Stadt is a Municipality and, one level up, a District
        if label != "Municipality":
            kind = f"{kind}, {_LEVEL_WORDS.get(str(label), label)}"
        others = [o for o in others if graph.nodes[o].get("label") == label]
    parts = [kind, land]
    others = [o for o in others if land_shown(territory, o) == land]
    if others and land not in (FEDERAL, "no Land"):
        kreis = territory.kreis(node) if node in graph else None
        if kreis and kreis != node:
            kreis_name = str(graph.nodes[kreis].get("name", ""))
            in_words = kreis_name if "kreis" in kreis_name.casefold() else f"Kreis {kreis_name}"
            parts.insert(1, in_words)
            others = [o for o in others if territory.kreis(o) == kreis]
    if others and (ags := graph.nodes[node].get("ags")):
        parts.append(f"AGS {ags}")  # the official key, where even the Kreis is shared
    return [p for p in parts if p]


def shown_name(graph: nx.MultiDiGraph, node: str, territory: Territory | None = None) -> str:
    """:func:`display_names` of one node."""
    return display_names(graph, [node], territory)[node]


#: Per graph (while it lives): folded name -> the nodes that have it. Graphs are not
#: changed once built; the node count guards against one that was.
_INDEX: weakref.WeakKeyDictionary[nx.Graph, tuple[int, dict[str, list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _shared_names(graph: nx.MultiDiGraph, folded: set[str]) -> dict[str, list[str]]:
    """Of the names in ``folded``, those two or more nodes of ``graph`` have, with the nodes.

    Read from the whole graph a view (as of a date, one Land) was made of, once per
    graph: a name shared in the dataset is told apart in every view of it.
    """
    root = graph
    while getattr(root, "_graph", None) is not None:  # a NetworkX view: its source graph
        root = root._graph
    size, index = _INDEX.get(root, (-1, {}))
    if size != root.number_of_nodes():
        holders: defaultdict[str, list[str]] = defaultdict(list)
        for node, value in root.nodes(data="name"):
            if value:
                holders[fold(str(value))].append(node)
        index = {k: v for k, v in holders.items() if len(v) > 1}
        _INDEX[root] = (root.number_of_nodes(), index)
    return {k: [n for n in index[k] if n in graph] for k in folded if k in index}
