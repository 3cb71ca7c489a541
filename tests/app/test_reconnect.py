"""A new connection keeps the window and the conversation; a keyring problem clears itself.

The real window against two simulators (the connection before and after Save), a fake secret
store whose lock the test turns (the app's side of the keyring), and the real gnome-keyring
of the test session locked and unlocked over D-Bus (`tests/settings/keyring_lock.py`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.audio import PREBUFFER_MS, SHORT_PREBUFFER_MS
from assistant.app.connection import ConnectionPlan, plan_connection
from assistant.app.history import AppHistory
from assistant.app.main import _wire_settings
from assistant.app.reconnect import KeyringWatch, Link, show_plan, switch_connection
from assistant.realtime import Dialect
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import KeyringSecretStore, SecretStoreUnavailable
from assistant.settings.store import AppSettings, SettingsStore
from assistant.simulator import Simulator, SimulatorOptions
from assistant.text import Sentence
from assistant.transport import custom
from assistant.ui.chat_rows import RowKind
from assistant.ui.problems import Action, ProblemKind
from tests.settings.keyring_lock import locked_keyring
from tests.store.fixtures import data_dir
from tests.ui.rig import Rig, window_rig
from tests.ui.test_window_text import type_message

__all__ = ["data_dir"]  # the fixture


class TurningKeyring:
    """A secret store that is locked until the test unlocks it (the `SecretStore` protocol)."""

    def __init__(self, secrets: dict[str, str]) -> None:
        self.secrets, self.locked, self.asked = secrets, True, 0

    def get(self, account: str) -> str | None:
        self.asked += 1
        if self.locked:
            raise SecretStoreUnavailable(Sentence("Keyring", "The system keyring is locked."))
        return self.secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        self.secrets[account] = secret

    def delete(self, account: str) -> None:
        self.secrets.pop(account, None)


def said(rig: Rig, text: str) -> None:
    before = len(rig.rows_of(RowKind.ASSISTANT))
    type_message(rig, text)
    rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) > before and rig.rows[-1].final)


def other_link(rig: Rig, sim: Simulator) -> Link:
    plan = ConnectionPlan(custom(sim.url, model="gpt-realtime"), "Custom endpoint")
    return rig.run(Link.open(plan))


def test_a_new_connection_keeps_the_window_and_the_conversation(
    qtbot: QtBot, qloop: Any, data_dir: Path
) -> None:
    history = AppHistory.open(AppSettings(), "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        window, first_session = rig.window, rig.app.core.session
        said(rig, "Remember the word pelican.")
        shown = [(row.kind, row.text) for row in rig.rows]
        old_ids = first_session.conversation.ids()
        second = Simulator(SimulatorOptions(pace=0, record=True), host="127.0.0.1", port=0)
        rig.run(second.start())
        try:
            rig.run(switch_connection(rig.app, other_link(rig, second), AppSettings()))
            assert rig.window is window and rig.app.core.session is not first_session
            assert [(row.kind, row.text) for row in rig.rows] == shown  # nothing lost
            replayed = lambda: [  # noqa: E731
                event["item"]["id"]
                for event in second.received
                if event.get("type") == "conversation.item.create"
            ]
            rig.wait(lambda: len(replayed()) >= len(old_ids))
            assert replayed()[: len(old_ids)] == old_ids  # the new server has the conversation
            said(rig, "Which word?")
            assert [(r.kind, r.text) for r in rig.rows][: len(shown)] == shown
            assert "Custom endpoint" in rig.window.status.endpoint.text()
            recorder = history.recorder
            assert recorder is not None and recorder.conversation_id is not None
            assert history.store is not None
            stored = history.store.load(recorder.conversation_id)
            assert len(stored.items) == len(rig.app.core.session.conversation.ids())  # one
        finally:
            rig.run(rig.app.aclose())
            rig.run(second.close())


def test_retry_reads_the_keyring_again_in_the_same_window(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    keyring = TurningKeyring({"openai": "sk-local"})
    secrets = LayeredSecretStore(keyring)
    store = SettingsStore(tmp_path / "settings.json")
    with window_rig(qtbot, qloop, audio=False) as rig:
        settings = AppSettings(provider="openai")
        store.save(settings)
        plan = plan_connection(settings, secrets, {})
        assert plan.keyring and plan.endpoint is None  # locked: the demo, with the problem
        said(rig, "Hello before the keyring.")
        shown = [(row.kind, row.text) for row in rig.rows]
        restart = asyncio.Event()
        current = [plan]
        _wire_settings(rig.app, store, secrets, lambda: current[0], restart)
        show_plan(rig.app, plan)
        row = rig.window.problems.rows[ProblemKind.KEYRING]
        keyring.locked = False  # the user unlocked it
        qtbot.mouseClick(row.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
        assert restart.is_set()
        fresh = plan_connection(store.load(), secrets, {})
        assert fresh.endpoint is not None and not fresh.problem and not fresh.keyring
        # The same plan, pointed at the simulator (no internet here).
        local = custom(rig.sim.url, lambda: "sk-local", model="gpt-realtime")
        link = rig.run(Link.open(ConnectionPlan(local, fresh.provider)))
        rig.run(switch_connection(rig.app, link, store.load()))
        assert not rig.window.problems.rows  # solved by the new plan
        assert rig.window.status.endpoint.text().startswith("OpenAI")
        assert [(r.kind, r.text) for r in rig.rows] == shown
        rig.wait(lambda: rig.app.core.session.connected)


def test_the_keyring_problem_clears_itself_without_a_retry_storm(qtbot: QtBot, qloop: Any) -> None:
    keyring = TurningKeyring({"openai": "sk-x"})
    secrets = LayeredSecretStore(keyring)
    readable: list[bool] = []
    watch = KeyringWatch(secrets, lambda: readable.append(True), interval=0.01)
    locked = plan_connection(AppSettings(provider="openai"), secrets, {})
    watch.follow(locked)
    watch.follow(locked)  # one watcher, not two
    qtbot.waitUntil(lambda: keyring.asked >= 4)
    assert readable == [] and watch.watching  # asked quietly; nothing restarts while locked
    keyring.locked = False
    qtbot.waitUntil(lambda: bool(readable))
    asked = keyring.asked
    qtbot.wait(100)
    assert readable == [True] and not watch.watching and keyring.asked == asked  # then stops
    watch.follow(plan_connection(AppSettings(provider="openai"), secrets, {}))
    assert not watch.watching  # no problem: nothing to watch
    del qloop


def test_the_real_keyring_locked_is_said_without_a_prompt_and_read_once_unlocked() -> None:
    store = KeyringSecretStore()
    store.set("openai", "sk-test-keyring-NOT-REAL")
    secrets = LayeredSecretStore(store)
    with locked_keyring():
        plan = plan_connection(AppSettings(provider="openai"), secrets, {})
        assert plan.keyring and plan.problem.startswith("The system keyring is locked.")
        assert secrets.unavailable_reason()  # asked again: still no prompt, no hang
    assert secrets.unavailable_reason() == ""
    plan = plan_connection(AppSettings(provider="openai"), secrets, {})
    assert plan.endpoint is not None and not plan.problem
    store.delete("openai")


def test_switching_to_gpt_live_and_back_switches_the_playback_buffer(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        speaker = rig.app.audio.speaker
        assert speaker is not None and speaker.prebuffer_ms == PREBUFFER_MS[0]
        second = Simulator(SimulatorOptions(pace=0), host="127.0.0.1", port=0)
        rig.run(second.start())
        try:
            live = Link.open(ConnectionPlan(custom(second.live_url), "Custom endpoint"))
            rig.run(switch_connection(rig.app, rig.run(live), AppSettings()))
            assert rig.app.core.session.dialect is Dialect.LIVE
            assert rig.app.audio.speaker is speaker  # the same speaker, a short buffer now
            assert speaker.prebuffer_ms == SHORT_PREBUFFER_MS[0]
            rig.run(switch_connection(rig.app, other_link(rig, second), AppSettings()))
            assert speaker.prebuffer_ms == PREBUFFER_MS[0]
        finally:
            rig.run(rig.app.aclose())
            rig.run(second.close())
