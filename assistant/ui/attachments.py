"""Pictures waiting for the next turn: a row of thumbnails above the message box.

`AttachmentStrip` holds the pending `Picture`s; each shows as a small thumbnail with its name
and a remove button (reached with Tab, pressed with Space or Return). Pictures are made by the
app's `assistant.app.pictures` (checked, decoded, scaled to the model's limits), handed to the
window as `PictureReaders` because the UI may not import the app; each reader raises
`ValueError` whose first argument is the sentence for the user.

`readings_from_mime` takes what a drop or a paste carries: local image files (URLs), or
image data (encoded bytes such as `image/png`, else Qt's decoded image); `read_all` makes the
pictures (the composer does that on a worker thread: a large photo takes a tenth of a second
or more). Whatever cannot be attached is one sentence; what can is attached.

The pictures leave with the next turn (the window decides when: `assistant.ui.window`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.realtime import Dialect, Picture
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate

THUMB = QSize(56, 56)  # a pending picture's thumbnail
MAX_PENDING = 10  # pictures waiting at once (each costs tokens; a dropped folder is refused)
IMAGE_FILTER = "*.png *.jpg *.jpeg *.gif *.webp *.bmp"
ENCODED = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")

TOO_MANY = QT_TRANSLATE_NOOP(
    "Attachments", "At most {limit} pictures can wait to be sent; the others were not attached."
)
NOT_LOCAL = QT_TRANSLATE_NOOP(
    "Attachments", "Only files on this computer can be attached ({name} is not one)."
)
NO_PICTURE = QT_TRANSLATE_NOOP("Attachments", "There is no picture in what was dropped or pasted.")
PASTED = QT_TRANSLATE_NOOP("Attachments", "Pasted picture")
NOT_READ = QT_TRANSLATE_NOOP(
    "Attachments", "The pictures could not be read, so nothing was attached; the log says why."
)
REFUSED = {
    Dialect.LIVE: QT_TRANSLATE_NOOP("Attachments", "GPT-Live does not take pictures."),
    Dialect.BETA: QT_TRANSLATE_NOOP(
        "Attachments",
        "The Azure preview protocol does not take pictures; the GA endpoint "
        "(/openai/v1/realtime) does.",
    ),
}


def refusal(dialect: Dialect) -> str:
    """Why pictures cannot be sent on `dialect` ("" when they can)."""
    text = REFUSED.get(dialect)
    return translate("Attachments", text) if text else ""


@dataclass(frozen=True)
class PictureReaders:
    """How the window makes pictures (the app's `assistant.app.pictures`); each raises
    `ValueError(sentence)` for a file or image that cannot be sent."""

    from_file: Callable[[Path], Picture]
    from_bytes: Callable[[str, bytes], Picture]
    from_image: Callable[[str, QImage], Picture]


def thumbnail(data: bytes, box: QSize) -> QImage | None:
    """`data` (an encoded picture) decoded at most `box` large, aspect kept; None when it
    cannot be decoded. Large pictures are decoded scaled, so a thumbnail costs little."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


Reading = Callable[[], Picture]  # makes one picture; raises ValueError(sentence); any thread


def readings_from_mime(
    mime: QMimeData, readers: PictureReaders, room: int = MAX_PENDING
) -> tuple[list[Reading], list[str]]:
    """What a drop or a paste carries, taken out of `mime` now (it lives only as long as the
    drop or the clipboard): a reading per picture (at most `room`: the rest is not even
    read), and a sentence for each thing that is not one. `read_all` then makes the pictures,
    on any thread (the readers use `QImage` only)."""
    readings: list[Reading] = []
    problems: list[str] = []
    if any(url.isLocalFile() for url in mime.urls()):
        for url in mime.urls():
            if len(readings) >= room:
                problems.append(translate("Attachments", TOO_MANY).format(limit=MAX_PENDING))
                break
            if not url.isLocalFile():
                problems.append(translate("Attachments", NOT_LOCAL).format(name=url.toString()))
                continue
            readings.append(partial(readers.from_file, Path(url.toLocalFile())))
        return readings, problems
    name = translate("Attachments", PASTED)
    encoded = next((kind for kind in ENCODED if mime.hasFormat(kind)), None)
    image = mime.imageData() if encoded is None and mime.hasImage() else None
    if encoded is not None:
        readings.append(partial(readers.from_bytes, name, bytes(mime.data(encoded).data())))
    elif isinstance(image, QImage) and not image.isNull():
        readings.append(partial(readers.from_image, name, image))
    else:
        problems.append(translate("Attachments", NO_PICTURE))
    return readings, problems


def read_all(readings: Iterable[Reading]) -> tuple[list[Picture], list[str]]:
    """The pictures, and a sentence for each reading that failed."""
    pictures: list[Picture] = []
    problems: list[str] = []
    for make in readings:
        _read(make, pictures, problems)
    return pictures, problems


def carries_pictures(mime: QMimeData) -> bool:
    """True when `mime` holds files of this computer or image data (plain text, or a web
    link, does not: it is pasted as text)."""
    if any(url.isLocalFile() for url in mime.urls()):
        return True
    return mime.hasImage() or any(mime.hasFormat(kind) for kind in ENCODED)


def _read(make: Callable[[], Picture], pictures: list[Picture], problems: list[str]) -> None:
    try:
        pictures.append(make())
    except ValueError as error:  # args[0]: the sentence (a `Sentence`: said in the user's language)
        sentence = error.args[0] if error.args else ""
        problems.append(localize(sentence) if isinstance(sentence, str) else str(error))


class AttachmentChip(QFrame):
    """One pending picture: its thumbnail, its name and a remove button."""

    remove_requested = Signal()

    def __init__(self, picture: Picture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = picture
        self.setFrameShape(QFrame.Shape.StyledPanel)
        image = thumbnail(picture.data, THUMB)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image is not None:
            self.thumb.setPixmap(QPixmap.fromImage(image))
        self.name = QLabel(picture.name)
        self.name.setMaximumWidth(140)
        self.name.setToolTip(f"{picture.name} ({picture.width}\u00d7{picture.height})")
        self.remove_button = QToolButton()
        self.remove_button.setText("\u00d7")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        label = self.tr("Remove {name}").format(name=picture.name)
        self.remove_button.setToolTip(label)
        self.remove_button.setAccessibleName(label)
        self.remove_button.clicked.connect(self.remove_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 2, 2)
        row.addWidget(self.thumb)
        row.addWidget(self.name)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        metrics = self.name.fontMetrics()
        self.name.setText(metrics.elidedText(picture.name, Qt.TextElideMode.ElideMiddle, 140))


class AttachmentStrip(QWidget):
    """The pictures that go with the next turn; hidden while there are none.

    Signals:
        changed(): a picture was added or removed, or the strip was emptied.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[AttachmentChip] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.note = QLabel()  # why the pictures are not sent (a protocol without pictures)
        self.note.setWordWrap(True)
        self.note.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 0, 8, 0)
        column.addLayout(self._row)
        column.addWidget(self.note)
        self.setAccessibleName(self.tr("Pictures to send"))
        self.hide()

    @property
    def pictures(self) -> tuple[Picture, ...]:
        return tuple(chip.picture for chip in self.chips)

    def __len__(self) -> int:
        return len(self.chips)

    def add(self, picture: Picture) -> bool:
        """Show `picture` as pending; False when `MAX_PENDING` are waiting already."""
        if len(self.chips) >= MAX_PENDING:
            return False
        chip = AttachmentChip(picture, self)
        chip.remove_requested.connect(lambda chip=chip: self._remove_chip(chip))
        self._row.insertWidget(len(self.chips), chip)
        self.chips.append(chip)
        self.show()
        self.changed.emit()
        return True

    def _remove_chip(self, chip: AttachmentChip) -> None:
        if chip in self.chips:  # a second click before the chip is gone does nothing
            self.remove(self.chips.index(chip))

    def remove(self, index: int) -> None:
        """Drop one pending picture; the keyboard moves to a neighbour's remove button."""
        chip = self.chips.pop(index)
        had_focus = chip.remove_button.hasFocus()
        self._row.removeWidget(chip)
        chip.hide()
        chip.deleteLater()
        if had_focus and self.chips:
            self.chips[min(index, len(self.chips) - 1)].remove_button.setFocus()
        self._follow()

    def take(self) -> tuple[Picture, ...]:
        """The pending pictures, leaving the strip empty (they are being sent)."""
        pictures = self.pictures
        for chip in self.chips:
            self._row.removeWidget(chip)
            chip.deleteLater()
        self.chips.clear()
        self._follow()
        return pictures

    def set_note(self, text: str) -> None:
        """A line under the thumbnails ("" for none)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _follow(self) -> None:
        self.setVisible(bool(self.chips))
        self.changed.emit()


def file_filter() -> str:
    """The file dialog's filter: the formats `assistant.app.pictures` reads."""
    return translate("Attachments", "Pictures ({patterns})").format(patterns=IMAGE_FILTER)
