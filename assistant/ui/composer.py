"""The message box, its Send and Attach buttons, and the pictures waiting for the next turn.

Pending pictures leave with the next turn, whichever it is: Send sends them with the typed
text (or alone), and a spoken turn takes them as a picture-only user message just before its
audio (`send_pictures_alone`, which the window calls when a push-to-talk turn starts or, in
hands-free modes, when the user starts speaking). So what the user sees waiting above the
box is always what the next turn will show the model, however that turn is taken.

On a protocol without pictures (GPT-Live, the Azure preview protocol: `refusal`), attaching
is disabled with the reason; pictures already waiting stay (the user may switch back), say why
they are not sent, and are never sent there.

Files, drops and pastes are read on a worker thread (a photo decodes, scales and encodes in a
tenth of a second or more; ten of them froze the window for a second): what the drop or the
clipboard carries is taken out at once, the pictures join the strip when they are made
(`reading` meanwhile), and a Send pressed meanwhile waits for them, so the pictures the user
added before sending go with the message. A spoken turn does not wait (its audio is already
going): a picture that is made while it is still open follows as a message of its own, which
the server places before the turn's audio (that is created at the turn's end); one made after
the turn waits for the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.realtime import Dialect, Picture
from assistant.ui.attachments import (
    MAX_PENDING,
    NOT_READ,
    TOO_MANY,
    AttachmentStrip,
    PictureReaders,
    Reading,
    carries_pictures,
    file_filter,
    read_all,
    readings_from_mime,
    refusal,
)
from assistant.ui.background import run_in_background
from assistant.ui.commands import Commands
from assistant.ui.i18n import translate

Made = tuple[int, list[Picture], list[str]]  # readings done, the pictures, the sentences


def _make(readings: list[Reading], problems: list[str]) -> Made:
    """On the worker thread: the pictures, and every sentence so far."""
    pictures, failed = read_all(readings)
    return len(readings), pictures, problems + failed


class MessageBox(QLineEdit):
    """A one-line text box whose Ctrl+V attaches a picture (an image or image files on the
    clipboard) instead of pasting; text pastes as before. Pictures dropped on it go to the
    window (it ignores them), so the box never receives a file's path as text."""

    pictures_pasted = Signal(object)  # QMimeData

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's API)
        if event.matches(QKeySequence.StandardKey.Paste):
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and carries_pictures(mime):
                self.pictures_pasted.emit(mime)
                event.accept()
                return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802  (Qt's API)
        if carries_pictures(event.mimeData()):
            event.ignore()  # the window takes it
            return
        super().dragEnterEvent(event)


class Composer(QWidget):
    """The pending pictures, the message box, Attach and Send; Enter sends.

    Signals:
        notice(str): a sentence for the status bar (a picture that could not be attached).
        read(int): pictures given to `attach_files` / `attach_mime` were read; how many of
            them were attached.
    """

    notice = Signal(str)
    read = Signal(int)

    def __init__(
        self,
        commands: Commands,
        readers: PictureReaders | None = None,
        dialect: Dialect = Dialect.GA,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._commands, self._readers = commands, readers
        self._refused = ""
        self._incoming = 0  # pictures being read on the worker thread
        self._send_when_read = False  # Send was pressed while pictures were being read
        self._spoken_turn = False  # a spoken turn is open (from its start to its end)
        self._pool: ThreadPoolExecutor | None = None
        self.strip = AttachmentStrip()
        self.text_box = MessageBox()
        self.text_box.setPlaceholderText(self.tr("Type a message and press Enter"))
        self.text_box.setAccessibleName(self.tr("Message"))
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.attach_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves Space to talk
        self.attach_button.setAutoDefault(True)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.send_button.setAutoDefault(True)
        self._layout()
        self.text_box.returnPressed.connect(self.send)
        self.text_box.pictures_pasted.connect(self.attach_mime)
        self.send_button.clicked.connect(self.send)
        self.attach_button.clicked.connect(self.choose_files)
        self.set_dialect(dialect)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.attach_button)
        row.addWidget(self.text_box, 1)
        row.addWidget(self.send_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.strip)
        column.addLayout(row)

    def focus(self) -> None:
        """Put the keyboard in the message box."""
        self.text_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_box.selectAll()

    # What the protocol allows

    @property
    def takes_pictures(self) -> bool:
        return not self._why_not()

    def _why_not(self) -> str:
        """Why pictures cannot be attached now ("" when they can)."""
        if self._readers is None:
            return self.tr("Pictures cannot be attached here.")
        return self._refused

    def set_dialect(self, dialect: Dialect) -> None:
        """The connection's protocol: attaching is off, with the reason, where it has no
        pictures; pictures already waiting stay, and say so."""
        self._refused = refusal(dialect)
        reason = self._why_not()
        self.attach_button.setEnabled(not reason)
        allowed = self.tr("Attach pictures (PNG, JPEG, GIF, WebP, BMP)")
        self.attach_button.setToolTip(reason or allowed)
        self._note_refusal()
        if self._refused and len(self.strip):
            self.notice.emit(self._kept_sentence())

    def _kept_sentence(self) -> str:
        return self.tr("The pictures waiting here are not sent: {reason}").format(
            reason=self._refused
        )

    def _note_refusal(self) -> None:
        self.strip.set_note(self._kept_sentence() if self._refused else "")

    # Attaching

    def attach_picture(self, picture: Picture) -> bool:
        """Add `picture` to the next turn; False (with a notice) when it cannot be."""
        if self._refused:  # (the readers are not needed: the picture is made)
            self.notice.emit(self._refused)
            return False
        if not self.strip.add(picture):
            self.notice.emit(translate("Attachments", TOO_MANY).format(limit=MAX_PENDING))
            return False
        return True

    @property
    def reading(self) -> bool:
        """True while pictures given to `attach_files` / `attach_mime` are being read."""
        return self._incoming > 0

    def attach_files(self, paths: Iterable[Path]) -> None:
        """Read and attach the picture files (on a worker thread; `read` says when); each one
        that cannot be is one notice."""
        paths = list(paths)
        if paths:
            mime = QMimeData()
            mime.setUrls([QUrl.fromLocalFile(str(path.absolute())) for path in paths])
            self.attach_mime(mime)

    def attach_mime(self, mime: QMimeData) -> None:
        """Attach what a drop or a paste carries (read on a worker thread; `read` says when)."""
        reason = self._why_not()
        if reason or self._readers is None:
            self.notice.emit(reason)
            return
        room = MAX_PENDING - len(self.strip) - self._incoming
        readings, problems = readings_from_mime(mime, self._readers, room)
        if not readings:
            self._pictures_made((0, [], problems))
            return
        self._incoming += len(readings)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attach")
        work = partial(_make, readings, problems)
        failed: Made = (len(readings), [], [*problems, translate("Attachments", NOT_READ)])
        run_in_background(self._pool, work, self._pictures_made, failed)

    def _pictures_made(self, made: Made) -> None:
        count, pictures, problems = made
        self._incoming -= count
        attached = sum(self.attach_picture(picture) for picture in pictures)
        for problem in problems[:1]:  # one sentence: the first thing that went wrong
            self.notice.emit(problem)
        self.read.emit(attached)
        if self._spoken_turn:
            self.send_pictures_alone()
        if self._send_when_read and not self._incoming:
            self._send_when_read = False
            self.send()

    def choose_files(self) -> None:
        """The Attach button: pick picture files."""
        names, _chosen = QFileDialog.getOpenFileNames(
            self, self.tr("Attach pictures"), "", file_filter()
        )
        self.attach_files(Path(name) for name in names)

    # Sending

    def send(self) -> None:
        """Send the typed text with the pending pictures (either may be missing); while
        pictures are being read, once they are."""
        if self._incoming:
            self._send_when_read = True
            return
        text = self.text_box.text().strip()
        pictures = self.strip.pictures if self.takes_pictures else ()
        if not text and not pictures:
            if len(self.strip):
                self.notice.emit(self._kept_sentence())
            return
        self.text_box.clear()
        if pictures:
            self.strip.take()
        self._commands.send_text(text, pictures)

    def send_pictures_alone(self) -> None:
        """A spoken turn starts: the pending pictures go first, as a message of their own
        (and those still being read follow while it is open: `spoken_turn_over`)."""
        self._spoken_turn = True
        if self.takes_pictures and len(self.strip):
            self._commands.add_pictures(self.strip.take())

    def spoken_turn_over(self) -> None:
        """The spoken turn ended (its audio is in): pictures made from now on wait for the next."""
        self._spoken_turn = False
