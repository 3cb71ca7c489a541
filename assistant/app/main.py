"""`run_app()`: the desktop app's event loop (Qt's, with asyncio running inside it via qasync).

With the offline demo (`--demo`, or no key configured) the built-in simulator runs on
127.0.0.1 in the same loop and the window connects to it: no key, no network. Setting
`REALTIME_ASSISTANT_SMOKE_TEST=1` prints "window shown" to stderr as soon as it is, then closes
the window once it has connected (or failed): for smoke tests and the start-up benchmark.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import sys
from collections.abc import Callable
from dataclasses import replace

import qasync  # type: ignore[import-untyped]  # ships no type information
from PySide6.QtWidgets import QApplication

from assistant.app.assembly import (
    RunningApp,
    apply_settings,
    assemble,
    remember_probes,
    shown_settings,
)
from assistant.app.audio import portaudio_backend
from assistant.app.connection import ConnectionPlan, plan_connection
from assistant.app.history import AppHistory
from assistant.app.model_check import check_model
from assistant.app.reconnect import KeyringWatch, Link, show_plan, switch_connection
from assistant.app.settings_flow import SettingsFlow
from assistant.app.tools import ToolServices
from assistant.app.tools_page_flow import ToolsPageFlow
from assistant.controller import TurnMode
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import KeyringSecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui import i18n
from assistant.ui.appicon import app_icon
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.palette import follow_color_scheme
from assistant.ui.problems import Action
from assistant.ui.settings_dialog import SettingsDialog

SMOKE_ENV = "REALTIME_ASSISTANT_SMOKE_TEST"
SMOKE_TIMEOUT = 30.0


def run_app(*, demo: bool = False) -> int:
    """Open the window and run until it is closed; returns the process exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Realtime Assistant")
    app.setDesktopFileName("realtime-assistant")
    app.setWindowIcon(app_icon())
    follow_color_scheme(app)
    app.setQuitOnLastWindowClosed(False)  # the loop ends when `_main` returns, after cleanup
    store = SettingsStore()  # one store: an unusable file is set aside and reported once
    i18n.install(app, i18n.choose_language(store.load().ui_language))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(_main(store, demo=demo)))
    finally:
        loop.close()
        asyncio.set_event_loop(None)


async def _main(store: SettingsStore, *, demo: bool) -> int:
    """One window for the whole run; a new connection (Save, Retry, a keyring unlocked) keeps
    it and its conversation (`assistant.app.reconnect`)."""
    secrets = LayeredSecretStore(KeyringSecretStore())
    model_note = _check_model(store)
    plan = plan_connection(store.load(), secrets, os.environ, demo=demo)
    settings_note = store.take_notice()
    for note in (settings_note, model_note, plan.note, plan.problem):
        if note:
            sys.stderr.write(note + "\n")
    backend, audio_note = portaudio_backend()
    link = await Link.open(plan)
    try:
        running = assemble(
            link.endpoint,
            plan.provider,
            store.load(),
            backend=backend,
            tool_services=ToolServices.desktop(secrets),
            history=AppHistory.open(store.load(), link.profile),
        )
        running.tools.on_always.append(lambda name: _remember_allowed(store, name, running))
        restart = asyncio.Event()
        current = [link]
        flow = _wire_settings(running, store, secrets, lambda: current[0].plan, restart)
        keyring = KeyringWatch(secrets, restart.set)
        for note in (settings_note, model_note, audio_note):
            if note:
                running.window.show_notice(note)
        show_plan(running, plan)
        keyring.follow(plan)
        running.window.show()
        running.core.start()
        if wants_welcome(store.load(), plan, demo=demo) and not os.environ.get(SMOKE_ENV):
            flow.first_run(running.window)
        try:
            while (outcome := await _until_closed(running, restart)) is None:
                restart.clear()
                current[0] = link = await _reconnect(running, store, secrets, link)
                keyring.follow(link.plan)
            return outcome
        finally:
            keyring.stop()
            await running.aclose()
            running.window.close()
    finally:
        await link.aclose()


async def _reconnect(
    running: RunningApp, store: SettingsStore, secrets: LayeredSecretStore, old: Link
) -> Link:
    """The connection the settings and the keyring give now, in the same window."""
    model_note = _check_model(store)
    if model_note:
        running.window.show_notice(model_note)
    plan = plan_connection(store.load(), secrets, os.environ)
    link = await Link.open(plan)
    try:
        await switch_connection(running, link, store.load())
    except BaseException:
        await link.aclose()
        raise
    finally:
        await old.aclose()  # the core has left it (or the app is closing)
    return link


def _check_model(store: SettingsStore) -> str:
    """A retired model is replaced in the settings file; the sentence says so (or warns)."""
    stored = store.load()
    settings, note = check_model(stored, datetime.date.today())
    if settings != stored:
        try:
            store.save(settings)
        except OSError as error:
            return f"{note} {not_saved(error)}"
    return note


def _wire_settings(
    running: RunningApp,
    store: SettingsStore,
    secrets: LayeredSecretStore,
    plan: Callable[[], ConnectionPlan],
    restart: asyncio.Event,
) -> SettingsFlow:
    """`plan()`: the connection plan in use now."""

    def saved(settings: AppSettings, connection_changed: bool) -> None:
        if connection_changed:
            restart.set()
        else:
            apply_settings(running, settings)

    tools_page = ToolsPageFlow(running.tools, lambda: apply_settings(running, store.load()))
    flow = SettingsFlow(
        store,
        secrets,
        os.environ,
        saved,
        running.audio,
        pages=lambda s: [tools_page.page(s)],
        on_probed=lambda stored: remember_probes(running, stored),
    )

    def open_settings() -> SettingsDialog:
        return flow.open(shown_settings(store.load(), plan()), running.window)

    running.window.settings_requested.connect(open_settings)
    running.window.problem_action.connect(
        lambda _kind, action: _problem_action(action, open_settings, restart)
    )
    running.window.talk.mode_chosen.connect(lambda mode: _remember_mode(store, mode, running))
    return flow


def _problem_action(
    action: Action, open_settings: Callable[[], SettingsDialog], restart: asyncio.Event
) -> None:
    """The banner's actions the app carries out: the audio settings, a new connection plan
    (the keyring may be unlocked now), in the same window."""
    if action is Action.AUDIO_SETTINGS:
        dialog = open_settings()
        dialog.tabs.setCurrentWidget(dialog.audio)
    elif action is Action.RETRY:
        restart.set()


def wants_welcome(settings: AppSettings, plan: ConnectionPlan, *, demo: bool) -> bool:
    """The first run: no provider chosen, no key found, and not started with --demo."""
    return settings.provider is None and plan.endpoint is None and not demo


def _remember_mode(store: SettingsStore, mode: TurnMode, running: RunningApp) -> None:
    """Keep the chosen turn mode (the controller switched with the user's parameters) for the
    settings applied later and the next start (settings only, never a secret)."""
    running.settings = replace(running.settings, turn_mode=mode.value)
    try:
        store.save(replace(store.load(), turn_mode=mode.value))
    except OSError as error:
        running.window.show_notice(not_saved(error))


def _remember_allowed(store: SettingsStore, tool: str, running: RunningApp) -> None:
    """ "Always allow" in the approval dialog: the tool runs without asking from now on (also
    when the running settings are applied again)."""
    running.settings = _allowing(running.settings, tool)
    try:
        store.save(_allowing(store.load(), tool))
    except OSError as error:
        running.window.show_notice(not_saved(error))


NOT_SAVED = QT_TRANSLATE_NOOP(
    "Settings", "The setting could not be saved ({reason}); it applies until the app is closed."
)


def not_saved(error: OSError) -> str:
    reason = error.strerror or (localize(error.args[0]) if error.args else str(error))
    return translate("Settings", NOT_SAVED).format(reason=reason)


def _allowing(settings: AppSettings, tool: str) -> AppSettings:
    return replace(settings, tool_permissions={**settings.tool_permissions, tool: "allow"})


async def _until_closed(running: RunningApp, restart: asyncio.Event) -> int | None:
    if os.environ.get(SMOKE_ENV):
        return await _smoke(running)
    closed = asyncio.Event()
    running.window.closed.connect(closed.set)
    waits = {asyncio.ensure_future(closed.wait()), asyncio.ensure_future(restart.wait())}
    _, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for waiter in pending:
        waiter.cancel()
    return 0 if closed.is_set() else None


async def _smoke(running: RunningApp) -> int:
    sys.stderr.write("smoke test: window shown\n")
    sys.stderr.flush()
    outcome: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    running.bridge.session_started.connect(lambda _e: _settle(outcome, "connected"))
    running.bridge.connection_failed.connect(lambda message: _settle(outcome, message))
    try:
        result = await asyncio.wait_for(outcome, SMOKE_TIMEOUT)
    except TimeoutError:
        result = f"no connection within {SMOKE_TIMEOUT:.0f} s"
    sys.stderr.write(f"smoke test: {result}\n")
    for problem in running.window.problems.problems():  # what the banner shows
        sys.stderr.write(f"smoke test: problem ({problem.kind.value}): {problem.text}\n")
    running.window.close()
    return 0 if result == "connected" else 1


def _settle(future: asyncio.Future[str], result: str) -> None:
    if not future.done():
        future.set_result(result)
