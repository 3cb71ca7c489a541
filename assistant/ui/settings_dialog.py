"""The settings dialog: the connection, the conversation, listening, and the audio devices.

The dialog edits an `AppSettings` and at most one key; it never stores anything itself. On
Save the app writes the settings to the config file and the key to the OS keyring (or, when
there is none and the user agrees, to memory for this run). "Test connection" asks the app to
run the same check as `realtime-assistant check` and shows its answer; a field edited after
that clears it. The key field stays empty when a key is stored: typing replaces it, leaving
it empty keeps it. The connection fields are checked as they change, by the same rules as
the app and the command line (`assistant.settings.checks`): a field that cannot work is
marked, and Save stays off with a sentence saying why. So is a screen key that is the talk
key's combination.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.controller.device_settings import settings_pair, with_pair
from assistant.realtime import DEFAULT_MODEL
from assistant.settings.checks import (
    ConnectionFields,
    FieldProblem,
    check_connection,
    check_hotkeys,
)
from assistant.settings.store import MAX_CONTEXT_TOKENS, AppSettings
from assistant.ui.audio_page import AudioPage
from assistant.ui.hotkey_edit import HotkeyEdit
from assistant.ui.i18n import localize, translate
from assistant.ui.palette import Tone, line_color, on_palette, set_tone
from assistant.ui.settings_form import (
    AZURE_AUTH,
    DELEGATIONS,
    PROVIDERS,
    UI_LANGUAGES,
    key_account,
    models_for,
    preview_warning,
    visible_fields,
)
from assistant.ui.tray import TrayOptions
from assistant.ui.voice_page import ListeningPage, VoicePage


def invalid_style(palette: QPalette) -> str:
    """The marked fields' border: the error colour, readable on the dialog's palette."""
    color = line_color(palette, Tone.ERROR.value).name()
    return f'*[invalid="true"] {{ border: 2px solid {color}; border-radius: 3px; }}'


def follow_invalid_style(dialog: QWidget) -> None:
    """Give `dialog`'s marked fields (`mark_invalid`) their border, in the palette's colours."""

    def apply(palette: QPalette) -> None:
        sheet = invalid_style(palette)
        if dialog.styleSheet() != sheet:  # a new sheet repolishes every field
            dialog.setStyleSheet(sheet)

    on_palette(dialog, apply)


def mark_invalid(field: QWidget, problem: str) -> None:
    """Mark `field` as wrong (a red border, the sentence as its tooltip and its accessible
    description, so a screen reader says it too), or clear the mark when `problem` is ""."""
    if bool(field.property("invalid")) != bool(problem):
        field.setProperty("invalid", bool(problem))
        field.style().unpolish(field)
        field.style().polish(field)
    field.setToolTip(problem)
    field.setAccessibleDescription(problem)


@dataclass(frozen=True)
class DialogValues:
    """What the user chose: the settings, and a new key (None: keep the stored one)."""

    settings: AppSettings
    key: str | None
    run_only: bool = False  # keep the key in memory for this run (no keyring here)

    @property
    def key_account(self) -> str | None:
        return key_account(self.settings.provider)


class SettingsPage(Protocol):
    """A page added by another part of the app (e.g. `assistant.ui.tools_page.ToolsPage`)."""

    def title(self) -> str: ...
    def apply(self, settings: AppSettings) -> AppSettings: ...


class SettingsDialog(QDialog):
    """Edit the settings; see the module docstring.

    Signals:
        test_requested(DialogValues): check the connection as currently filled in.
    """

    test_requested = Signal(object)

    def __init__(
        self,
        settings: AppSettings,
        *,
        stored_keys: frozenset[str] = frozenset(),
        env_keys: frozenset[str] = frozenset(),
        keyring_problem: str = "",
        parent: QWidget | None = None,
        pages: Sequence[SettingsPage] = (),  # QWidgets, each one more tab
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._base, self._stored, self.pages = settings, stored_keys, list(pages)
        self._env_keys = env_keys  # accounts whose key is in the environment
        self.problems: list[FieldProblem] = []
        self._changes = 0  # connection field edits so far
        self._testing: int | None = None  # the edit count a running test was started at
        self._build_fields()
        self._build_layout(localize(keyring_problem))
        self.load(settings)

    # Building

    def _build_fields(self) -> None:
        self.provider = QComboBox()
        for value, label in PROVIDERS:
            self.provider.addItem(translate("Settings", label), value)
        self.model = QComboBox(editable=True)  # a typed name is checked (`check_connection`)
        self.model.addItems(list(models_for("openai")))
        self.delegation = QComboBox()  # GPT-Live: who answers the tasks the model hands off
        for value, label in DELEGATIONS:
            self.delegation.addItem(translate("Settings", label), value)
        self.web_search = QCheckBox(self.tr("The backend model may also search the web"))
        self.live_note = QLabel(
            self.tr(
                "GPT-Live listens while it speaks: it has no typed turn (a typed message "
                "reaches it as an instruction), it is billed per second of session, and echo "
                "cancellation is always on."
            )
        )
        self.live_note.setWordWrap(True)
        self.endpoint, self.deployment = QLineEdit(), QLineEdit()
        self.endpoint.setPlaceholderText(self.tr("my-resource, https://… or wss://…"))
        self.auth = QComboBox()  # Azure: API key or Entra ID sign-in
        for entra_id, label in AZURE_AUTH:
            self.auth.addItem(translate("Settings", label), entra_id)
        self.key = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.run_only = QCheckBox(self.tr("Keep the key for this run only (nothing is written)"))
        self.preview_note, self.test_result, self.problem_note = QLabel(), QLabel(), QLabel()
        for note in (self.preview_note, self.test_result, self.problem_note):
            note.setWordWrap(True)
        set_tone(self.problem_note, Tone.ERROR)
        self.problem_note.hide()
        set_tone(self.preview_note, Tone.WARNING)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.conversation, self.listening, self.audio = VoicePage(), ListeningPage(), AudioPage()
        self.budget = QDoubleSpinBox(minimum=0.0, maximum=1000.0, singleStep=0.5, decimals=2)
        self.budget.setPrefix("$")
        self.budget.setSpecialValueText(self.tr("No budget"))
        self.budget_mutes = QCheckBox(self.tr("Mute the microphone when the budget is reached"))
        self._build_trimming()
        self.ui_language = QComboBox()
        for code, name in UI_LANGUAGES:
            self.ui_language.addItem(translate("Settings", name) if not code else name, code)
        self.tools = QCheckBox(self.tr("Let the assistant call tools (which ones: the Tools tab)"))
        self.keep_history = QCheckBox(self.tr("Keep conversations in the history"))
        self.keep_audio = QCheckBox(self.tr("Also keep the audio of each turn"))
        later = self.tr("Takes effect from the next start of Realtime Assistant.")
        for box in (self.keep_history, self.keep_audio):
            box.setToolTip(later)
        self.keep_history.toggled.connect(self.keep_audio.setEnabled)

    def _build_trimming(self) -> None:
        """Retention-ratio truncation: a cost control, so it sits next to the budget."""
        self.trim_ratio = QSpinBox(minimum=0, maximum=100, singleStep=5)
        self.trim_ratio.setSuffix(" %")
        self.trim_ratio.setSpecialValueText(self.tr("The server decides"))
        self.trim_ratio.setToolTip(
            self.tr(
                "When a long conversation fills the model's context, the server drops the "
                "oldest turns and keeps this share. Keeping less drops more at once, so the "
                "cached start of the conversation stays valid for more turns (cheaper)."
            )
        )
        self.trim_tokens = QSpinBox(minimum=0, maximum=MAX_CONTEXT_TOKENS, singleStep=1000)
        self.trim_tokens.setSuffix(self.tr(" tokens"))
        self.trim_tokens.setSpecialValueText(self.tr("The model's limit"))
        self.trim_tokens.setToolTip(
            self.tr("Trim once the conversation after the instructions is this long.")
        )
        self.trim_ratio.valueChanged.connect(lambda ratio: self.trim_tokens.setEnabled(ratio > 0))

    def _build_layout(self, keyring_problem: str) -> None:
        self.tabs = tabs = QTabWidget()  # room for more pages: add a tab
        tabs.addTab(self._connection_page(keyring_problem), self.tr("Connection"))
        tabs.addTab(self._conversation_page(), self.tr("Conversation"))
        tabs.addTab(self.listening, self.tr("Listening"))
        tabs.addTab(self.audio, self.tr("Audio"))
        for page in self.pages:
            tabs.addTab(page, page.title())  # type: ignore[call-overload]  # a QWidget
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        column = QVBoxLayout(self)
        column.addWidget(tabs)
        column.addWidget(self.problem_note)
        column.addWidget(buttons)
        follow_invalid_style(self)
        self.provider.currentIndexChanged.connect(lambda _i: self._provider_changed())
        self.delegation.currentIndexChanged.connect(lambda _i: self._provider_changed())
        self.auth.currentIndexChanged.connect(lambda _i: self._provider_changed())
        self.endpoint.textChanged.connect(lambda _t: self._show_preview_note())
        for line in (self.endpoint, self.deployment, self.key):
            line.textChanged.connect(lambda _t: self._field_changed())
        self.model.editTextChanged.connect(lambda _t: self._field_changed())
        self.test_button.clicked.connect(lambda: self.test_requested.emit(self.values()))
        self.resize(600, 520)

    def _connection_page(self, keyring_problem: str) -> QWidget:
        page = QWidget()
        self.form = QFormLayout(page)
        self.form.addRow(self.tr("Provider"), self.provider)
        self.form.addRow(self.tr("Endpoint"), self.endpoint)
        self.form.addRow(self.tr("Deployment"), self.deployment)
        self.form.addRow(self.tr("Model"), self.model)
        self.form.addRow(self.tr("Sign-in"), self.auth)
        self.form.addRow(self.tr("Tasks"), self.delegation)
        self.form.addRow("", self.web_search)
        self.form.addRow(self.tr("API key"), self.key)
        self.form.addRow("", self.live_note)
        self.form.addRow("", self.preview_note)
        self.keyring_note = QLabel(keyring_problem)
        self.keyring_note.setWordWrap(True)
        set_tone(self.keyring_note, Tone.WARNING)
        self.form.addRow("", self.keyring_note)
        self.form.addRow("", self.run_only)
        self.keyring_note.setVisible(bool(keyring_problem))
        self.run_only.setVisible(bool(keyring_problem))
        self.run_only.setChecked(bool(keyring_problem))
        self.form.addRow(self.test_button, self.test_result)
        return page

    def _conversation_page(self) -> QWidget:
        form = self.conversation.form
        form.addRow("", self.tools)
        form.addRow(self.tr("Session budget"), self.budget)
        form.addRow("", self.budget_mutes)
        form.addRow(self.tr("Keep of a long conversation"), self.trim_ratio)
        form.addRow(self.tr("Trim long conversations at"), self.trim_tokens)
        form.addRow(self.tr("History"), self.keep_history)
        form.addRow("", self.keep_audio)
        self.hotkey = HotkeyEdit()  # the global talk key
        form.addRow(self.tr("Global talk key"), self.hotkey)
        self.screen_hotkey = HotkeyEdit(screen=True)  # capture the screen, then talk
        form.addRow(self.tr("Global screen key"), self.screen_hotkey)
        for edit in (self.hotkey, self.screen_hotkey):
            edit.field.keySequenceChanged.connect(lambda _keys: self._check())
        self.tray = TrayOptions()
        form.addRow(self.tr("Tray"), self.tray)
        form.addRow(self.tr("Display language"), self.ui_language)
        form.addRow("", QLabel(self.tr("A new display language is used from the next start.")))
        return self.conversation

    # Values in and out

    def load(self, settings: AppSettings) -> None:
        """Show `settings` (no key is ever shown; a stored one is only mentioned)."""
        self.provider.setCurrentIndex(max(0, self.provider.findData(settings.provider or "demo")))
        self._offer_models()
        models = models_for(settings.provider or "demo")
        live_default = settings.is_live and settings.model not in models
        self.model.setCurrentText(models[0] if live_default else settings.model)
        self.delegation.setCurrentIndex(max(0, self.delegation.findData(settings.live_delegation)))
        self.web_search.setChecked(settings.live_web_search)
        self.endpoint.setText(settings.endpoint)
        self.endpoint.setCursorPosition(0)
        self.deployment.setText(settings.deployment)
        self.auth.setCurrentIndex(self.auth.findData(settings.entra_id))
        self.conversation.load(settings)
        self.listening.load(settings)
        self.tools.setChecked(settings.tools_enabled)
        self.budget.setValue(settings.budget_dollars)
        self.budget_mutes.setChecked(settings.budget_mutes)
        self.trim_ratio.setValue(round(settings.truncation_ratio * 100))
        self.trim_tokens.setValue(settings.truncation_tokens)
        self.trim_tokens.setEnabled(settings.truncation_ratio > 0)
        self.keep_history.setChecked(settings.keep_history)
        self.keep_audio.setChecked(settings.keep_audio)
        self.keep_audio.setEnabled(settings.keep_history)
        self.audio.set_devices(self.audio.devices, settings_pair(settings))
        self.audio.load_echo(settings)
        self.hotkey.set_hotkey(settings.global_hotkey)
        self.screen_hotkey.set_hotkey(settings.screen_hotkey)
        self.tray.load(settings)
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self._provider_changed()

    def values(self) -> DialogValues:
        provider = str(self.provider.currentData())
        settings = replace(
            self._base,
            provider=provider,
            model=self.model.currentText().strip() or DEFAULT_MODEL,
            api_version=self._api_version(),
            endpoint=self.endpoint.text().strip(),
            deployment=self.deployment.text().strip(),
            entra_id=self._entra_id(),
            live_delegation=str(self.delegation.currentData()),
            live_web_search=self.web_search.isChecked(),
            tools_enabled=self.tools.isChecked(),
            ui_language=str(self.ui_language.currentData()),
            budget_dollars=round(self.budget.value(), 2),
            budget_mutes=self.budget_mutes.isChecked(),
            truncation_ratio=self.trim_ratio.value() / 100,
            truncation_tokens=self.trim_tokens.value(),
            global_hotkey=self.hotkey.hotkey(),
            screen_hotkey=self.screen_hotkey.hotkey(),
            keep_history=self.keep_history.isChecked(),
            keep_audio=self.keep_audio.isChecked(),
        )
        settings = self.tray.apply(self.listening.apply(self.conversation.apply(settings)))
        settings = self.audio.apply_echo(with_pair(settings, self.audio.pair()))
        for page in self.pages:
            settings = page.apply(settings)
        key = self.key.text().strip() or None
        return DialogValues(settings, key, run_only=self.run_only.isChecked())

    def _api_version(self) -> str:
        """The stored preview api-version (not shown here); one that cannot work is dropped."""
        version = self._base.api_version
        fields = ConnectionFields("azure", "x", "x", api_version=version, has_key=True)
        return "" if check_connection(fields) else version

    def show_test_running(self) -> None:
        self._testing = self._changes
        self.test_button.setEnabled(False)
        set_tone(self.test_result, None)
        self.test_result.setText(self.tr("Testing…"))

    def show_test_result(self, ok: bool, message: str) -> None:
        """Show a test's answer, unless a field changed since it started (it would mislead)."""
        started, self._testing = self._testing, None
        self.test_button.setEnabled(not any(p.field != "screen_hotkey" for p in self.problems))
        if started is not None and started != self._changes:
            return
        set_tone(self.test_result, Tone.OK if ok else Tone.ERROR)
        self.test_result.setText(localize(message))

    def accept(self) -> None:
        """Save, unless a connection field cannot work (Save is off then; Enter comes here)."""
        if not self._check():
            super().accept()

    # Reacting

    def _provider_changed(self) -> None:
        provider = str(self.provider.currentData())
        shown = visible_fields(provider, self._entra_id())
        if self.delegation.currentData() != "responses":
            shown.discard("web_search")  # a hosted tool is for the backend model only
        for name in ("endpoint", "deployment", "model", "auth", "key", "delegation", "web_search"):
            self.form.setRowVisible(getattr(self, name), name in shown)
        self.form.setRowVisible(self.live_note, "delegation" in shown)
        self._offer_models()
        account = key_account(provider)
        stored = account is not None and account in self._stored
        placeholder = self.tr("stored in the keyring (type to replace)")
        self.key.setPlaceholderText(placeholder if stored else "")
        self._field_changed()
        self._show_preview_note()

    def _offer_models(self) -> None:
        """The model list of the chosen provider; a model typed in stays when it fits."""
        models = models_for(str(self.provider.currentData()))
        current = self.model.currentText()
        if [self.model.itemText(i) for i in range(self.model.count())] == list(models):
            return
        self.model.clear()
        self.model.addItems(list(models))
        self.model.setCurrentText(current if current in models else models[0])

    def _field_changed(self) -> None:
        """A connection field changed: an earlier test's answer no longer holds; check again."""
        self._changes += 1
        self.test_result.setText("")
        self._check()

    def _check(self) -> list[FieldProblem]:
        """Mark the fields that cannot work, and keep Save off (saying why) while there are any."""
        connection = check_connection(self._connection_fields(), self.key.text().strip())
        hotkeys = check_hotkeys(self.hotkey.hotkey(), self.screen_hotkey.hotkey())
        self.problems = connection + hotkeys
        wrong = {problem.field: localize(problem.sentence) for problem in self.problems}
        wrong["endpoint"] = wrong.get("endpoint") or wrong.get("api_version", "")
        for name in ("endpoint", "deployment", "model", "key"):
            mark_invalid(getattr(self, name), wrong.get(name, ""))
        mark_invalid(self.screen_hotkey.field, wrong.get("screen_hotkey", ""))
        why = self._why_save_is_off()
        self.problem_note.setText(why)
        self.problem_note.setVisible(bool(why))
        self.save_button.setEnabled(not self.problems)
        self.save_button.setToolTip(why)
        self.save_button.setAccessibleDescription(why)
        self.test_button.setEnabled(not connection)
        return self.problems

    def _why_save_is_off(self) -> str:
        """One sentence for one problem; a line for each when there are more ("": none)."""
        sentences = [localize(problem.sentence) for problem in self.problems]
        if len(sentences) <= 1:
            text = self.tr("Save is off until this is fixed: {problem}")
            return text.format(problem=sentences[0]) if sentences else ""
        lines = "\n".join(f"\u2022 {sentence}" for sentence in sentences)
        return self.tr("Save is off until these are fixed:\n{problems}").format(problems=lines)

    def _connection_fields(self) -> ConnectionFields:
        provider = str(self.provider.currentData())
        account = key_account(provider)
        has_key = bool(self.key.text().strip()) or account in self._stored | self._env_keys
        return ConnectionFields(
            provider,
            endpoint=self.endpoint.text().strip(),
            deployment=self.deployment.text().strip(),
            model=self.model.currentText().strip(),
            api_version=self._api_version(),
            entra_id=self._entra_id(),
            has_key=has_key,
        )

    def _entra_id(self) -> bool:
        return bool(self.auth.currentData())

    def _show_preview_note(self) -> None:
        provider = str(self.provider.currentData())
        note = preview_warning(provider, self.endpoint.text())
        self.preview_note.setText(note)
        self.form.setRowVisible(self.preview_note, bool(note))
