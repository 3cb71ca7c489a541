"""The main window: talk controls, levels, the conversation, a text box, cost and status.

It is assembled from thin views and connected to one `CoreBridge` (what happened) and one
`Commands` object (what the user asks for). It owns no conversation state of its own.

Keyboard: the Conversation menu carries the shortcuts (Esc stops the reply, Ctrl+M mutes,
Ctrl+L goes to the message box, Ctrl+1..3 pick the turn mode); controls' tooltips name them and
Help, Keyboard shortcuts lists them all. A focus ring shows where the keyboard is. When the user
closes the window (the title bar, Alt+F4: a spontaneous close) and `keeps_running()` says so,
the window only hides (the app stays in the tray); Quit and the app's own `close()` close it.

Pictures attached (the Attach button, a drop on the window, a paste in the message box, or
`attach_picture`) wait above the message box and leave with the next turn
(`assistant.ui.composer`).

Problems the user has to act on stay in the banner at the top (`assistant.ui.problems`)
until they are solved; passing notices go to the status bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QVBoxLayout, QWidget

from assistant.controller import TurnMode, TurnState
from assistant.realtime import Dialect, Picture
from assistant.transport import LinkState, LinkStatus
from assistant.ui.about import AboutDialog
from assistant.ui.attachments import PictureReaders, carries_pictures
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_view import ChatView
from assistant.ui.commands import Commands
from assistant.ui.composer import Composer
from assistant.ui.cost import CostPanel
from assistant.ui.focus import FocusRing
from assistant.ui.meter import LevelSource, MicState, WaveformMeter
from assistant.ui.problems import Action, Problem, ProblemBanner, ProblemKind
from assistant.ui.shortcuts import (
    ShortcutsDialog,
    action_name,
    menu_entries,
    shortcut_rows,
    shortcut_text,
)
from assistant.ui.status import StatusArea
from assistant.ui.talk import MODES, HoldToTalkKey, TalkBar, mode_name


@dataclass(frozen=True)
class WindowSetup:
    """What the window shows besides the conversation.

    `microphone`/`speaker` are level sources (None: no such device). `provider` and `model`
    label the status bar; `transcribing` says whether spoken turns get a transcript.
    `dialect` is the connection's protocol (whether it takes pictures); `pictures` makes
    them from files and images.
    """

    provider: str
    model: str | None
    microphone: LevelSource | None = None
    speaker: LevelSource | None = None
    transcribing: bool = True
    clock: Callable[[], float] = time.time
    dialect: Dialect = Dialect.GA
    pictures: PictureReaders | None = None  # None: pictures cannot be attached


class MainWindow(QMainWindow):
    """The conversation window.

    Signals:
        reconnect_requested(): the user asked to try the connection again after a failure.
        settings_requested(): the user asked for the settings dialog.
        problem_action(ProblemKind, Action): a problem's action the window does not handle
            itself (the app's: retrying the settings, the audio settings).
        history_requested(): the user asked for the conversation history.
        closed(): the window was closed; the app shuts down.
        hidden_to_tray(): the user closed the window and it only hid (`keeps_running`).
    """

    reconnect_requested = Signal()
    settings_requested = Signal()
    problem_action = Signal(object, object)
    history_requested = Signal()
    closed = Signal()
    hidden_to_tray = Signal()

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
        self._commands = commands
        self.composer = Composer(commands, setup.pictures, setup.dialect)
        self.cost = CostPanel()
        self.status = StatusArea(self.statusBar(), setup.clock)
        self._provider = setup.provider
        self.status.set_endpoint(setup.provider, setup.model)
        self.problems = ProblemBanner()
        self.keeps_running: Callable[[], bool] = lambda: False  # closing hides (the tray)
        self.global_talk_key: Callable[[], str] = lambda: ""  # for the shortcuts list
        self.global_screen_key: Callable[[], str] = lambda: ""  # likewise
        self._layout()
        self._menu()
        self._conversation_menu()
        self._help_menu()
        self._tooltips()
        self._connect(bridge)
        self.hold_to_talk = HoldToTalkKey(self, self.talk)
        self.focus_ring = FocusRing(self)
        self.meter.set_mic_state(self.talk.mic_state())
        self.chat_view.setFocus()  # not the mode box: Space starts as the talk key
        self.setAcceptDrops(True)

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
        self.quit_action = quit_action

    def _conversation_menu(self) -> None:
        menu = self.conversation_menu = self.menuBar().addMenu(self.tr("&Conversation"))
        self.stop_action = QAction(self.tr("&Stop reply"), self, shortcut=QKeySequence("Esc"))
        self.stop_action.triggered.connect(self.talk.stop_button.click)
        self.mute_action = QAction(
            self.tr("&Mute microphone"), self, shortcut=QKeySequence("Ctrl+M"), checkable=True
        )
        self.mute_action.triggered.connect(self.talk.set_muted)
        self.message_action = QAction(
            self.tr("&Type a message"), self, shortcut=QKeySequence("Ctrl+L")
        )
        self.message_action.triggered.connect(self.composer.focus)
        menu.addActions([self.stop_action, self.mute_action, self.message_action])
        menu.addSeparator()
        self.mode_actions = QActionGroup(self)
        for number, (mode, _label) in enumerate(MODES, start=1):
            action = QAction(mode_name(mode), self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(mode)
            action.triggered.connect(lambda _checked, mode=mode: self.talk.choose_mode(mode))
            self.mode_actions.addAction(action)
            menu.addAction(action)
        self.talk.mic_state_changed.connect(lambda _state: self._follow_talk_bar())
        self._follow_talk_bar()

    def _follow_talk_bar(self) -> None:
        """The menu shows what the talk bar shows: mute, the mode, what is enabled."""
        talk = self.talk
        self.mute_action.setEnabled(talk.mute_button.isEnabled())
        self.mute_action.setChecked(talk.mute_button.isChecked())
        self.mode_actions.setEnabled(talk.mode_box.isEnabled())
        for action in self.mode_actions.actions():
            action.setChecked(action.data() is talk.mode_box.currentData())

    def _help_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = QAction(
            self.tr("&Keyboard shortcuts"),
            self,
            shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents),
        )
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        about = QAction(self.tr("&About Realtime Assistant…"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        menu.addActions([self.shortcuts_action, about])
        self.about_action = about
        self.about_dialog: AboutDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def _tooltips(self) -> None:
        """Each control's tooltip says how to reach it from the keyboard."""
        talk, modes = self.talk, self.mode_actions.actions()
        keys = ", ".join(shortcut_text(action) for action in modes)
        talk.mode_box.setToolTip(self.tr("Turn mode ({keys})").format(keys=keys))
        talk.talk_button.setToolTip(
            self.tr(
                "Hold Space (or this button) to talk and let go to send. With this button "
                "focused, Return starts a turn and Return again sends it."
            )
        )
        for button, action in (
            (talk.mute_button, self.mute_action),
            (talk.stop_button, self.stop_action),
        ):
            button.setToolTip(f"{action_name(action)} ({shortcut_text(action)})")
        self.composer.text_box.setToolTip(
            self.tr("Message ({key}); Enter sends it").format(
                key=shortcut_text(self.message_action)
            )
        )

    def show_shortcuts(self) -> None:
        """Every keyboard shortcut of the window (one box, reused and brought up to date)."""
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
        menus = [top.menu() for top in self.menuBar().actions()]
        entries = [e for menu in menus if isinstance(menu, QMenu) for e in menu_entries(menu)]
        keys = self.global_talk_key(), self.global_screen_key()
        self.shortcuts_dialog.show_rows(shortcut_rows(entries, *keys))

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
        self.composer.notice.connect(self.show_notice)
        self.talk.talk_started.connect(self.composer.send_pictures_alone)
        bridge.turn_state_changed.connect(self._turn_state)

    def _turn_state(self, state: TurnState) -> None:
        """The user started speaking hands-free: the pending pictures go first. Any turn's
        end: pictures still being read wait for the next."""
        hands_free = self._commands.mode is not TurnMode.PUSH_TO_TALK
        if state is TurnState.LISTENING and hands_free:
            self.composer.send_pictures_alone()
        elif state is not TurnState.LISTENING:
            self.composer.spoken_turn_over()

    # Pictures for the next turn (see `assistant.ui.composer`)

    def attach_picture(self, picture: Picture) -> None:
        """Add `picture` (checked and scaled: `assistant.app.pictures`) to the next turn; on a
        protocol without pictures the user reads why and nothing is attached."""
        self.composer.attach_picture(picture)

    def attach_files(self, paths: Iterable[Path]) -> None:
        """Read and attach picture files (on a worker thread: `composer.read` says when; a
        sentence for each that cannot be)."""
        self.composer.attach_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802  (Qt's API)
        if carries_pictures(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802  (Qt's API)
        if carries_pictures(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802  (Qt's API)
        mime = event.mimeData()
        if carries_pictures(mime):
            event.acceptProposedAction()
            self.composer.attach_mime(mime)

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

    def set_provider(self, provider: str, model: str | None, dialect: Dialect) -> None:
        """Another connection: the status bar names its provider and model; attaching
        pictures follows its protocol (pictures waiting stay, and say if they cannot go)."""
        self._provider = provider
        self.status.set_endpoint(provider, model)
        self.composer.set_dialect(dialect)

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
        if event.spontaneous() and self.keeps_running():  # the user closed it, not Quit
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        self.closed.emit()
        super().closeEvent(event)
