"""What the simulated models take, written here apart from the client's list on purpose.

The simulator imports no client code (a shared mistake would pass every test), so it keeps
its own, smaller knowledge: the 2.x models (``gpt-realtime-2``, ``gpt-realtime-2.1``,
``gpt-realtime-2.1-mini`` and any later ``gpt-realtime-N``) reason, take ``reasoning.effort``
and answer in phases; the 4o previews take no retention-ratio ``truncation``.
"""

from __future__ import annotations

import re

EFFORTS = ("minimal", "low", "medium", "high", "xhigh")
DIARIZE_MODEL = "gpt-4o-transcribe-diarize"
_REASONING = re.compile(r"^gpt-realtime-(\d+)(?:\.\d+)?(?:-mini)?(?:-\d{4}-\d{2}-\d{2})?$")


def reasons(model: str) -> bool:
    match = _REASONING.match(model)
    return match is not None and int(match.group(1)) >= 2


def takes_retention_ratio(model: str) -> bool:
    return "realtime-preview" not in model
