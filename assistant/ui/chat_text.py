"""How a chat row reads: rich text for the view and plain text for the clipboard.

The markup is the small HTML subset `QTextDocument` understands. Everything that came from the
model, the user or a tool is escaped. Symbols are ones common fonts (DejaVu, Segoe UI, SF) have.
Words are translated when a row is drawn (see `assistant.ui.i18n`). The markup names no colour:
it marks text with classes (`who`: the speaker's name, `dim`, `bad`, `good`) that the view
colours from the palette (`assistant.ui.chat_delegate.row_style`).
"""

from __future__ import annotations

import html
import json

from assistant.ui.chat_rows import ChatRow, RowKind, speaker_turns
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

COMPACT_CHARS = 40
WHO = {
    RowKind.USER: QT_TRANSLATE_NOOP("Chat", "You"),
    RowKind.ASSISTANT: QT_TRANSLATE_NOOP("Chat", "Assistant"),
    RowKind.TOOL: QT_TRANSLATE_NOOP("Chat", "Tool"),
    RowKind.ERROR: QT_TRANSLATE_NOOP("Chat", "Problem"),
    RowKind.NOTE: QT_TRANSLATE_NOOP("Chat", "Note"),
    RowKind.MCP_TOOLS: QT_TRANSLATE_NOOP("Chat", "MCP"),
    RowKind.APPROVAL: QT_TRANSLATE_NOOP("Chat", "Approval"),
    RowKind.MARKER: "",
}
CURSOR = "\u258d"  # a thin block: the reply is still arriving
CUT = "\u2702"  # scissors: where the user cut in
GEAR = "\u2699"
WARNING = "\u26a0"


def _tr(text: str) -> str:
    return translate("Chat", text)


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _grey(text: str, extra: str = "") -> str:
    style = f' style="{extra}"' if extra else ""
    return f'<span class="dim"{style}>{text}</span>'


def _short(text: str, limit: int = COMPACT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def who(row: ChatRow) -> str:
    return _tr(WHO[row.kind])


PREAMBLE = QT_TRANSLATE_NOOP("Chat", "preamble")
SPEAKER = QT_TRANSLATE_NOOP("Chat", "Speaker {label}")


def is_preamble(row: ChatRow) -> bool:
    """A reasoning model's commentary before its answer (phase "commentary")."""
    return row.kind is RowKind.ASSISTANT and row.phase == "commentary"


def header(row: ChatRow) -> str:
    extra = _grey(" \u00b7 " + translate("Chat", "spoken")) if row.spoken else ""
    if is_preamble(row):
        extra += _grey(" \u00b7 " + _tr(PREAMBLE))
    return f'<b class="who">{html.escape(who(row))}</b>{extra}'


def body(row: ChatRow, *, transcribing: bool = True) -> str:
    """The row's text as rich text."""
    if row.kind is RowKind.USER:
        return _user(row, transcribing)
    if row.kind is RowKind.ERROR:
        return _red(row.text)
    if row.kind is RowKind.NOTE:
        return _grey(_esc(row.text), "font-style:italic")
    return _BODIES[row.kind](row)


def row_html(row: ChatRow, *, transcribing: bool = True) -> str:
    if row.kind is RowKind.MARKER:
        rule = "\u2500" * 3
        text = _grey(f"{rule} {_esc(row.text)} {rule}", "font-size:small")
        return f'<p align="center">{text}</p>'
    return f"{header(row)}<br>{body(row, transcribing=transcribing)}"


def _speakers(row: ChatRow) -> str:
    lines = (
        f"<b>{_esc(_tr(SPEAKER).format(label=speaker))}</b>: {_esc(text)}"
        for speaker, text in speaker_turns(row)
    )
    return "<br>".join(lines)


PICTURE = QT_TRANSLATE_NOOP("Chat", "Picture: {name}, {width}x{height}")


def picture_lines(row: ChatRow) -> list[str]:
    """One line naming each of the row's pictures (its thumbnail shows under the text)."""
    return [_tr(PICTURE).format(name=p.name, width=p.width, height=p.height) for p in row.pictures]


def _user(row: ChatRow, transcribing: bool) -> str:
    text = _user_text(row, transcribing)
    names = "<br>".join(_grey(_esc(line)) for line in picture_lines(row))
    return f"{text}<br>{names}" if text and names else text or names


def _user_text(row: ChatRow, transcribing: bool) -> str:
    if row.segments:
        return _speakers(row)
    if row.text:
        return _esc(row.text)
    if row.transcript_error is not None:
        note = translate("Chat", "(not transcribed: {reason})").format(reason=row.transcript_error)
        return _grey(_esc(note), "font-style:italic")
    if row.spoken:  # the transcript may come late, even after the reply
        note = (
            translate("Chat", "(transcribing…)")
            if transcribing
            else translate("Chat", "(no transcript)")
        )
        return _grey(_esc(note), "font-style:italic")
    return ""


def _assistant(row: ChatRow) -> str:
    if row.interrupted and row.heard_text is not None:
        return _interrupted(row)
    text = _esc(row.text)
    if is_preamble(row):
        text = _grey(text, "font-style:italic")
    if row.cut_off:
        note = translate("Chat", "(cut off: the connection dropped)")
        return text + " " + _grey(_esc(note), "font-style:italic")
    return text if row.final else text + _grey(CURSOR)


def streaming(row: ChatRow) -> bool:
    """True while the row reads as its header, its text and the cursor (an assistant reply still
    arriving): its text only grows, so a view can add each delta to what it laid out."""
    interrupted = row.interrupted and row.heard_text is not None
    laid_out_whole = row.final or row.cut_off or interrupted or is_preamble(row)  # styled text
    return row.kind is RowKind.ASSISTANT and not laid_out_whole


def split_heard(text: str, heard: str) -> tuple[str, str]:
    """(heard, unheard) parts of `text`, the cut moved back to a word boundary for display."""
    if not text.startswith(heard):
        return heard, ""
    rest = text[len(heard) :]
    if heard and rest[:1].strip() and heard[-1:].strip():  # the cut is inside a word
        space = heard.rfind(" ")
        heard, rest = (heard[:space], heard[space:] + rest) if space > 0 else ("", text)
    return heard.rstrip(), rest.lstrip()


def cut_in_text(heard_ms: int | None) -> str:
    seconds = (heard_ms or 0) / 1000
    return translate("Chat", "you cut in at {seconds:.1f} s").format(seconds=seconds)


def _interrupted(row: ChatRow) -> str:
    heard, rest = split_heard(row.text, row.heard_text or "")
    mark = f'<b class="bad">{CUT} {_esc(cut_in_text(row.heard_ms))}</b>'
    unheard = _grey(_esc(rest), "text-decoration:line-through") if rest.strip() else ""
    return f"{_esc(heard)} {mark} {unheard}".strip()


def _red(text: str) -> str:
    return f'<span class="bad">{WARNING} {_esc(text)}</span>'


def listing_text(row: ChatRow) -> str:
    """ "docs: 3 tools", or that the listing is running or failed."""
    if row.error is not None:
        return translate("Chat", "{server}: could not list its tools").format(
            server=row.server_label
        )
    if not row.final:
        return translate("Chat", "{server}: listing tools…").format(server=row.server_label)
    if len(row.tools) == 1:
        return translate("Chat", "{server}: 1 tool").format(server=row.server_label)
    return translate("Chat", "{server}: {count} tools").format(
        server=row.server_label, count=len(row.tools)
    )


def _listing(row: ChatRow) -> str:
    if row.error is not None:
        return _red(listing_text(row))
    names = _grey(" \u00b7 " + _esc(_short(", ".join(row.tools), 80))) if row.tools else ""
    return f"{GEAR} {_esc(listing_text(row))}{names}"


def approval_state(row: ChatRow) -> str:
    """Where an approval request stands: waiting, approved, declined or withdrawn."""
    if row.approved is True:
        return translate("Chat", "approved")
    if row.approved is False:
        declined = translate("Chat", "declined")
        return f"{declined}: {row.reason}" if row.reason else declined
    if row.withdrawn:
        return translate("Chat", "withdrawn: the connection dropped")
    return translate("Chat", "waiting for your answer")


def approval_text(row: ChatRow) -> str:
    return translate("Chat", "{server} asks to run {tool}").format(
        server=row.server_label, tool=row.tool_name
    )


def _approval(row: ChatRow) -> str:
    state = _esc(approval_state(row))
    if row.approved is not None:
        state = f'<span class="{"good" if row.approved else "bad"}">{state}</span>'
    else:
        state = _grey(state, "font-style:italic")
    arguments = f"(<tt>{_esc(_short(row.arguments))}</tt>)" if row.arguments else ""
    return f"{_esc(approval_text(row))}{arguments} \u2192 {state}"


def tool_error(output: str | None) -> str | None:
    """The message of a tool's error result (denied, invalid, timed out...), else None."""
    try:
        error = json.loads(output or "").get("error")
    except (ValueError, AttributeError):
        return None
    return str(error.get("message") or error.get("type")) if isinstance(error, dict) else None


def _tool(row: ChatRow) -> str:
    arrow = "\u25be" if row.expanded else "\u25b8"
    where = f"{_esc(row.server_label)} \u203a " if row.server_label else ""  # an MCP call
    name = f"{GEAR} {where}<b>{_esc(row.tool_name or 'function')}</b>"
    error = row.error or tool_error(row.output)
    if not row.expanded:
        result = "\u2026" if row.output is None else _esc(_short(row.output))
        if error is not None:
            result = _red(_short(error, 60))
        return f"{arrow} {name}(<tt>{_esc(_short(row.arguments))}</tt>) \u2192 {result}"
    running = translate("Chat", "(running…)")
    output = running if row.output is None else html.escape(_pretty(row.output))
    if row.error is not None:
        output = _red(row.error)
    arguments, result = (
        _grey(_esc(translate("Chat", "arguments"))),
        _grey(_esc(translate("Chat", "result"))),
    )
    return (
        f"{arrow} {name}<br>{arguments}<pre>{html.escape(_pretty(row.arguments))}</pre>"
        f"{result}<pre>{output}</pre>"
    )


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


def row_plain(row: ChatRow) -> str:
    """The row as plain text, for copying: `You: ...`, `Assistant: ...`."""
    if row.kind is RowKind.TOOL:
        where = f"{row.server_label}." if row.server_label else ""
        result = row.output or "" if row.error is None else row.error
        return f"{who(row)}: {where}{row.tool_name}({row.arguments}) -> {result}"
    if row.kind is RowKind.MCP_TOOLS:
        return f"{who(row)}: {listing_text(row)}"
    if row.kind is RowKind.APPROVAL:
        return f"{who(row)}: {approval_text(row)}({row.arguments}) -> {approval_state(row)}"
    if row.kind is RowKind.MARKER:
        return f"--- {row.text} ---"
    return _message_plain(row)


def _message_plain(row: ChatRow) -> str:
    if row.kind is RowKind.ASSISTANT and row.interrupted and row.heard_text is not None:
        return f"{who(row)}: {row.heard_text} [{cut_in_text(row.heard_ms)}]"
    if is_preamble(row):
        return f"{who(row)} ({_tr(PREAMBLE)}): {row.text}"
    if row.segments:
        turns = (f"{_tr(SPEAKER).format(label=s)}: {text}" for s, text in speaker_turns(row))
        return f"{who(row)}:\n" + "\n".join(turns)
    return "\n".join([f"{who(row)}: {row.text}", *picture_lines(row)])


_BODIES = {
    RowKind.ASSISTANT: _assistant,
    RowKind.TOOL: _tool,
    RowKind.MCP_TOOLS: _listing,
    RowKind.APPROVAL: _approval,
}
