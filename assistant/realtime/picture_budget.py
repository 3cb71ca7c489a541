"""Which pictures of a conversation are sent to the model again, and what a picture costs.

A new server session (a reconnect, a rollover, a conversation continued from the history)
replays the conversation; pictures are the expensive part of it (hundreds of tokens and up to
megabytes each), so only the newest that fit `PICTURE_TOKEN_BUDGET` are sent again, newest
first; the others are named in a note at the end of their message (`replay`). The cost of a
picture is estimated with OpenAI's tile rule for image inputs. One rule for both callers: the
core's replay (pictures still held in memory) and the history's resume (pictures read back
from their files).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.realtime.items import Item, Message, Picture

PICTURE_TOKEN_BUDGET = 3_000  # three high-detail pictures of 1536x768, or 35 at low detail


def pictures_within(
    items: Sequence[Item],
    read: Callable[[Picture], bytes | None],
    budget: int = PICTURE_TOKEN_BUDGET,
) -> list[Item]:
    """`items` with the newest pictures that fit `budget` given their bytes by `read` (None or
    empty: not available, which costs nothing) and the others without bytes."""
    result = list(items)
    for index in range(len(result) - 1, -1, -1):
        item = result[index]
        if isinstance(item, Message) and item.pictures:
            pictures = []
            for picture in reversed(item.pictures):
                cost = picture_tokens(picture)
                data = read(picture) if cost <= budget else None
                if data:
                    budget -= cost
                pictures.append(replace(picture, data=data or b""))
            result[index] = replace(item, pictures=tuple(reversed(pictures)))
    return result


def picture_tokens(picture: Picture) -> int:
    """About what a picture costs: 85 tokens at low detail, else 85 + 170 per 512-pixel tile
    of the picture fitted in 2048x2048 with its short side at most 768 (OpenAI's tile rule)."""
    if picture.detail.value == "low":
        return 85
    width, height = max(1, picture.width), max(1, picture.height)
    scale = min(1.0, 2048 / max(width, height))
    scale *= min(1.0, 768 / (min(width, height) * scale))
    return 85 + 170 * math.ceil(width * scale / 512) * math.ceil(height * scale / 512)
