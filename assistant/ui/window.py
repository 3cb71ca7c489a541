"""The main window: talk controls, levels, the conversation, a text box, cost and status.

It is assembled from thin views and connected to one `CoreBridge` (what happened) and one
`Commands` object (what the user asks for). It owns no conversation state of its own.
Problems the user has to act on stay in the banner at the top (`assistant.ui.problems`)
until they are solved; passing notices go to the status bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.transport import LinkState, LinkStatus
from assistant.ui.about import AboutDialog
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_view import ChatView
from assistant.ui.commands import Commands
from assistant.ui.cost import CostPanel
from assistant.ui.meter import LevelSource, MicState, WaveformMeter
from assistant.ui.problems import Action, Problem, ProblemBanner, ProblemKind
from assistant.ui.status import StatusArea
from assistant.ui.talk import HoldToTalkKey, TalkBar


@dataclass(frozen=True)
class WindowSetup:
    """What the window shows besides the conversation.

    `microphone`/`speaker` are level sources (None: no such device). `provider` and `model`
    label the status bar; `transcribing` says whether spoken turns get a transcript.
    """

    provider: str
    model: str | None
    microphone: LevelSource | None = None
    speaker: LevelSource | None = None
    transcribing: bool = True
    clock: Callable[[], float] = time.time


class Composer(QWidget):
    """A one-line text box and a Send button; Enter sends."""

    def __init__(self, commands: Commands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self.text_box = QLineEdit()
        self.text_box.setPlaceholderText(self.tr("Type a message and press Enter"))
        self.text_box.setAccessibleName(self.tr("Message"))
        self.send_button = QPushButton(self.tr("Send"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.text_box, 1)
        row.addWidget(self.send_button)
        self.text_box.returnPressed.connect(self.send)
        self.send_button.clicked.connect(self.send)

    def send(self) -> None:
        text = self.text_box.text().strip()
        if text:
            self.text_box.clear()
            self._commands.send_text(text)


class MainWindow(QMainWindow):
    """The conversation window.

    Signals:
        reconnect_requested(): the user asked to try the connection again after a failure.
        settings_requested(): the user asked for the settings dialog.
        problem_action(ProblemKind, Action): a problem's action the window does not handle
            itself (the app's: retrying the settings, the audio settings).
        history_requested(): the user asked for the conversation history.
        closed(): the window was closed; the app shuts down.
    """

    reconnect_requested = Signal()
    settings_requested = Signal()
    problem_action = Signal(object, object)
    history_requested = Signal()
    closed = Signal()

    def __init__(self, bridge: CoreBridge, commands: Commands, setup: WindowSetup) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Realtime Assistant"))
        self.resize(760, 680)
        self.chat_model = ChatModel(transcribing=setup.transcribing)
        self.chat_view = ChatView(self.chat_model)
        self.talk = TalkBar(commands, has_microphone=setup.microphone is not None)
        self.meter = WaveformMeter(setup.microphone, setup.speaker)
        if setup.microphone is None and setup.speaker is None:
            self.meter.hide()  # text only: nothing to show
        self.composer = Composer(commands)
        self.cost = CostPanel()
        self.status = StatusArea(self.statusBar(), setup.clock)
        self._provider = setup.provider
        self.status.set_endpoint(setup.provider, setup.model)
        self.problems = ProblemBanner()
        self._layout()
        self._menu()
        self._connect(bridge)
        self.hold_to_talk = HoldToTalkKey(self, self.talk)

    def _layout(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(6)
        column.addWidget(self.problems)
        column.addWidget(self.talk)
        column.addWidget(self.meter)
        column.addWidget(self.chat_view, 1)
        column.addWidget(self.composer)
        column.addWidget(self.cost)
        self.setCentralWidget(central)

    def _menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Assistant"))
        settings = QAction(self.tr("&Settings…"), self, shortcut=QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.settings_requested)
        quit_action = QAction(
            self.tr("&Quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        history = QAction(self.tr("&History…"), self, shortcut=QKeySequence("Ctrl+H"))
        history.setEnabled(False)  # until the app keeps a history
        history.triggered.connect(self.history_requested)
        menu.addActions([history, settings, quit_action])
        self.settings_action, self.history_action = settings, history
        about = QAction(self.tr("&About Realtime Assistant…"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        self.menuBar().addMenu(self.tr("&Help")).addAction(about)
        self.about_action = about
        self.about_dialog: AboutDialog | None = None

    def show_about(self) -> None:
        """The version, the license and the third-party notices (one box, reused)."""
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self)
        self.about_dialog.show()
        self.about_dialog.activateWindow()

    def _connect(self, bridge: CoreBridge) -> None:
        self.chat_model.attach(bridge)
        self.cost.attach(bridge)
        self.status.attach(bridge)
        self.talk.mic_state_changed.connect(self.meter.set_mic_state)
        bridge.connection_failed.connect(
            lambda message: self.show_problem(Problem(ProblemKind.CONNECTION, message))
        )
        bridge.link_changed.connect(self._link_changed)
        bridge.session_started.connect(lambda e: self.status.set_endpoint(self._provider, e.model))
        self.problems.action_requested.connect(self._act)

    def _link_changed(self, status: LinkStatus) -> None:
        if status.state is LinkState.CONNECTED:
            self.problems.solve(ProblemKind.CONNECTION)

    def _act(self, kind: ProblemKind, action: Action) -> None:
        """A problem's button: the connection is tried again here; the rest is the app's."""
        if kind is ProblemKind.CONNECTION and action is Action.RETRY:
            self.problems.solve(ProblemKind.CONNECTION)
            self.reconnect_requested.emit()
        elif action is Action.OPEN_SETTINGS:
            self.settings_requested.emit()
        else:
            self.problem_action.emit(kind, action)

    def show_problem(self, problem: Problem) -> None:
        """Keep `problem` in view (the banner) until `solve(problem.kind)`."""
        self.problems.show_problem(problem)

    def solve(self, kind: ProblemKind) -> None:
        self.problems.solve(kind)

    def show_notice(self, message: str) -> None:
        self.status.show_notice(message)

    def set_mic_state(self, state: MicState) -> None:
        self.meter.set_mic_state(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's API)
        self.closed.emit()
        super().closeEvent(event)
