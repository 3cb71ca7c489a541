"""A sent picture, larger: opened by clicking its thumbnail in the chat (or Enter on its card).

One dialog, reused: the picture at its own size, scaled down to fit most of the screen, its
name and pixel size in the title; a picture whose bytes cannot be read (its file is gone)
says so instead. Esc or Close closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from assistant.realtime import Picture


class PictureViewer(QDialog):
    """Shows one picture (`show_picture`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(scroll, 1)
        column.addWidget(buttons)

    def show_picture(self, picture: Picture, data: bytes | None) -> None:
        """Show `picture` (its encoded `data`, None when it cannot be read) and raise."""
        title = self.tr("{name} ({width}x{height})")
        self.setWindowTitle(
            title.format(name=picture.name, width=picture.width, height=picture.height)
        )
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.image.setPixmap(QPixmap())
            self.image.setText(
                self.tr("This picture cannot be shown: its file is missing or damaged.")
            )
            self.resize(420, 160)
        else:
            self.image.setText("")
            fitted = image.size().boundedTo(self._room())
            scaled = image.scaled(
                fitted,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.image.setPixmap(QPixmap.fromImage(scaled))
            self.resize(scaled.size() + QSize(40, 80))
        self.image.setAccessibleName(picture.name)
        self.show()
        self.raise_()
        self.activateWindow()

    def _room(self) -> QSize:
        screen = self.screen().availableGeometry().size()
        return QSize(max(200, screen.width() * 4 // 5), max(150, screen.height() * 4 // 5))
