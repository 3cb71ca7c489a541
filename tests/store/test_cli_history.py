"""`realtime-assistant history ...` on a real file in RA_DATA_DIR."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import history
from assistant.realtime import ItemStatus, Message, Role, Usage
from assistant.store import HistoryStore, TurnUsage


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="realtime-assistant")
    history.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["history", *argv])
    code = args.run(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(data_dir: Path) -> str:
    with HistoryStore.open() as store:
        cid = store.create_conversation(model="gpt-realtime", at=1_750_000_000.0)
        texts = [("user", "How tall is the Matterhorn?"), ("assistant", "4,478 metres.")]
        for n, (role, text) in enumerate(texts, start=1):
            item = Message(f"item_{n}", Role(role), ItemStatus.COMPLETED, text)
            store.save_item(cid, item, n * 1024, at=1_750_000_000.0 + n)
        store.add_usage(
            cid,
            TurnUsage(
                "response", "r1", Usage(input_text=100, output_text=20), 0.0012, 1_750_000_003.0
            ),
        )
    return cid


def test_list_show_search(capsys: pytest.CaptureFixture[str], stored: str) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.split("  ")[0] == stored[:8] and out.rstrip().endswith("How tall is the Matterhorn?")
    assert "$0.0012" in out
    code, out, _ = run(capsys, "show", stored[:6])
    assert code == 0
    assert out.splitlines()[2:] == ["user: How tall is the Matterhorn?", "assistant: 4,478 metres."]
    code, out, _ = run(capsys, "search", "matterhorn")
    assert code == 0 and "[Matterhorn]" in out and stored[:8] in out


def test_export_json_then_import_after_delete(
    capsys: pytest.CaptureFixture[str], stored: str, tmp_path: Path
) -> None:
    code, exported, _ = run(capsys, "export", stored, "--format", "json")
    assert code == 0 and json.loads(exported)["conversation"]["id"] == stored
    (tmp_path / "c.json").write_text(exported, encoding="utf-8")
    assert run(capsys, "delete", stored)[:2] == (0, f"deleted {stored[:8]}\n")
    assert run(capsys, "list")[1] == ""
    code, out, _ = run(capsys, "import", str(tmp_path / "c.json"))
    assert code == 0 and out.startswith(f"imported {stored[:8]}")
    assert run(capsys, "export", stored, "--format", "json")[1] == exported
    code, _, err = run(capsys, "import", str(tmp_path / "c.json"))
    assert code == 2 and "already in the history" in err


def test_export_markdown_to_a_file_and_rename(
    capsys: pytest.CaptureFixture[str], stored: str, tmp_path: Path
) -> None:
    assert run(capsys, "rename", stored, "Mountains")[0] == 0
    target = tmp_path / "c.md"
    assert run(capsys, "export", stored, "--format", "md", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Mountains\n") and "**You:** How tall is the Matterhorn?" in text


def test_event_log_export(capsys: pytest.CaptureFixture[str], stored: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", stored, "--format", "log", "-o", str(tmp_path / "l"))
    assert code == 2 and "no session event log was kept" in err
    with HistoryStore.open() as store:
        log = store.event_log_path(stored)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text('{"t":1,"dir":"server","event":{"type":"session.created"}}\n')
    code, _, err = run(capsys, "export", stored, "--format", "log", "-o", str(tmp_path / "l"))
    assert code == 0 and err.startswith("1 events written")


@pytest.mark.parametrize(
    "argv",
    [["show", "nope"], ["export", "nope"], ["import", "/nonexistent.json"], ["delete", ""]],
)
def test_failures_are_one_sentence_and_exit_status_2(
    capsys: pytest.CaptureFixture[str], stored: str, argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("realtime-assistant: ") and err.count("\n") == 1


def test_the_command_is_registered(stored: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "history", "list"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    assert stored[:8] in done.stdout
