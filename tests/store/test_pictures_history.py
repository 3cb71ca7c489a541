"""Pictures in the history, over a real SQLite file: kept as private files beside the database,
named from the message's payload, deleted with their conversation, listed by `history show`,
exported (Markdown with the files, JSON with the references), and sent again on resume within
the pictures' budget or named in a note. Every client event is checked by the oracle."""

from __future__ import annotations

import base64
import json
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.cli.history import item_line
from assistant.realtime import Detail, ItemStatus, Message, Picture, Role, Session
from assistant.realtime.picture_budget import picture_tokens, pictures_within
from assistant.store import ConversationRecorder, HistoryStore, dumps, write_markdown
from tests.oracle import validate_client_event
from tests.pictures import png
from tests.realtime import wire
from tests.store import turns

SHOT = png(40, 30)
PHOTO = png(60, 20)


def _picture_turn(store: HistoryStore) -> tuple[str, str]:
    """A recorded turn: a message with two pictures and its reply; (conversation, item id)."""
    session = turns.new_session()
    recorder = ConversationRecorder(store, session, clock=turns.Clock())
    feed = lambda *m: turns.feed(session, recorder.on_event, *m)  # noqa: E731
    feed(wire.session_created())
    pictures = [
        Picture("shot.png", "image/png", 40, 30, SHOT),
        Picture("photo.png", "image/png", 60, 20, PHOTO, Detail.LOW),
    ]
    item_id = session.send_text("what are these?", pictures)
    echo = wire.message(item_id, "user", "what are these?")
    feed(turns.echo(echo, None), *turns.text_reply("resp_1", "item_a", item_id, "Two pictures."))
    recorder.flush()
    return recorder.conversation_id or "", item_id


def _sent(session: Session) -> list[dict[str, Any]]:
    messages = [json.loads(m) for m in session.messages_to_send()]
    for message in messages:
        validate_client_event(message, "ga")
    return messages


def test_pictures_are_private_files_named_in_the_payload(store: HistoryStore) -> None:
    cid, item_id = _picture_turn(store)
    folder = store.pictures_dir(cid)
    assert folder.parent == store.path.parent / "pictures"
    files = sorted(p.name for p in folder.iterdir())
    assert files == [f"{item_id}-0.png", f"{item_id}-1.png"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / f).stat().st_mode) == 0o600 for f in files)
    message = store.load(cid).items[0].item
    assert isinstance(message, Message)
    assert [(p.name, p.file, p.data) for p in message.pictures] == [
        ("shot.png", f"{item_id}-0.png", b""),
        ("photo.png", f"{item_id}-1.png", b""),
    ]
    assert store.picture_bytes(cid, message.pictures[0]) == SHOT


def test_deleting_the_conversation_deletes_its_pictures(store: HistoryStore) -> None:
    cid, _ = _picture_turn(store)
    assert store.pictures_dir(cid).is_dir()
    assert store.delete(cid)
    assert not store.pictures_dir(cid).exists()


def test_history_show_names_the_pictures(store: HistoryStore) -> None:
    cid, _ = _picture_turn(store)
    line = item_line(store.load(cid).items[0].item)
    assert line == "user: what are these?  [picture shot.png, 40x30]  [picture photo.png, 60x20]"


def test_exports_copy_the_files_for_markdown_and_reference_them_in_json(
    store: HistoryStore, tmp_path: Path
) -> None:
    cid, item_id = _picture_turn(store)
    target = tmp_path / "out" / "talk.md"
    target.parent.mkdir()
    write_markdown(store, cid, target)
    text = target.read_text()
    assert f"![picture shot.png, 40x30](talk-pictures/{item_id}-0.png)" in text
    assert (tmp_path / "out" / "talk-pictures" / f"{item_id}-0.png").read_bytes() == SHOT
    exported = json.loads(dumps(store.load(cid)))
    pictures = exported["items"][0]["pictures"]
    assert [p["file"] for p in pictures] == [f"{item_id}-0.png", f"{item_id}-1.png"]
    assert "data" not in pictures[0]


def test_resume_sends_the_pictures_again(store: HistoryStore) -> None:
    cid, _ = _picture_turn(store)
    session = turns.new_session()
    _, plan = ConversationRecorder.resume(store, cid, session)
    message = plan.items[0]
    assert isinstance(message, Message) and message.pictures[0].data == SHOT
    session.receive_message(wire.session_created())
    create = _sent(session)[1]
    parts = create["item"]["content"]
    assert [p["type"] for p in parts] == ["input_text", "input_image", "input_image"]
    assert parts[1]["image_url"] == "data:image/png;base64," + base64.b64encode(SHOT).decode()
    assert parts[2]["detail"] == "low"


def test_resume_names_the_pictures_it_could_not_send(store: HistoryStore) -> None:
    cid, item_id = _picture_turn(store)
    (store.pictures_dir(cid) / f"{item_id}-1.png").unlink()  # a file lost meanwhile
    session = turns.new_session()
    ConversationRecorder.resume(store, cid, session)
    session.receive_message(wire.session_created())
    parts = _sent(session)[1]["item"]["content"]
    assert [p["type"] for p in parts] == ["input_text", "input_image"]
    assert parts[0]["text"] == (
        "what are these?\n(Pictures shown earlier, not sent again: photo.png.)"
    )


def test_the_newest_pictures_fit_the_budget_first() -> None:
    old = Picture("old.png", "image/png", 512, 512, file="a-0.png")
    new = replace(old, name="new.png", file="b-0.png")
    items = (
        Message("a", Role.USER, ItemStatus.COMPLETED, "x", pictures=(old,)),
        Message("b", Role.USER, ItemStatus.COMPLETED, "y", pictures=(new,)),
    )
    read = lambda picture: picture.file.encode()  # noqa: E731
    kept = pictures_within(items, read, budget=picture_tokens(new))
    assert [m.pictures[0].data for m in kept if isinstance(m, Message)] == [b"", b"b-0.png"]


def test_a_hostile_file_name_is_never_read(store: HistoryStore) -> None:
    (store.path.parent / "secret.png").write_bytes(b"secret")
    hostile = Picture("x.png", "image/png", 1, 1, file="../../secret.png")
    assert store.picture_bytes("c1", hostile) is None
