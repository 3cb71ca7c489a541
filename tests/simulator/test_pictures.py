"""`input_image` parts over a real socket: the simulator reads the picture, answers about it,
and bills its image tokens; every event is checked by the oracle (`RawClient`)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.simulator.pictures import image_tokens
from tests.pictures import data_url, jpeg, png
from tests.simulator.client import RawClient


def _message(*parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": "user", "content": list(parts)},
    }


def _image(url: str, detail: str = "auto") -> dict[str, Any]:
    return {"type": "input_image", "image_url": url, "detail": detail}


async def _reply(client: RawClient) -> tuple[str, dict[str, Any]]:
    events = await client.until("response.done")
    done = events[-1]["response"]
    return done["output"][0]["content"][0]["transcript"], done["usage"]


async def test_a_picture_is_answered_with_its_format_and_size(client: RawClient) -> None:
    text = {"type": "input_text", "text": "What is this?"}
    await client.send(_message(text, _image(data_url(png(640, 480)), "high")))
    added = await client.expect("conversation.item.added")
    assert added["item"]["content"][1] == {"type": "input_image", "detail": "high"}
    await client.send({"type": "response.create"})
    transcript, usage = await _reply(client)
    assert transcript == (
        "This is the offline demo; I received a PNG picture of 640 by 480 pixels. "
        "You asked: What is this."
    )
    assert usage["input_token_details"]["image_tokens"] == image_tokens(640, 480, "high")


async def test_two_pictures_in_one_message_are_both_described(client: RawClient) -> None:
    jpeg_url = data_url(jpeg(300, 200), "image/jpeg")
    await client.send(_message(_image(jpeg_url, "low"), _image(data_url(png(10, 20)))))
    await client.send({"type": "response.create"})
    transcript, usage = await _reply(client)
    assert "a JPEG picture of 300 by 200 pixels and a PNG picture of 10 by 20 pixels" in transcript
    assert usage["input_token_details"]["image_tokens"] == 85 + image_tokens(10, 20, "auto")


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("https://example.com/cat.png", "item.content[0].image_url"),
        ("data:image/gif;base64,R0lGODlh", "item.content[0].image_url"),
        ("data:image/png;base64,not base64!", "item.content[0].image_url"),
        (data_url(b"\x89PNG\r\n\x1a\nshort"), "item.content[0].image_url"),
        (data_url(png(4, 4), "image/jpeg"), "item.content[0].image_url"),
    ],
)
async def test_a_bad_picture_is_refused_and_the_session_goes_on(
    client: RawClient, url: str, param: str
) -> None:
    await client.send(_message(_image(url)))
    error = await client.expect("error")
    assert error["error"]["param"] == param
    await client.say("still there?")
    transcript, _ = await _reply(client)
    assert transcript.endswith("you said: still there.")


def test_image_tokens_follow_the_tile_rule() -> None:
    assert image_tokens(4000, 3000, "low") == 85
    assert image_tokens(512, 512, "high") == 85 + 170
    assert image_tokens(4096, 2048, "high") == 85 + 170 * 6  # 1536x768: 3 by 2 tiles
