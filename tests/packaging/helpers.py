"""Loading the build scripts in packaging/ (a folder, not a package: `packaging` is a PyPI name)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """packaging/NAME.py as a module (imported once)."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))  # the scripts import each other (build.py: appinfo)
    key = f"_packaging_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, PACKAGING / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]
