"""The README's Python examples run as written (on the embedded dataset)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parents[2] / "README.md"


def test_readme_python_blocks_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), flags=re.S)
    assert blocks, "README has Python examples"
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    assert namespace["G"].graph["checksum"].startswith("sha256:")  # type: ignore[attr-defined]


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text("utf-8")
    head = text[: text.index("## What it is")]
    commands = re.findall(r"```bash\n(.*?)\n```", head, flags=re.S)
    assert commands[0].endswith("pip install -e . && ozggraph report")
    assert commands[1].endswith("pip install -e '.[dev]' && pytest")
    ci = (README.parent / ".ci" / "run").read_text("utf-8")
    assert commands[1] in ci, ".ci/run must run README command 2"
