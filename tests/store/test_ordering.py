"""Positions follow conversation order whatever order items are written in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assistant.store.ordering import POSITION_GAP, place


def test_appending_leaves_a_gap_after_the_last() -> None:
    assert place(["a", "b"], {"a": 1024}, "b") == {"b": 2048}
    assert place(["a"], {}, "a", floor=5000) == {"a": 5000 + POSITION_GAP}


def test_an_item_completing_late_goes_between_its_neighbours() -> None:
    assert place(["u1", "a", "u2"], {"u1": 1024, "u2": 2048}, "a") == {"a": 1536}


def test_no_room_left_renumbers_everything_in_order() -> None:
    assert place(["x", "y", "z"], {"x": 10, "z": 11}, "y") == {"x": 1024, "y": 2048, "z": 3072}


def test_stored_items_found_out_of_order_are_renumbered() -> None:
    moved = place(["a", "b", "c"], {"a": 2048, "b": 1024}, "c")
    assert moved == {"a": 1024, "b": 2048, "c": 3072}


def test_an_item_already_in_place_keeps_its_position() -> None:
    assert place(["a", "b", "c"], {"a": 1, "b": 7, "c": 9}, "b") == {"b": 7}


@given(st.permutations(list(range(12))), st.integers(min_value=0, max_value=3))
def test_any_completion_order_ends_in_conversation_order(written: list[int], floor: int) -> None:
    order = [f"i{n}" for n in range(12)]
    stored: dict[str, int] = {}
    for n in written:
        stored.update(place(order, stored, f"i{n}", floor))
    positions = [stored[i] for i in order]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert min(positions) > floor
