"""Writing a user tools file and loading it into a registry (shared by the tools tests)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from assistant.settings.secrets import MemorySecretStore
from assistant.tools import ToolRegistry, UserTools, load_user_tools


def load(
    tmp_path: Path, text: str, secrets: MemorySecretStore | None = None
) -> tuple[ToolRegistry, UserTools]:
    path = tmp_path / "tools.toml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    registry = ToolRegistry()
    return registry, load_user_tools(path, registry, secrets)
