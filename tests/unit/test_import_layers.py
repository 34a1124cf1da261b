"""The package's import structure: each layer imports only from the layers below it.

The flow a newcomer sees in the tree (seed → dataset → graph → {neo4j, analytics,
spread} → report) is enforced here: :data:`LAYERS` declares the order once, and
this test reads every ``import`` of the package (module level and inside functions;
``if TYPE_CHECKING:`` blocks too) and fails on an import of a higher layer or on an
import circle between modules. The README's diagram is drawn from :data:`LAYERS`
(``python tests/unit/test_import_layers.py`` prints it).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "ozggraph"

#: Lowest first. A module belongs to the layer of the longest prefix listed here; a
#: module may import its own layer and those before it, never one after it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("ozggraph", "ozggraph.errors", "ozggraph.progress"),
    ("ozggraph.schema",),
    ("ozggraph.dataset",),
    ("ozggraph.graph", "ozggraph.importers"),
    ("ozggraph.network",),
    ("ozggraph.analytics", "ozggraph.spread"),
    ("ozggraph.neo4j", "ozggraph.output"),
    ("ozggraph.cli",),
)
#: The root package is the public facade (``ozggraph.load_graph``, ``ozggraph.tables``):
#: it imports eagerly only from the lowest layer and everything else on first use
#: (inside ``__getattr__``), so only its module-level imports count.
FACADE = "ozggraph"


def modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports (``from pkg import mod`` is ``pkg.mod``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    nodes = tree.body if name == FACADE else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}".rstrip(".")
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("ozggraph") and target != name:
                found.add(target)
    return found


def layer(name: str) -> int:
    """Index in :data:`LAYERS` of the module's layer (longest matching prefix)."""
    best, index = "", -1
    for i, members in enumerate(LAYERS):
        for prefix in members:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > len(best):
                best, index = prefix, i
    return index


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        graph.add_edges_from((name, target) for target in imports(name, path, known))
    return graph


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer(name) < 0] == []


def test_no_module_imports_a_higher_layer() -> None:
    graph = import_graph()
    upward = sorted(f"{a} imports {b}" for a, b in graph.edges if layer(b) > layer(a))
    assert upward == []


def test_no_import_circle() -> None:
    graph = import_graph()
    # A package's __init__ re-exports its modules: a module importing its own package
    # (rather than the module that defines the name) closes a circle, so it counts too.
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == []


def diagram() -> str:
    """The layers as the README draws them: highest first, each importing only from below."""
    lines = []
    for i, members in reversed(list(enumerate(LAYERS))):
        names = ", ".join(
            f"ozggraph.{m.removeprefix('ozggraph.')}" if m != FACADE else m for m in members
        )
        lines.append(f"{i}  {names}")
    return "\n".join(lines)


def test_the_readme_draws_these_layers() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    assert diagram() in readme, "README: paste python tests/unit/test_import_layers.py"


if __name__ == "__main__":
    sys.stdout.write(diagram() + "\n")
