"""Problems that stay in view until they are solved: the banner above the conversation.

A problem is something the user has to act on: the connection failed for good, the settings
cannot work (the offline demo runs instead), the keyring cannot be read, a device is gone.
Each has a kind, one sentence and the actions that can solve it (buttons in its row). The
banner keeps one row per kind, whole and wrapped (never cut, never replaced by a passing
notice: those stay in the status bar), until the part of the app that raised it says it is
solved. A new row is announced to screen readers (an accessibility alert) and carries the
sentence as its accessible description. Colours come from the palette with a translucent
amber, so it reads in light and dark themes alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.palette import AMBER, line_color, on_palette, tint


class ProblemKind(Enum):
    CONNECTION = "connection"  # the connection failed and will not retry by itself
    SETTINGS = "settings"  # the connection settings cannot work: the offline demo runs
    KEYRING = "keyring"  # the keyring cannot be read: the offline demo runs
    MICROPHONE = "microphone"  # no microphone is available any more
    SPEAKER = "speaker"  # no speaker is available any more


class Action(Enum):
    RETRY = "retry"
    OPEN_SETTINGS = "open_settings"
    AUDIO_SETTINGS = "audio_settings"


ACTION_TEXT = {
    Action.RETRY: QT_TRANSLATE_NOOP("Problems", "Retry"),
    Action.OPEN_SETTINGS: QT_TRANSLATE_NOOP("Problems", "Open settings"),
    Action.AUDIO_SETTINGS: QT_TRANSLATE_NOOP("Problems", "Audio settings"),
}
ACTIONS = {
    ProblemKind.CONNECTION: (Action.RETRY, Action.OPEN_SETTINGS),
    ProblemKind.SETTINGS: (Action.OPEN_SETTINGS,),
    ProblemKind.KEYRING: (Action.RETRY, Action.OPEN_SETTINGS),
    ProblemKind.MICROPHONE: (Action.AUDIO_SETTINGS,),
    ProblemKind.SPEAKER: (Action.AUDIO_SETTINGS,),
}


def style(palette: QPalette) -> str:
    """A problem's frame: the window with a trace of amber, an amber border (both from the
    palette, so the row reads in light and dark schemes)."""
    background = tint(palette, AMBER, QPalette.ColorRole.Window)
    border = line_color(palette, AMBER, background).name()
    frame = "border-width: 1px; border-style: solid; border-radius: 4px"
    return f"QFrame#problem {{ background: {background.name()}; border-color: {border}; {frame} }}"


@dataclass(frozen=True)
class Problem:
    """One problem: its kind (one row per kind) and one sentence (a `Sentence` or text)."""

    kind: ProblemKind
    text: str

    @property
    def actions(self) -> tuple[Action, ...]:
        return ACTIONS[self.kind]


class ProblemRow(QFrame):
    """One problem's row: an icon, the whole sentence, its action buttons."""

    def __init__(self, problem: Problem, banner: ProblemBanner) -> None:
        super().__init__()
        self.problem = problem
        self.setObjectName("problem")
        text = localize(problem.text)
        self.setAccessibleName(translate("Problems", "Problem"))
        self.setAccessibleDescription(text)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.buttons: dict[Action, QPushButton] = {}
        for action in problem.actions:
            button = QPushButton(translate("Problems", ACTION_TEXT[action]))
            button.setAutoDefault(True)  # Return presses the focused button, as Space does
            button.clicked.connect(
                lambda _checked=False, a=action: banner.action_requested.emit(problem.kind, a)
            )
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons[action] = button


class ProblemBanner(QWidget):
    """The problems not solved yet, one row per kind; hidden when there are none.

    Signals:
        action_requested(ProblemKind, Action): the user pressed an action of a problem.
    """

    action_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[ProblemKind, ProblemRow] = {}
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(8, 0, 8, 0)
        self._column.setSpacing(4)
        on_palette(self, self._restyle)
        self.hide()

    def _restyle(self, palette: QPalette) -> None:
        sheet = style(palette)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    def show_problem(self, problem: Problem) -> None:
        """Show `problem` (it replaces the row of its kind, if there is one)."""
        old = self.rows.pop(problem.kind, None)
        row = self.rows[problem.kind] = ProblemRow(problem, self)
        if old is not None:
            self._column.replaceWidget(old, row)
            old.hide()
            old.deleteLater()
        else:
            self._column.addWidget(row)
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(row, QAccessible.Event.Alert))

    def solve(self, kind: ProblemKind) -> None:
        """The problem of `kind` is solved: its row goes (and the banner, with the last)."""
        row = self.rows.pop(kind, None)
        if row is not None:
            self._column.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def problems(self) -> list[Problem]:
        return [row.problem for row in self.rows.values()]
