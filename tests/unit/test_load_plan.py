"""The loader's plan: only the difference between database and dataset is written."""

from __future__ import annotations

from pathlib import Path

import ozggraph
from ozggraph.neo4j.diff import Current, edge_row, node_row, plan

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def _as_database(G) -> Current:  # type: ignore[no-untyped-def]
    """What the database holds after loading ``G``."""
    state = Current()
    for n, a in G.nodes(data=True):
        state.nodes[n] = (a["label"], node_row(n, a))
    for u, v, k, a in G.edges(keys=True, data=True):
        state.edges[k] = (a["type"], u, v, edge_row(u, v, k, a)[2])
    return state


def test_empty_database_gets_everything_created() -> None:
    G = ozggraph.load_graph(MINI)
    todo = plan(Current(), G)
    assert sum(map(len, todo.create_nodes.values())) == G.number_of_nodes()
    assert sum(map(len, todo.create_edges.values())) == G.number_of_edges()
    assert not todo.delete_nodes and not todo.update_nodes


def test_unchanged_dataset_plans_nothing() -> None:
    G = ozggraph.load_graph(MINI)
    assert plan(_as_database(G), G).size() == 0


def test_edits_become_updates_relabels_and_deletions() -> None:
    G = ozggraph.load_graph(MINI)
    db = _as_database(G)
    db.nodes["gone"] = ("Topic", {"id": "gone", "name": "Gone"})
    db.edges["MEMBER_OF:gone->x"] = ("MEMBER_OF", "gone", "x", {"id": "MEMBER_OF:gone->x"})
    G.nodes["ags-06532023"]["population"] = 1
    G.nodes["he-hmdis"]["label"] = "Agency"
    G.remove_edge("ekom21", "sol-ekom21-platform", "OPERATES:ekom21->sol-ekom21-platform")
    todo = plan(db, G)
    assert todo.delete_nodes == ["gone"]
    assert [r["id"] for r in todo.update_nodes["Municipality"]] == ["ags-06532023"]
    assert [r["id"] for r in todo.update_nodes["Agency"]] == ["he-hmdis"]
    assert "he-hmdis" in todo.drop_labels["Ministry"]
    deleted = {r[2] for rows in todo.delete_edges.values() for r in rows}
    assert deleted == {"MEMBER_OF:gone->x", "OPERATES:ekom21->sol-ekom21-platform"}
    assert not todo.create_nodes and not todo.create_edges


def test_a_batch_the_servers_memory_refuses_is_written_in_halves(monkeypatch) -> None:
    """Concurrent transactions share the server's memory: a refused batch is split."""
    from neo4j.exceptions import Neo4jError

    from ozggraph.neo4j.load import _Writer

    full = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
    written: list[int] = []

    def write(self, query, session=None, **params):
        rows = params["rows"]
        if len(rows) > 2:
            raise Neo4jError._hydrate_neo4j(code=full, message="out of transaction memory")
        written.append(len(rows))
        return {"nodes_created": len(rows)}

    monkeypatch.setattr(_Writer, "write", write)
    writer = _Writer(driver=None, database="neo4j", batch_size=7, progress=None)
    counted = writer._batch(None, "CREATE", None, [[n] for n in range(7)])
    assert counted == {"nodes_created": 7}
    assert sum(written) == 7 and max(written) <= 2
