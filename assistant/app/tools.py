"""Functions the assistant may call, answered on the loop thread right after the call arrives.

Only quick, local, harmless functions live here (the tool framework with user-visible
permissions is a separate piece of work). A result is always a JSON text; an unknown function
or bad arguments give a JSON error the model can read, never an exception.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

CURRENT_TIME: dict[str, Any] = {
    "type": "function",
    "name": "get_current_time",
    "description": "The current local date and time on the user's computer.",
    "parameters": {"type": "object", "properties": {}},
}


class ToolBox:
    """The functions offered to the model (`schemas`) and how to run them (`run`)."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> None:
        self._now = now
        self._functions: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "get_current_time": self._current_time,
        }

    @property
    def schemas(self) -> tuple[dict[str, Any], ...]:
        return (CURRENT_TIME,)

    def run(self, name: str, arguments: str) -> str:
        """The function's result as JSON text."""
        function = self._functions.get(name)
        if function is None:
            return json.dumps({"error": f"there is no function named {name}"})
        try:
            parsed = json.loads(arguments or "{}")
        except ValueError:
            return json.dumps({"error": "the arguments are not valid JSON"})
        if not isinstance(parsed, dict):
            return json.dumps({"error": "the arguments must be a JSON object"})
        return json.dumps(function(parsed), ensure_ascii=False)

    def _current_time(self, arguments: dict[str, Any]) -> dict[str, Any]:
        del arguments  # takes none
        now = self._now()
        return {"time": now.strftime("%H:%M"), "date": now.strftime("%Y-%m-%d (%A)")}
