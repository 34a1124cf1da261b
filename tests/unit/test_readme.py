"""The README's examples run as written (on the embedded dataset), and show what they print.

A ```python block runs; when a ```text block follows it, that is what the block's last
expression shows (pandas at a fixed display width). A ```console block's ``$ ozggraph``
lines run at an 80-column terminal and print what follows them.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from ozggraph.cli import cli

README = Path(__file__).parents[2] / "README.md"
FENCE = re.compile(r"```(\w+)\n(.*?)```", flags=re.S)
#: How the README's printed tables were made: wide enough, long names cut.
DISPLAY = ("display.width", 120, "display.max_columns", 20, "display.max_colwidth", 32)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(README.read_text("utf-8"))]


def _shown(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def _run(block: str, namespace: dict[str, object]) -> object:
    """Run ``block``; return the value of its last line when that is an expression."""
    tree = ast.parse(block)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = tree.body[:-1] if last is not None else tree.body
    exec(compile(ast.Module(body, type_ignores=[]), str(README), "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), str(README), "eval"), namespace)


def test_readme_python_blocks_run_and_print_what_the_readme_shows() -> None:
    blocks = _blocks()
    assert any(lang == "python" for lang, _ in blocks), "README has Python examples"
    namespace: dict[str, object] = {}
    checked = 0
    with pd.option_context(*DISPLAY):
        for i, (lang, block) in enumerate(blocks):
            if lang != "python":
                continue
            value = _run(block, namespace)
            following = blocks[i + 1] if i + 1 < len(blocks) else ("", "")
            if following[0] == "text":
                assert _shown(str(value)) == _shown(following[1]), f"README block {i}"
                checked += 1
    assert checked >= 2
    assert namespace["G"].graph["checksum"].startswith("sha256:")  # type: ignore[attr-defined]


def test_readme_console_examples_print_what_the_readme_shows() -> None:
    consoles = [block for lang, block in _blocks() if lang == "console"]
    assert consoles
    for block in consoles:
        for command, expected in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n?)*)", block, re.M):
            args = shlex.split(command)
            assert args[0] == "ozggraph"
            result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, args[1:])
            assert result.exit_code == 0, result.output
            assert _shown(result.stdout) == _shown(expected), command


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text("utf-8")
    head = text[: text.index("## What it is")]
    commands = re.findall(r"```bash\n(.*?)\n```", head, flags=re.S)
    assert commands[0].endswith("pip install -e . && ozggraph report")
    assert commands[1].endswith("pip install -e '.[dev]' && pytest")
    ci = (README.parent / ".ci" / "run").read_text("utf-8")
    assert commands[1] in ci, ".ci/run must run README command 2"
