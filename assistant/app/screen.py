"""Ask about my screen: the window's action and the global screen key.

Either way the screen (or a region of it, from the action) is captured
(`assistant.ui.screen_capture`), made a picture the model takes (`picture_from_image`, scaled
to its limits) and handed to a `PictureSink`, the window's strip of pictures waiting for the
next turn. The screen key then presses the talk button and its release lets go, like the talk
key; a key released before the capture is done leaves the picture waiting and starts no turn
(a tap attaches, a hold asks). The hold is the key's only when it started it (the talk key's
rule), and it works while the window is hidden in the tray.

Only the GA protocol takes pictures (`Dialect.takes_pictures`): on GPT-Live and the Azure
preview the action is off with the reason as its tooltip, and the key says the reason instead
of capturing. Every failure (no capture, a picture that cannot be made) is one notice; nothing
is attached then.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QImage

from assistant.app.hotkey import HotkeySetting
from assistant.app.pictures import PictureError, picture_from_image
from assistant.hotkey import KeySource
from assistant.hotkey.listener import PynputSource
from assistant.realtime import Dialect, Picture
from assistant.settings.checks import check_hotkeys
from assistant.settings.store import AppSettings
from assistant.ui.attachments import NOT_READ, refusal
from assistant.ui.hotkey_edit import screen_problem_text
from assistant.ui.i18n import localize, translate
from assistant.ui.screen_capture import CaptureFailed, ScreenCapture
from assistant.ui.screen_menu import ScreenActions
from assistant.ui.talk import TalkBar

if TYPE_CHECKING:
    from assistant.app.assembly import RunningApp

PICTURE_NAME = "screen.png"
_log = logging.getLogger(__name__)


class PictureSink(Protocol):
    """Where a picture waits for the next turn: the window's picture strip
    (`MainWindow.attach_picture`); tests give a recorder."""

    def attach_picture(self, picture: Picture) -> None: ...


class Capture(Protocol):
    """`assistant.ui.screen_capture.ScreenCapture`: `CaptureFailed` when there is no picture."""

    async def whole(self) -> QImage: ...
    async def region(self) -> QImage | None: ...


class ScreenQuestions:
    """Capture, make a picture, attach it; one notice for whatever goes wrong."""

    def __init__(self, capture: Capture, sink: PictureSink, notice: Callable[[str], None]) -> None:
        self.capture, self.sink, self._notice = capture, sink, notice
        self.dialect = Dialect.GA
        self.busy = False  # a capture is under way (a second one waits for nothing)

    def refusal(self) -> str:
        return refusal(self.dialect)

    async def ask(self, region: bool = False) -> bool:
        """Attach the screen (a region of it: `region`); True when a picture was attached."""
        why = self.refusal()
        if why or self.busy:
            if why:
                self._notice(why)
            return False
        self.busy = True
        try:
            image = await (self.capture.region() if region else self.capture.whole())
            return image is not None and await self._attach(image)
        except CaptureFailed as failed:
            self._notice(str(failed.args[0]))
            return False
        finally:
            self.busy = False

    async def _attach(self, image: QImage) -> bool:
        """Scaling and PNG encoding take 0.1-0.2 s: on a worker thread (Qt lets go of the GIL
        there), so the window and the audio go on meanwhile."""
        try:
            picture = await asyncio.to_thread(picture_from_image, PICTURE_NAME, image)
        except PictureError as error:
            self._notice(localize(error.args[0]))
            return False
        except Exception:  # a bug, not the picture: logged, and still one sentence
            _log.exception("the screen's picture could not be made")
            self._notice(translate("Attachments", NOT_READ))
            return False
        self.sink.attach_picture(picture)
        return True


class GlobalScreenKey(HotkeySetting):
    """The `screen_hotkey` setting, live: capture, attach, then talk while held."""

    def __init__(
        self,
        questions: ScreenQuestions,
        talk: TalkBar,
        notice: Callable[[str], None],
        source: Callable[[], KeySource] = PynputSource,
    ) -> None:
        super().__init__(notice, source, screen_problem_text)
        self.questions, self._talk = questions, talk
        self._down = self._owns_hold = False
        self.asking: asyncio.Task[None] | None = None

    def apply_with(self, setting: str, talk_key: str) -> None:
        """`apply(setting)`, unless it is the talk key's combination (a settings file edited
        by hand; the dialog refuses it): then one notice and no screen key."""
        clash = check_hotkeys(talk_key, setting)
        self.apply("" if clash else setting)
        if clash:
            self._notice(localize(clash[0].sentence))

    def _press(self) -> None:
        self._down = True
        if self.asking is None or self.asking.done():
            self.asking = asyncio.get_running_loop().create_task(self._capture_then_talk())

    async def _capture_then_talk(self) -> None:
        attached = await self.questions.ask()
        if attached and self._down and not self._talk.held:
            self._talk.press()
            self._owns_hold = self._talk.held

    def _release(self) -> None:
        self._down = False
        if self._owns_hold:
            self._owns_hold = False
            self._talk.release()


class ScreenAsk:
    """The action, the screen key and the questions for one window (`install_screen`)."""

    def __init__(
        self, running: RunningApp, questions: ScreenQuestions, key: GlobalScreenKey
    ) -> None:
        self.questions, self.key = questions, key
        window = running.window
        self.actions = ScreenActions(window, window.conversation_menu)
        self.actions.requested.connect(self._requested)
        self.tasks: set[asyncio.Task[bool]] = set()
        window.global_screen_key = lambda: key.setting if key.listening is not None else ""

    def _requested(self, region: bool) -> None:
        task = asyncio.get_running_loop().create_task(self.questions.ask(region))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def apply(self, settings: AppSettings, dialect: Dialect) -> None:
        """The settings' screen key, and what the connection's protocol allows."""
        self.questions.dialect = dialect
        self.actions.refuse(self.questions.refusal())
        self.key.apply_with(settings.screen_hotkey, settings.global_hotkey)

    def stop(self) -> None:
        """No more key; a capture under way is cancelled (an open overlay closes)."""
        self.key.stop()
        asking = [*self.tasks, *([self.key.asking] if self.key.asking is not None else [])]
        for task in asking:
            task.cancel()


def install_screen(
    running: RunningApp,
    sink: PictureSink,
    *,
    capture: Capture | None = None,
    source: Callable[[], KeySource] = PynputSource,
) -> ScreenAsk:
    """Ask about my screen in `running`'s window, attaching to `sink`; installed once (again:
    the sink, the capture and the key source are replaced, the rest kept)."""
    capture = capture or ScreenCapture(running.window)
    if running.screen is not None:
        screen = running.screen
        screen.questions.sink, screen.questions.capture = sink, capture
        screen.key.stop()
        screen.key.setting, screen.key.source = "", source
    else:
        window = running.window
        questions = ScreenQuestions(capture, sink, window.show_notice)
        key = GlobalScreenKey(questions, window.talk, window.show_notice, source)
        screen = running.screen = ScreenAsk(running, questions, key)
    screen.apply(running.settings, running.core.session.dialect)
    return screen
