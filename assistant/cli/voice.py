"""`realtime-assistant voice`: a spoken conversation in the terminal, with the window's engine.

    realtime-assistant voice [endpoint options] [--input NAME] [--output NAME]
        [--turns vad|semantic|ptt] [--echo auto|cancel|gate|off] [--text TEXT ...]
        [--duration SECONDS] [--json] [--event-log FILE] [--no-history] [--diarize]
        [--reasoning-effort EFFORT] [--truncation RATIO [--truncation-tokens N]]
        [--allow-tool NAME ...] [--no-tools]

The same parts as the window: `AppCore` (session, client, controller, tool answers) and
`open_audio` (the device pair, echo handling, hot-plug recovery); only the view differs
(`voice_view.VoiceView`). Turns are hands-free (`vad`, `semantic`: the server hears when the
user stops) or push-to-talk (`ptt`: Enter starts a turn, Enter again sends it).

The model may call the tools `cli.tools` offers (an "ask" tool only with `--allow-tool`);
`--diarize` transcribes the user per speaker; the 2.x options are `session_options`'.

`--text` messages are sent one by one, each once the previous reply has finished playing; the
run then ends. Otherwise it runs until `--duration`, Ctrl+C (which ends it cleanly, with the
summary, exit status 0), or in `ptt` the end of input. Exit statuses are `chat`'s: 0 ok,
2 usage (also an unknown or ambiguous device name), 3 authentication, 4 unreachable, 5 server.
Audio that cannot be used is 4 as well: without PortAudio, without any microphone or speaker,
or without a microphone when there is no `--text` to send. The audio modules (and Qt's core,
for the notices' translations) load only when the command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.audio.selection import (
    DeviceInfo,
    DeviceKey,
    DeviceNameError,
    DevicePair,
    Role,
    match_device,
)
from assistant.cli.chat import Turn, client_options
from assistant.cli.pictures import add_message_options, messages, refuse_pictures
from assistant.cli.profiles import Choice, UsageError, add_endpoint_options, choose_endpoint
from assistant.cli.runtime import (
    EXIT_OK,
    EXIT_SERVER,
    EXIT_UNREACHABLE,
    endpoint_of,
    event_log_file,
    recorder_for,
    report_failure,
)
from assistant.cli.session_options import add_session_options, with_session_options
from assistant.cli.tools import add_tool_options, refuse_approval, terminal_tools, tool_schemas
from assistant.cli.voice_view import VoiceView
from assistant.controller import TurnState
from assistant.controller.device_settings import Probes
from assistant.realtime import (
    DIARIZE_MODEL,
    Dialect,
    SemanticVad,
    ServerVad,
    SessionConfig,
    Transcription,
    TurnDetection,
)
from assistant.settings.store import SettingsStore
from assistant.tools import ToolRegistry
from assistant.transport import ConnectionFailed, FailureKind

if TYPE_CHECKING:
    from assistant.app.audio import AudioNotice, AudioSetup
    from assistant.app.core import AppCore
    from assistant.audio.echo import EchoMode
    from assistant.audio.streams import AudioBackend

TURNS: dict[str, Callable[[], TurnDetection]] = {
    "vad": ServerVad,
    "semantic": SemanticVad,
    "ptt": lambda: None,
}
ECHO_MODES = ("auto", "cancel", "gate", "off")
REPLY_TIMEOUT = 180.0
NO_AUDIO = (
    "{why} The voice conversation needs a microphone or a speaker; "
    "'realtime-assistant chat' works without audio."
)
LISTENING = "Listening: just talk. Ctrl+C ends the conversation."
NO_MICROPHONE = "No microphone was found and there is no --text to send: nothing to say."


class NoAudio(Exception):
    """The audio needed for this run is not there (exit status 4); the message says why."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "voice",
        help="spoken conversation in the terminal (microphone and speaker)",
        description="Talk with the assistant through a microphone and a speaker, hands-free or "
        "push-to-talk; the transcript is printed. Ctrl+C ends the conversation.",
    )
    add_endpoint_options(parser)
    parser.add_argument("--input", metavar="NAME", help="microphone (a part of its name is enough)")
    parser.add_argument("--output", metavar="NAME", help="speaker (a part of its name is enough)")
    parser.add_argument(
        "--turns",
        choices=list(TURNS),
        default="vad",
        help="vad: hands-free (default); semantic: hands-free, waits for a finished thought; "
        "ptt: Enter starts and ends a turn",
    )
    parser.add_argument(
        "--echo", choices=ECHO_MODES, default="auto", help="echo handling (default: auto)"
    )
    add_message_options(parser, "say this by typing (repeatable); the reply is spoken")
    parser.add_argument("--duration", type=float, metavar="SECONDS", help="stop after this long")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--instructions", help="system instructions for the model")
    parser.add_argument("--event-log", metavar="FILE", help="record the session events (JSONL)")
    parser.add_argument(
        "--no-history", action="store_true", help="do not keep this conversation in the history"
    )
    parser.add_argument(
        "--diarize",
        action="store_true",
        help=f"transcribe with {DIARIZE_MODEL}: who said what, line by line per speaker",
    )
    add_session_options(parser)
    add_tool_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.duration is not None and not args.duration > 0:
        raise UsageError("--duration takes a number of seconds greater than 0.")
    choice = choose_endpoint(args)
    tools = terminal_tools(args)
    with_session_options(SessionConfig(), args)  # a bad value is a usage error before audio
    args.typed = messages(args)  # so is a bad picture: nothing is sent
    try:
        return asyncio.run(_voice(args, choice, tools))
    except NoAudio as exc:
        sys.stderr.write(f"realtime-assistant: {exc}\n")
        return EXIT_UNREACHABLE


def device_pair(devices: list[DeviceInfo], args: argparse.Namespace) -> DevicePair:
    """The pair named by --input and --output (None: the system default for that role)."""
    return DevicePair(_named(devices, args.input, "input"), _named(devices, args.output, "output"))


def _named(devices: list[DeviceInfo], name: str | None, role: Role) -> DeviceKey | None:
    if name is None:
        return None
    try:
        return match_device(devices, name, role).key
    except DeviceNameError as exc:
        raise UsageError(f"--{role}: {exc}") from None


def session_config(
    args: argparse.Namespace, *, microphone: bool, tools: ToolRegistry | None = None
) -> SessionConfig:
    """Spoken replies; turn detection and transcription only when there is a microphone
    (diarized with --diarize); the tools offered; the model options given."""
    transcription = Transcription(DIARIZE_MODEL) if args.diarize else Transcription()
    config = SessionConfig(
        output="audio",
        turn_detection=TURNS[args.turns]() if microphone else None,
        transcription=transcription if microphone else None,
        tools=tool_schemas(tools),
    )
    config = with_session_options(config, args)
    return replace(config, instructions=args.instructions) if args.instructions else config


async def _voice(args: argparse.Namespace, choice: Choice, tools: ToolRegistry | None) -> int:
    from assistant.app.audio import portaudio_backend  # noqa: PLC0415  (audio and QtCore load here)

    backend, problem = portaudio_backend()
    if backend is None:
        raise NoAudio(NO_AUDIO.format(why=problem))
    pair = device_pair(backend.list_devices(), args)
    view = VoiceView(sys.stdout, as_json=args.json)
    async with endpoint_of(choice) as endpoint:
        from assistant.app.core import AppCore  # noqa: PLC0415

        with event_log_file(args.event_log) as log:
            options = client_options(1.0)  # the terminal's policy: a few attempts, then why
            core = AppCore(
                endpoint,
                SessionConfig(),
                view,
                tools=tools,
                approve=refuse_approval,
                options=options,
                event_log=log,
            )
            with recorder_for(args, core.session, endpoint) as recorder:
                if recorder is not None:
                    core.controller.listeners.append(recorder.on_event)
                return await _with_audio(args, core, view, backend, pair)


async def _with_audio(
    args: argparse.Namespace,
    core: AppCore,
    view: VoiceView,
    backend: AudioBackend,
    pair: DevicePair,
) -> int:
    from assistant.app.audio import audio_notice_text, open_audio, starting_echo  # noqa: PLC0415
    from assistant.audio.levels import SilentMicrophone  # noqa: PLC0415

    refuse_pictures(args.typed, core.session.dialect)
    live = core.session.dialect is Dialect.LIVE
    mode, probes = echo_mode(args, live=live), saved_probes(view)
    echo = starting_echo(mode, probes, backend.list_devices(), pair)
    following: list[AudioSetup] = []

    def notify(notice: AudioNotice) -> None:
        view.notice(audio_notice_text(notice))
        if following and not isinstance(notice, SilentMicrophone):  # after the watcher reopened
            asyncio.get_running_loop().call_soon(_follow_echo, following[0], mode, probes, view)

    audio = open_audio(backend, core.controller, notify, pair, echo=echo, short_playback=live)
    following.append(audio)
    try:
        _check_audio(audio, args)
        if audio.note:
            view.notice(audio.note)
        view.bind(core.controller, audio.speaker)
        microphone = audio.microphone is not None
        core.configure(session_config(args, microphone=microphone, tools=core.tools))
        return await _converse(args, core, view, audio)
    finally:
        await audio.aclose()


def echo_mode(args: argparse.Namespace, *, live: bool) -> EchoMode:
    """--echo; GPT-Live listens while it speaks, so it always cancels echo (as the window)."""
    from assistant.audio.echo import EchoMode  # noqa: PLC0415

    return EchoMode.CANCEL if live else EchoMode(args.echo)


def saved_probes(view: VoiceView) -> Probes:
    """What the echo probe found per device pair, as the window saved it (Auto follows it)."""
    store = SettingsStore()
    probes = store.load().echo_probes
    if notice := store.take_notice():
        view.notice(f"realtime-assistant: {notice}")
    return probes


def _follow_echo(audio: AudioSetup, mode: EchoMode, probes: Probes, view: VoiceView) -> None:
    """After a device change: echo handling for the pair open now, with its saved verdict."""
    if notice := audio.follow_echo(mode, probes):
        view.notice(notice)


def _check_audio(audio: AudioSetup, args: argparse.Namespace) -> None:
    if audio.microphone is None and audio.speaker is None:
        raise NoAudio(NO_AUDIO.format(why="No microphone or speaker was found."))
    if audio.microphone is None and not args.text:
        raise NoAudio(NO_MICROPHONE)


async def _converse(
    args: argparse.Namespace, core: AppCore, view: VoiceView, audio: AudioSetup
) -> int:
    """Run until the script ends, the time is up, Ctrl+C, or the connection gives up."""
    stop = asyncio.Event()
    _stop_on_signals(stop)
    if args.duration is not None:
        asyncio.get_running_loop().call_later(args.duration, stop.set)
    core.start()
    audio.watch(lambda: _quiet(core, audio))
    script = asyncio.create_task(_script(args, core, view))
    waits = {script, asyncio.create_task(stop.wait()), asyncio.create_task(view.failed.wait())}
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waits:
            task.cancel()
        await _wind_down(core, view, audio)
    failure = _script_failure(script) or core.failure
    if failure is not None:
        return report_failure(failure)
    return EXIT_SERVER if view.failed_turns else EXIT_OK


def _quiet(core: AppCore, audio: AudioSetup) -> bool:
    """No reply playing and nobody speaking: a moment to look for devices again."""
    busy = audio.speaker is not None and audio.speaker.is_busy
    return not busy and core.controller.state is TurnState.IDLE


async def _wind_down(core: AppCore, view: VoiceView, audio: AudioSetup) -> None:
    """Cut a reply still sounding (truncated where it was heard, as in the window), close the
    connection, print what is left and the summary."""
    if audio.speaker is not None and audio.speaker.is_busy:
        core.controller.stop_reply()
    await core.aclose()
    view.finish()


def _script_failure(script: asyncio.Task[None]) -> ConnectionFailed | None:
    if script.done() and not script.cancelled():
        error = script.exception()
        if isinstance(error, ConnectionFailed):
            return error
        if error is not None:
            raise error
    return None


async def _script(args: argparse.Namespace, core: AppCore, view: VoiceView) -> None:
    """What the user does: the --text messages (with their pictures), Enter presses (ptt),
    or just talking."""
    if args.typed:
        await _send_texts(args.typed, core, view)
    elif args.turns == "ptt":
        await _push_to_talk(core, view)
    else:
        view.notice(LISTENING)
        await asyncio.Event().wait()  # hands-free: until the time is up or Ctrl+C


async def _send_texts(typed: list[Turn], core: AppCore, view: VoiceView) -> None:
    for text, pictures in typed:
        await _reply_heard(view)
        view.reply_expected()
        core.controller.send_text(text, pictures)
    await _reply_heard(view)


async def _reply_heard(view: VoiceView) -> None:
    try:
        await asyncio.wait_for(view.idle.wait(), REPLY_TIMEOUT)
    except TimeoutError:
        message = f"No reply within {REPLY_TIMEOUT:.0f} seconds. Try again later."
        raise ConnectionFailed(FailureKind.SERVER, message) from None


async def _push_to_talk(core: AppCore, view: VoiceView) -> None:
    """Enter starts a turn, Enter again sends it; at the end of input, the last reply is heard."""
    view.notice("Press Enter to talk, Enter again to send; Ctrl+D or Ctrl+C ends.")
    lines = _stdin_lines()
    talking = False
    while await lines.get() is not None:
        if talking:
            _send_turn(core, view)
        else:
            core.controller.press_to_talk()
            view.notice("(listening... Enter sends)")
        talking = not talking
    if talking:
        _send_turn(core, view)
    await _reply_heard(view)


def _send_turn(core: AppCore, view: VoiceView) -> None:
    if core.controller.release_to_talk():
        view.reply_expected()
    else:
        view.notice("(too short: nothing was sent)")


def _stdin_lines() -> asyncio.Queue[str | None]:
    """Lines typed on stdin, then None at the end. The reading thread is a daemon: it never
    keeps the program from ending while it waits for a line."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(line: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is listening
            loop.call_soon_threadsafe(queue.put_nowait, line)

    def read() -> None:
        for line in iter(sys.stdin.readline, ""):
            put(line)
        put(None)

    threading.Thread(target=read, name="stdin", daemon=True).start()
    return queue


def _stop_on_signals(stop: asyncio.Event) -> None:
    """Ctrl+C (and SIGTERM) end the conversation cleanly once; a second press kills as usual.

    Where the loop cannot take signals (Windows), Ctrl+C raises KeyboardInterrupt (status 130).
    """
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)

    def first() -> None:
        for number in signals:
            loop.remove_signal_handler(number)
        stop.set()

    for number in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(number, first)
