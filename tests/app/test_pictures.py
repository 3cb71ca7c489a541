"""Picture files checked, decoded and scaled to the model's limits with Qt (no display)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from assistant.app.pictures import (
    MAX_FILE_BYTES,
    PictureError,
    fitted,
    picture_from_file,
    picture_from_image,
)
from assistant.realtime import Detail
from tests.pictures import jpeg, png, png_claiming


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_small_png_is_sent_as_it_is(tmp_path: Path) -> None:
    data = png(64, 48)
    picture = picture_from_file(_write(tmp_path, "shot.png", data), Detail.LOW)
    assert (picture.name, picture.mime, picture.width, picture.height) == (
        "shot.png",
        "image/png",
        64,
        48,
    )
    assert picture.data == data and picture.detail is Detail.LOW


def test_a_large_photo_is_scaled_to_a_short_side_of_768(tmp_path: Path) -> None:
    picture = picture_from_file(_write(tmp_path, "photo.jpg", jpeg(3000, 2000)))
    assert (picture.mime, picture.width, picture.height) == ("image/jpeg", 1152, 768)
    decoded = QImage.fromData(picture.data)
    assert (decoded.width(), decoded.height()) == (1152, 768)


def test_a_picture_of_72_million_pixels_is_scaled_not_called_damaged(tmp_path: Path) -> None:
    # Qt's reader refuses images over 256 MB (67 million colour pixels) unless told otherwise.
    picture = picture_from_file(_write(tmp_path, "panorama.png", png(8500, 8500)))
    assert (picture.mime, picture.width, picture.height) == ("image/png", 768, 768)


def test_a_wide_screenshot_fits_2048_and_stays_png(tmp_path: Path) -> None:
    picture = picture_from_file(_write(tmp_path, "wide.png", png(5000, 1000)))
    assert (picture.mime, picture.width, picture.height) == ("image/png", 2048, 410)
    assert QImage.fromData(picture.data).size() == QSize(2048, 410)


def test_other_formats_are_re_encoded(tmp_path: Path) -> None:
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(0x112233)
    bmp = tmp_path / "old.bmp"
    assert image.save(str(bmp))
    picture = picture_from_file(bmp)
    assert (picture.mime, picture.width, picture.height) == ("image/jpeg", 30, 20)
    assert not QImage.fromData(picture.data).isNull()


def test_an_image_with_transparency_is_sent_as_png() -> None:
    image = QImage(4000, 4000, QImage.Format.Format_ARGB32)
    image.fill(0)
    picture = picture_from_image("screen", image, keep_png=False)
    assert (picture.mime, picture.width, picture.height) == ("image/png", 768, 768)


@pytest.mark.parametrize(
    ("size", "expected"),
    [((100, 50), (100, 50)), ((4096, 1024), (2048, 512)), ((1000, 1000), (768, 768))],
)
def test_fitted_never_enlarges_and_keeps_the_aspect(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert fitted(QSize(*size)) == QSize(*expected)


def test_a_50_mb_file_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.write(png(1, 1))
        file.truncate(50 * 1024 * 1024)
    with pytest.raises(PictureError) as error:
        picture_from_file(path)
    assert str(error.value.args[0]) == (
        f"The picture huge.png is too large to send (the limit is {MAX_FILE_BYTES >> 20} MB)."
    )


def test_a_text_file_is_not_a_picture(tmp_path: Path) -> None:
    with pytest.raises(PictureError, match=r"notes.txt is not a picture the assistant can send"):
        picture_from_file(_write(tmp_path, "notes.txt", b"hello, world\n" * 10))


def test_a_corrupt_picture_is_refused(tmp_path: Path) -> None:
    damaged = png(100, 100)[:60]
    with pytest.raises(PictureError, match=r"could not be read: the file is damaged"):
        picture_from_file(_write(tmp_path, "broken.png", damaged))


def test_a_missing_file_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(PictureError, match=r"The file gone.png could not be opened."):
        picture_from_file(tmp_path / "gone.png")


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = png_claiming(60000, 60000)
    with pytest.raises(PictureError, match=r"has too many pixels"):
        picture_from_file(_write(tmp_path, "bomb.png", bomb))
