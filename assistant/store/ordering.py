"""Positions that keep stored items in conversation order, whatever order they complete in.

Items complete out of conversation order (a typed message confirmed while the reply before
it is still streaming; a reply placed by `previous_item_id` after it was first seen at the
end), so the store cannot simply append. Each stored item has an integer position; a new
item goes halfway between its stored neighbours in conversation order, or `POSITION_GAP`
after the last. Only when there is no room left, or stored items are found out of order,
are the positions renumbered, all in one transaction with the new item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

POSITION_GAP = 1024


def place(
    order: Sequence[str], stored: Mapping[str, int], item_id: str, floor: int = 0
) -> dict[str, int]:
    """The positions to write so that, with `item_id` stored too, positions increase along
    `order` (the conversation's item ids; ids neither stored nor `item_id` are ignored).

    `stored` maps the ids already stored to their positions; every position written is
    above `floor`. Returns `{item_id: position}`, plus other ids to move when renumbering.
    """
    ids = [i for i in order if i in stored or i == item_id]
    if item_id not in ids:
        ids.append(item_id)
    index = ids.index(item_id)
    others = [stored[i] for i in ids if i != item_id]
    if any(p <= q for p, q in zip(others[1:], others, strict=False)) or (
        others and others[0] <= floor
    ):
        return _renumber(ids, floor)
    before = stored[ids[index - 1]] if index else floor
    after = stored[ids[index + 1]] if index + 1 < len(ids) else None
    current = stored.get(item_id)
    if current is not None and before < current and (after is None or current < after):
        return {item_id: current}
    if after is None:
        return {item_id: before + POSITION_GAP}
    if after - before >= 2:
        return {item_id: (before + after) // 2}
    return _renumber(ids, floor)


def _renumber(ids: Sequence[str], floor: int) -> dict[str, int]:
    return {item_id: floor + POSITION_GAP * (k + 1) for k, item_id in enumerate(ids)}
