"""Pictures in user messages: sent as `input_image` parts (checked by the oracle), kept on the
item through the server's echo, priced as image tokens, stored without their bytes, and
re-sent on a reconnect (or named in a note when their bytes are gone)."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest

from assistant.realtime import Detail, Dialect, ItemKind, Message, Picture, Role
from assistant.realtime import events as ev
from assistant.realtime.items import ItemStatus
from assistant.realtime.payloads import from_payload, to_payload
from assistant.realtime.picture_budget import PICTURE_TOKEN_BUDGET, picture_tokens
from tests.pictures import png
from tests.realtime import wire
from tests.realtime.test_session import connected, feed, new_session, sent, types

PNG = png(8, 6)
CAT = Picture("cat.png", "image/png", 8, 6, PNG, Detail.HIGH)


def _echo(item_id: str, text: str) -> dict[str, object]:
    """The server's copy of a user message with a picture (the data URL left out)."""
    item = wire.message(item_id, "user", text)
    item["content"] = [*item["content"], {"type": "input_image", "detail": "high"}]  # type: ignore[list-item]
    return item


def test_a_message_with_a_picture_sends_text_then_an_input_image() -> None:
    session = connected()
    item_id = session.send_text("what is this?", [CAT])
    create, respond = sent(session)
    assert (create["type"], respond["type"]) == ("conversation.item.create", "response.create")
    assert create["item"]["content"] == [
        {"type": "input_text", "text": "what is this?"},
        {
            "type": "input_image",
            "image_url": "data:image/png;base64," + base64.b64encode(PNG).decode(),
            "detail": "high",
        },
    ]
    feed(session, wire.item_added(_echo(item_id, "what is this?"), None))
    item = session.conversation.get(item_id)
    assert isinstance(item, Message) and item.pictures == (CAT,)


def test_pictures_alone_send_no_empty_text_part() -> None:
    session = connected()
    session.send_text("", [CAT, CAT])
    create = sent(session)[0]
    assert [p["type"] for p in create["item"]["content"]] == ["input_image", "input_image"]


def test_pictures_of_a_spoken_turn_go_ahead_without_asking_for_a_reply() -> None:
    session = connected()
    item_id = session.add_message(Role.USER, "", [CAT])
    (create,) = sent(session)  # the spoken turn's commit asks for the reply
    assert create["type"] == "conversation.item.create"
    assert [p["type"] for p in create["item"]["content"]] == ["input_image"]
    item = session.conversation.get(item_id)
    assert isinstance(item, Message) and item.pictures == (CAT,)


@pytest.mark.parametrize("dialect", [Dialect.BETA])
def test_a_protocol_without_pictures_refuses_them_before_sending(dialect: Dialect) -> None:
    session = new_session(dialect=dialect)
    assert not dialect.takes_pictures and Dialect.GA.takes_pictures
    with pytest.raises(ValueError, match="takes no pictures"):
        session.send_text("what is this?", [CAT])
    with pytest.raises(ValueError, match="takes no pictures"):
        session.add_message(Role.USER, "", [CAT])
    assert len(session.conversation) == 0 and session.messages_to_send() == []


def test_image_tokens_are_priced_at_the_models_image_rate() -> None:
    session = connected()  # gpt-realtime: image in 5.00, cached 0.50 per 1M
    usage = {
        "total_tokens": 1000,
        "input_tokens": 1000,
        "output_tokens": 0,
        "input_token_details": {
            "text_tokens": 0,
            "audio_tokens": 0,
            "image_tokens": 1000,
            "cached_tokens": 200,
            "cached_tokens_details": {"text_tokens": 0, "audio_tokens": 0, "image_tokens": 200},
        },
        "output_token_details": {"text_tokens": 0, "audio_tokens": 0},
    }
    events = feed(
        session, wire.response_created("resp_1"), wire.response_done("resp_1", [], usage=usage)
    )
    finished = next(e for e in events if isinstance(e, ev.ResponseFinished))
    assert finished.usage.input_image == 1000 and finished.usage.cached_image == 200
    assert finished.cost is not None
    assert finished.cost.total == pytest.approx((800 * 5.00 + 200 * 0.50) / 1e6)
    assert session.usage.input_image == 1000


def test_the_history_payload_keeps_what_a_picture_was_not_its_bytes() -> None:
    item = Message("item_1", Role.USER, ItemStatus.COMPLETED, "look", pictures=(CAT,))
    payload = to_payload(item)
    assert payload["pictures"] == [
        {
            "name": "cat.png",
            "mime": "image/png",
            "width": 8,
            "height": 6,
            "detail": "high",
            "file": "",
        }
    ]
    back = from_payload(ItemKind.MESSAGE, "item_1", payload)
    assert isinstance(back, Message)
    assert back.pictures == (Picture("cat.png", "image/png", 8, 6, b"", Detail.HIGH),)


def test_a_hostile_picture_payload_loses_only_the_damaged_parts() -> None:
    payload = {
        "role": "user",
        "text": "x",
        "pictures": [
            {"name": "a.png", "mime": "image/png", "width": 1, "height": 1, "data": "AAAA"},
            {"name": "b.png", "width": "wide"},  # a required field damaged: dropped
            "not an object",
        ],
    }
    back = from_payload(ItemKind.MESSAGE, "item_1", payload)
    assert isinstance(back, Message)
    assert back.pictures == (Picture("a.png", "image/png", 1, 1),)


def test_a_reconnect_sends_the_pictures_again() -> None:
    session = connected()
    item_id = session.send_text("what is this?", [CAT])
    feed(session, wire.item_added(_echo(item_id, "what is this?"), None))
    sent(session)
    session.connection_lost()
    feed(session, wire.session_created())
    out = sent(session)
    assert types(out)[:2] == ["session.update", "conversation.item.create"]
    parts = out[1]["item"]["content"]
    assert [p["type"] for p in parts] == ["input_text", "input_image"]
    assert parts[1]["image_url"].endswith(base64.b64encode(PNG).decode())


def test_a_reconnect_sends_only_the_newest_pictures_within_their_budget() -> None:
    screen = Picture("screen.png", "image/png", 1536, 768, PNG, Detail.HIGH)  # 1,105 tokens
    assert 2 * picture_tokens(screen) <= PICTURE_TOKEN_BUDGET < 3 * picture_tokens(screen)
    session = connected()
    first = session.send_text("one", [replace(screen, name="one.png")])
    second = session.send_text("two and three", [replace(screen, name="two.png"), screen])
    feed(session, wire.item_added(_echo(first, "one"), None))
    feed(session, wire.item_added(_echo(second, "two and three"), first))
    sent(session)
    session.connection_lost()
    feed(session, wire.session_created())
    creates = [
        e["item"]["content"] for e in sent(session) if e["type"] == "conversation.item.create"
    ]
    assert creates[0] == [
        {"type": "input_text", "text": "one\n(Pictures shown earlier, not sent again: one.png.)"}
    ]
    assert [p["type"] for p in creates[1]] == ["input_text", "input_image", "input_image"]
    assert session.conversation.get(first).pictures[0].data == PNG  # type: ignore[union-attr]


def test_a_resumed_picture_without_its_bytes_is_named_in_a_note() -> None:
    kept = Picture("cat.png", "image/png", 8, 6)
    session = new_session()
    session.restore([Message("item_1", Role.USER, ItemStatus.COMPLETED, "look", pictures=(kept,))])
    feed(session, wire.session_created())
    create = sent(session)[1]
    assert create["item"]["content"] == [
        {
            "type": "input_text",
            "text": "look\n(Pictures shown earlier, not sent again: cat.png.)",
        }
    ]
