"""The settings dialog's side effects: test a connection, store the key, save the settings.

Keys go to the OS keyring only (or, when there is none and the user ticked the box, to memory
for this run); settings go to the config file and never hold a key. After a save the app is
told whether the connection changed (it then reconnects with a new conversation) or only the
conversation settings did (applied to the running session). With the running app's audio, the
Audio page lists its devices, previews the chosen input and runs the loopback probe
(`DeviceChoice`); the first-run welcome uses the same page as its second step. A probe's echo
verdict for its pair is saved at once (not only on Save) and handed to `on_probed`, so echo
handling on Auto follows it in the running app.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtWidgets import QDialog

from assistant.app.audio import AudioSetup
from assistant.app.audio_choice import DeviceChoice
from assistant.app.connection import KEY_ENV, SettingsProblem, endpoint_for, same_connection
from assistant.audio.probe import ProbeResult as EchoProbeResult
from assistant.audio.selection import DeviceInfo
from assistant.controller.device_settings import settings_pair, with_pair, with_verdict
from assistant.settings.checks import ConnectionFields, check_connection
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import SecretStoreUnavailable
from assistant.settings.store import AppSettings, SettingsStore
from assistant.transport.probe import ProbeResult, probe
from assistant.ui.audio_page import AudioPage
from assistant.ui.echo_choice import probe_verdict
from assistant.ui.first_run import FirstRunChoice, FirstRunDialog
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.settings_dialog import DialogValues, SettingsDialog, SettingsPage
from assistant.ui.settings_form import key_account

DEMO_NOTE = QT_TRANSLATE_NOOP(
    "Settings", "The offline demo runs on this computer: nothing to test."
)
Saved = Callable[[AppSettings, bool], None]  # (settings, the connection changed)


class SettingsFlow:
    """Opens `SettingsDialog` over `parent` and carries out Test and Save."""

    def __init__(
        self,
        store: SettingsStore,
        secrets: LayeredSecretStore,
        env: Mapping[str, str],
        on_saved: Saved,
        audio: AudioSetup | None = None,
        *,
        pages: Callable[[AppSettings], Sequence[SettingsPage]] = lambda _settings: (),
        on_probed: Callable[[AppSettings], None] = lambda _settings: None,
    ) -> None:
        self.store, self.secrets, self.env, self.on_saved = store, secrets, env, on_saved
        self.audio = audio
        self.pages = pages  # more tabs for the dialog (the Tools page)
        self.on_probed = on_probed  # the stored settings with a new echo verdict
        self.dialog: SettingsDialog | None = None
        self.devices: DeviceChoice | None = None
        self.tests: set[asyncio.Task[ProbeResult]] = set()

    def open(self, current: AppSettings, parent: object = None) -> SettingsDialog:
        """Show the dialog (window-modal, without a nested event loop)."""
        dialog = SettingsDialog(
            current,
            stored_keys=self._stored_keys(),
            env_keys=frozenset(a for a, name in KEY_ENV.items() if self.env.get(name)),
            keyring_problem=self.secrets.unavailable_reason(),
            parent=parent,  # type: ignore[arg-type]  # a QWidget or None
            pages=self.pages(current),
        )
        dialog.test_requested.connect(lambda values: self.test(dialog, values))
        dialog.accepted.connect(lambda: self.save(current, dialog.values(), dialog))
        self._choose_devices(dialog, dialog.audio, current)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _choose_devices(self, dialog: QDialog, page: AudioPage, settings: AppSettings) -> None:
        if self.audio is None:
            return
        choice = self.devices = DeviceChoice(
            self.audio,
            page,
            settings_pair(settings),
            lambda microphone, speaker, result: self._probed(page, microphone, speaker, result),
        )
        dialog.finished.connect(lambda _result: choice.close())

    def _probed(
        self, page: AudioPage, microphone: DeviceInfo, speaker: DeviceInfo, result: EchoProbeResult
    ) -> None:
        """Keep the probe's echo verdict for its pair: on disk now, on the page, in the app."""
        verdict = probe_verdict(result)
        if verdict is None:
            return  # a silent microphone says nothing about echo
        stored = self.store.load()
        probes = with_verdict(stored.echo_probes, microphone.key, speaker.key, verdict)
        settings = replace(stored, echo_probes=probes)
        with contextlib.suppress(OSError):  # not on disk: still kept by the dialog's Save
            self.store.save(settings)
        page.set_echo_probes(probes)
        self.on_probed(settings)

    def first_run(self, parent: object = None) -> FirstRunDialog:
        """The welcome over the demo window: a key for OpenAI, the full settings, or the demo."""
        problem = self.secrets.unavailable_reason()
        dialog = FirstRunDialog(parent, keyring_problem=problem)  # type: ignore[arg-type]
        dialog.chosen.connect(lambda choice, key: self._welcomed(dialog, choice, key, parent))
        dialog.open()
        return dialog

    def _welcomed(
        self, dialog: FirstRunDialog, choice: FirstRunChoice, key: str, parent: object
    ) -> None:
        current = self.store.load()
        if choice is FirstRunChoice.OTHER:
            dialog.accept()
            self.open(replace(current, provider="azure"), parent)
            return
        problems = check_connection(ConnectionFields("openai", has_key=bool(key)), key)
        if choice is FirstRunChoice.OPENAI and problems:
            dialog.show_problem(localize(problems[0].sentence))
            return  # the same rules as Settings (assistant.settings.checks)
        if choice is FirstRunChoice.OPENAI and not self._keep_welcome_key(dialog, key):
            return  # the welcome stays open and says why
        provider = "openai" if choice is FirstRunChoice.OPENAI else "demo"
        settings = replace(current, provider=provider)  # the demo: do not ask again
        self.store.save(settings)
        if self.audio is None or not self.audio.devices():
            dialog.accept()
            if provider == "openai":
                self.on_saved(settings, True)
            return
        self._welcome_devices(dialog, settings, changed=provider == "openai")

    def _keep_welcome_key(self, dialog: FirstRunDialog, key: str) -> bool:
        if dialog.run_only.isChecked():
            self.secrets.keep_for_run("openai", key)
            return True
        try:
            self.secrets.set("openai", key)
        except SecretStoreUnavailable as unavailable:
            dialog.keyring_note.setText(localize(unavailable.message))
            dialog.keyring_note.show()
            dialog.run_only.show()
            dialog.show_problem(
                translate("Settings", "Tick the box to keep the key for this run only.")
            )
            return False
        return True

    def _welcome_devices(
        self, dialog: FirstRunDialog, settings: AppSettings, *, changed: bool
    ) -> None:
        """The welcome's second step; the choice is applied when the dialog closes."""
        page = dialog.devices
        page.load_echo(settings)
        self._choose_devices(dialog, page, settings)
        dialog.devices_chosen.connect(
            lambda pair: self.store.save(page.apply_echo(with_pair(self.store.load(), pair)))
        )
        dialog.finished.connect(lambda _result: self.on_saved(self.store.load(), changed))
        dialog.show_devices()

    def _stored_keys(self) -> frozenset[str]:
        found = set()
        for account in ("openai", "azure", "custom"):
            try:
                if self.secrets.get(account):
                    found.add(account)
            except SecretStoreUnavailable:
                break
        return frozenset(found)

    def key_for(self, values: DialogValues) -> str | None:
        """The typed key, else the stored one, else the provider's environment variable."""
        account = values.key_account
        if values.key or account is None:
            return values.key
        try:
            stored = self.secrets.get(account)
        except SecretStoreUnavailable:
            stored = None
        return stored or self.env.get(KEY_ENV.get(account, "")) or None

    def test(self, dialog: SettingsDialog, values: DialogValues) -> None:
        try:
            endpoint = endpoint_for(values.settings, self.key_for(values))
        except SettingsProblem as problem:
            dialog.show_test_result(False, problem.sentence)
            return
        if endpoint is None:
            dialog.show_test_result(True, translate("Settings", DEMO_NOTE))
            return
        dialog.show_test_running()
        task = asyncio.get_running_loop().create_task(probe(endpoint))
        self.tests.add(task)
        task.add_done_callback(lambda done: self._tested(dialog, done))

    def _tested(self, dialog: SettingsDialog, task: asyncio.Task[ProbeResult]) -> None:
        self.tests.discard(task)
        if not task.cancelled():
            result = task.result()
            dialog.show_test_result(result.ok, result.message)

    def save(self, before: AppSettings, values: DialogValues, dialog: SettingsDialog) -> None:
        account = key_account(values.settings.provider)
        if values.key and account and not self._store_key(account, values, dialog):
            return  # the dialog stays open and says why
        self.store.save(values.settings)
        changed = not same_connection(before, values.settings) or bool(values.key)
        self.on_saved(values.settings, changed)

    def _store_key(self, account: str, values: DialogValues, dialog: SettingsDialog) -> bool:
        assert values.key is not None
        if values.run_only:
            self.secrets.keep_for_run(account, values.key)
            return True
        try:
            self.secrets.set(account, values.key)
        except SecretStoreUnavailable as unavailable:
            dialog.show_test_result(False, unavailable.message)
            dialog.open()  # stay open: nothing was saved
            return False
        return True
