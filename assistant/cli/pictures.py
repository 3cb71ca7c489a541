"""`--text` and `--image` for `chat` and `voice`: the pictures go with the next `--text` message.

Both options are remembered in the order given (`args.inputs`), so `--image a.png --text "what
is this?" --text "thanks"` sends one message with a picture, then one without. Every picture is
read, checked and scaled (`assistant.app.pictures`, loaded only when there is one) before the
command connects: a bad file is one sentence (exit status 2) and nothing is sent.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.cli.profiles import UsageError
from assistant.realtime import Detail, Dialect, Message, Picture

NO_TEXT_AFTER = "--image {name} needs a --text message after it (the picture goes with it)."
NO_PICTURES = {
    Dialect.LIVE: "GPT-Live takes no pictures: leave out --image {name}, or pick a Realtime model.",
    Dialect.BETA: "The Azure preview protocol takes no pictures: leave out --image {name}, or use"
    " the GA address (https://RESOURCE.openai.azure.com/openai/v1).",
}


class _InOrder(argparse._AppendAction):
    """Appends like `append`, and remembers the option's place among the others."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        super().__call__(parser, namespace, values, option_string)
        inputs = list(getattr(namespace, "inputs", None) or [])
        namespace.inputs = [*inputs, (self.dest, values)]


def add_message_options(parser: argparse.ArgumentParser, text_help: str) -> None:
    parser.add_argument("--text", action=_InOrder, help=text_help)
    parser.add_argument(
        "--image",
        action=_InOrder,
        metavar="FILE",
        help="send this picture (PNG, JPEG, GIF, WebP or BMP) with the next --text message "
        "(repeatable); large pictures are scaled down",
    )
    parser.add_argument(
        "--image-detail",
        choices=[d.value for d in Detail],
        default=Detail.AUTO.value,
        help="how closely the model looks at the pictures (default: auto)",
    )
    parser.set_defaults(inputs=[])


def messages(args: argparse.Namespace) -> list[tuple[str, tuple[Picture, ...]]]:
    """The --text messages in order, each with the pictures given before it (read now)."""
    result: list[tuple[str, tuple[Picture, ...]]] = []
    waiting: list[Picture] = []
    for option, value in args.inputs:
        if option == "image":
            waiting.append(_read(Path(value), Detail(args.image_detail)))
        else:
            result.append((value, tuple(waiting)))
            waiting = []
    if waiting:
        raise UsageError(NO_TEXT_AFTER.format(name=waiting[0].name))
    return result


def refuse_pictures(given: Sequence[tuple[str, tuple[Picture, ...]]], dialect: Dialect) -> None:
    """GPT-Live and the Azure preview protocol have no `input_image` (docs/gpt-live.md, the beta
    event models): say so before anything is sent (UsageError, exit 2)."""
    sentence = NO_PICTURES.get(dialect)
    for _text, pictures in given:
        if pictures and sentence is not None:
            raise UsageError(sentence.format(name=pictures[0].name))


def pictures_json(item: Message) -> list[dict[str, Any]]:
    """What --json shows of a message's pictures: name, type, size and detail (no bytes)."""
    return [
        {
            "name": p.name,
            "mime": p.mime,
            "width": p.width,
            "height": p.height,
            "bytes": len(p.data),
            "detail": p.detail.value,
        }
        for p in item.pictures
    ]


def _read(path: Path, detail: Detail) -> Picture:
    from assistant.app.pictures import PictureError, picture_from_file  # noqa: PLC0415  (Qt)

    try:
        return picture_from_file(path, detail)
    except PictureError as error:
        raise UsageError(str(error.args[0])) from None
