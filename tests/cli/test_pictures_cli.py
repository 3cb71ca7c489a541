"""`chat --image` and `voice --image` as real processes against the simulator: the pictures go
with the next --text message, the reply names their format and size, --json shows them without
their bytes, the event log elides them, and a bad file sends nothing."""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path

import pytest

from assistant.cli.pictures import add_message_options, refuse_pictures
from assistant.cli.profiles import UsageError
from assistant.realtime import Dialect, Picture
from assistant.simulator import Simulator, SimulatorOptions
from tests.cli.test_cli import cli
from tests.pictures import jpeg, png


@pytest.fixture
def shots(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "screen.png", tmp_path / "photo.jpg"
    first.write_bytes(png(640, 480))
    second.write_bytes(jpeg(3000, 2000))
    return first, second


async def test_chat_sends_pictures_with_the_next_text(
    shots: tuple[Path, Path], tmp_path: Path
) -> None:
    log = tmp_path / "events.jsonl"
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--api-key-env",
            "K",
            "--image",
            str(shots[0]),
            "--image",
            str(shots[1]),
            "--text",
            "what are these?",
            "--text",
            "thanks",
            "--json",
            "--event-log",
            str(log),
            "--no-history",
            env={"K": "sk-test-pictures-0123456789abcdef"},
        )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    items = [line for line in lines if line["type"] == "item"]
    users = [i for i in items if i["role"] == "user"]
    assert users[0]["pictures"] == [
        {"name": "screen.png", "mime": "image/png", "width": 640, "height": 480}
        | {"bytes": shots[0].stat().st_size, "detail": "auto"},
        {"name": "photo.jpg", "mime": "image/jpeg", "width": 1152, "height": 768}
        | {"bytes": users[0]["pictures"][1]["bytes"], "detail": "auto"},
    ]
    assert "pictures" not in users[1]
    reply = items[1]["text"]
    assert reply == (
        "This is the offline demo; I received a PNG picture of 640 by 480 pixels and a JPEG "
        "picture of 1152 by 768 pixels. You asked: what are these."
    )
    summary = lines[-1]
    assert summary["usage"]["input_image"] > 0
    text = log.read_text()
    assert 'base64,"' in text and '"elided_bytes"' in text
    assert base64.b64encode(shots[0].read_bytes())[-64:].decode() not in text  # no bytes


async def test_chat_text_output_counts_image_tokens(shots: tuple[Path, Path]) -> None:
    code, out, err = await cli(
        "chat", "--provider", "demo", "--image", str(shots[0]), "--text", "look", "--no-history"
    )
    assert code == 0, err
    assert "I received a PNG picture of 640 by 480 pixels" in out
    assert " image" in out and "$" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text\n", "notes.txt is not a picture the assistant can send"),
        (png(50, 50)[:70], "could not be read: the file is damaged"),
    ],
)
async def test_a_bad_picture_is_one_sentence_and_nothing_is_sent(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_bytes(content)
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--api-key-env",
            "K",
            "--image",
            str(bad),
            "--text",
            "what is this?",
            env={"K": "sk-test-pictures-0123456789abcdef"},
        )
        assert sim.connections == 0
    assert code == 2 and out == ""
    assert message.replace("notes.txt", bad.name) in err
    assert len(err.strip().splitlines()) == 1


async def test_a_picture_without_a_text_after_it_is_a_usage_error(
    shots: tuple[Path, Path],
) -> None:
    code, _, err = await cli(
        "chat", "--provider", "demo", "--text", "hi", "--image", str(shots[0]), "--no-history"
    )
    assert code == 2
    assert "--image screen.png needs a --text message after it" in err


def test_options_keep_their_order() -> None:
    parser = argparse.ArgumentParser()
    add_message_options(parser, "text")
    args = parser.parse_args(["--text", "a", "--image", "x.png", "--text", "b"])
    assert args.inputs == [("text", "a"), ("image", "x.png"), ("text", "b")]
    assert args.text == ["a", "b"] and args.image == ["x.png"]


async def test_the_history_keeps_shows_and_exports_the_pictures(
    shots: tuple[Path, Path], tmp_path: Path
) -> None:
    env = {"RA_DATA_DIR": str(tmp_path / "data")}
    code, _, err = await cli(
        "chat", "--provider", "demo", "--image", str(shots[0]), "--text", "look", env=env
    )
    assert code == 0, err
    code, listing, err = await cli("history", "list", env=env)
    assert code == 0, err
    cid = listing.split()[0]
    code, shown, err = await cli("history", "show", cid, env=env)
    assert code == 0, err
    assert "user: look  [picture screen.png, 640x480]" in shown
    target = tmp_path / "export.md"
    code, _, err = await cli(
        "history", "export", cid, "--format", "md", "--output", str(target), env=env
    )
    assert code == 0, err
    (copied,) = (tmp_path / "export-pictures").iterdir()
    assert copied.read_bytes() == shots[0].read_bytes()
    assert f"(export-pictures/{copied.name})" in target.read_text()
    code, _, err = await cli("history", "delete", cid, env=env)
    assert code == 0, err
    assert not any((tmp_path / "data" / "pictures").iterdir())


@pytest.mark.parametrize(
    ("dialect", "words"),
    [(Dialect.LIVE, "GPT-Live takes no pictures"), (Dialect.BETA, "Azure preview protocol")],
)
def test_pictures_are_refused_where_the_protocol_takes_none(dialect: Dialect, words: str) -> None:
    shot = Picture("screen.png", "image/png", 64, 48, png(64, 48))
    given = [("hello", ()), ("what is this?", (shot,))]
    with pytest.raises(UsageError, match=words) as refused:
        refuse_pictures(given, dialect)
    assert "screen.png" in str(refused.value)
    refuse_pictures(given, Dialect.GA)  # the GA protocol takes them
    refuse_pictures([("hello", ())], dialect)  # and text alone goes anywhere
