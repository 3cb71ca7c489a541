"""How a chat row reads: rich text for the view and plain text for the clipboard. No Qt.

The markup is the small HTML subset `QTextDocument` understands. Everything that came from the
model, the user or a tool is escaped. Symbols are ones common fonts (DejaVu, Segoe UI, SF) have.
"""

from __future__ import annotations

import html
import json

from assistant.ui.chat_rows import ChatRow, RowKind

COMPACT_CHARS = 80
WHO = {
    RowKind.USER: ("You", "#1d4ed8"),
    RowKind.ASSISTANT: ("Assistant", "#047857"),
    RowKind.TOOL: ("Tool", "#6b21a8"),
    RowKind.ERROR: ("Problem", "#b91c1c"),
    RowKind.NOTE: ("Note", "#4b5563"),
}
CURSOR = "\u258d"  # a thin block: the reply is still arriving
CUT = "\u2702"  # scissors: where the user cut in
GEAR = "\u2699"
WARNING = "\u26a0"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _grey(text: str, extra: str = "") -> str:
    return f'<span style="color:#6b7280;{extra}">{text}</span>'


def _short(text: str, limit: int = COMPACT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def header(row: ChatRow) -> str:
    who, color = WHO[row.kind]
    extra = _grey(" \u00b7 spoken") if row.spoken else ""
    return f'<b style="color:{color}">{who}</b>{extra}'


def body(row: ChatRow, *, transcribing: bool = True) -> str:
    """The row's text as rich text."""
    if row.kind is RowKind.USER:
        return _user(row, transcribing)
    if row.kind is RowKind.ASSISTANT:
        return _assistant(row)
    if row.kind is RowKind.TOOL:
        return _tool(row)
    if row.kind is RowKind.ERROR:
        return f'<span style="color:#b91c1c">{WARNING} {_esc(row.text)}</span>'
    return _grey(_esc(row.text), "font-style:italic")


def row_html(row: ChatRow, *, transcribing: bool = True) -> str:
    return f"{header(row)}<br>{body(row, transcribing=transcribing)}"


def _user(row: ChatRow, transcribing: bool) -> str:
    if row.text:
        return _esc(row.text)
    if row.transcript_error is not None:
        return _grey(f"(not transcribed: {_esc(row.transcript_error)})", "font-style:italic")
    if row.spoken:
        note = "transcribing\u2026" if transcribing else "no transcript"  # it may come late
        return _grey(f"({note})", "font-style:italic")
    return ""


def _assistant(row: ChatRow) -> str:
    if row.interrupted and row.heard_text is not None:
        return _interrupted(row)
    text = _esc(row.text)
    if row.cut_off:
        return text + " " + _grey("(cut off: the connection dropped)", "font-style:italic")
    return text if row.final else text + _grey(CURSOR)


def split_heard(text: str, heard: str) -> tuple[str, str]:
    """(heard, unheard) parts of `text`, the cut moved back to a word boundary for display."""
    if not text.startswith(heard):
        return heard, ""
    rest = text[len(heard) :]
    if heard and rest[:1].strip() and heard[-1:].strip():  # the cut is inside a word
        space = heard.rfind(" ")
        heard, rest = (heard[:space], heard[space:] + rest) if space > 0 else ("", text)
    return heard.rstrip(), rest.lstrip()


def _interrupted(row: ChatRow) -> str:
    heard, rest = split_heard(row.text, row.heard_text or "")
    seconds = (row.heard_ms or 0) / 1000
    mark = f'<b style="color:#b91c1c">{CUT} you cut in at {seconds:.1f} s</b>'
    unheard = _grey(_esc(rest), "text-decoration:line-through") if rest.strip() else ""
    return f"{_esc(heard)} {mark} {unheard}".strip()


def _tool(row: ChatRow) -> str:
    arrow = "\u25be" if row.expanded else "\u25b8"
    name = f"{GEAR} <b>{_esc(row.tool_name or 'function')}</b>"
    if not row.expanded:
        result = "\u2026" if row.output is None else _esc(_short(row.output, 40))
        args = _esc(_short(row.arguments, 40))
        return f"{arrow} {name}(<tt>{args}</tt>) \u2192 {result}"
    output = "(running\u2026)" if row.output is None else _pretty(row.output)
    return (
        f"{arrow} {name}<br>{_grey('arguments')}<pre>{html.escape(_pretty(row.arguments))}</pre>"
        f"{_grey('result')}<pre>{html.escape(output)}</pre>"
    )


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


def row_plain(row: ChatRow) -> str:
    """The row as plain text, for copying: `You: ...`, `Assistant: ...`."""
    who = WHO[row.kind][0]
    if row.kind is RowKind.TOOL:
        return f"{who}: {row.tool_name}({row.arguments}) -> {row.output or ''}"
    if row.kind is RowKind.ASSISTANT and row.interrupted and row.heard_text is not None:
        return f"{who}: {row.heard_text} [interrupted at {(row.heard_ms or 0) / 1000:.1f} s]"
    return f"{who}: {row.text}"
