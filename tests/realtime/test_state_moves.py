"""The session state changes in one place: no module but `state.py` writes its fields."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import assistant.realtime
from assistant.realtime.state import SessionState

CORE = Path(assistant.realtime.__file__).parent
FIELDS = {f.name for f in fields(SessionState)}
MUTATORS = {"add", "discard", "clear", "pop", "append", "update", "remove", "extend"}
OWNED = {"conversation", "tracker"}  # objects with moves of their own (`Conversation.add`...)


def _state_field(node: ast.expr) -> str | None:
    """`s.<field>` or `self._s.<field>`: the field's name (`s.tracker.<x>`: "tracker.<x>")."""
    if isinstance(node, ast.Attribute) and _state_field(node.value) in OWNED:
        return f"{_state_field(node.value)}.{node.attr}"  # inside the response table
    if not isinstance(node, ast.Attribute) or node.attr not in FIELDS:
        return None
    owner = node.value
    if isinstance(owner, ast.Name) and owner.id == "s":
        return node.attr
    if isinstance(owner, ast.Attribute) and owner.attr == "_s":
        return node.attr
    return None


def _unpacked(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        return [t for element in target.elts for t in _unpacked(element)]
    return [target]


def writes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in _unpacked(target)]
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            targets = [node.func.value] if node.func.attr in MUTATORS else []
            targets = [t for t in targets if _state_field(t) not in OWNED]
        found += [(node.lineno, name) for t in targets if (name := _state_field(t))]
    return sorted(found)


def test_only_the_state_module_writes_the_session_state() -> None:
    offenders = {
        path.name: writes(ast.parse(path.read_text(encoding="utf-8")))
        for path in CORE.glob("*.py")
        if path.name != "state.py"
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_a_write() -> None:
    code = "def f(s):\n    s.open_calls.add('x')\n    s.connected = True\n"
    code += "    self._s.user_speaking += 1\n    s.tracker.pending = True\n"
    assert writes(ast.parse(code)) == [
        (2, "open_calls"),
        (3, "connected"),
        (4, "user_speaking"),
        (5, "tracker.pending"),
    ]
