"""What the conversation costs: tokens and dollars for the last reply and for the session.

`CostTally` (plain Python) adds up what the core reports: each `ResponseFinished` (a reply) and
each `TranscriptionBilled` (input transcription, billed at its own model's rates). Its session
totals equal the core's `Session.usage` and `Session.cost`. Models without a known price show
tokens only, never a guessed amount. `CostPanel` is the widget.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from assistant.realtime import Cost, ResponseFinished, TranscriptionBilled, Usage
from assistant.ui.bridge import CoreBridge

SEP = " \u00b7 "


class CostTally:
    """Usage and cost of the last reply and of the whole session."""

    def __init__(self) -> None:
        self.last_usage: Usage | None = None
        self.last_cost: Cost | None = None
        self.session_usage = Usage()
        self.session_cost = Cost()
        self.session_priced = True  # every token so far had a price

    def add_reply(self, event: ResponseFinished) -> None:
        self.last_usage, self.last_cost = event.usage, event.cost
        self._add(event.usage, event.cost)

    def add_transcription(self, event: TranscriptionBilled) -> None:
        self._add(event.usage, event.cost)

    def _add(self, usage: Usage, cost: Cost | None) -> None:
        self.session_usage += usage
        if cost is None:
            self.session_priced = self.session_priced and not usage.total_tokens
        else:
            self.session_cost += cost


def tokens_text(usage: Usage) -> str:
    """`1,234 in (audio 1,000 · cached 800) · 56 out (audio 40)`: text is the rest."""
    inner = [f"audio {usage.input_audio:,}"] if usage.input_audio else []
    inner += [f"cached {usage.cached_tokens:,}"] if usage.cached_tokens else []
    out = f" (audio {usage.output_audio:,})" if usage.output_audio else ""
    details = f" ({SEP.join(inner)})" if inner else ""
    return f"{usage.input_tokens:,} in{details}{SEP}{usage.output_tokens:,} out{out} tokens"


def dollars_text(cost: Cost | None, *, complete: bool = True) -> str:
    """`$0.0123`; with `complete` False some tokens had no price, and the text says so."""
    if cost is None or (not complete and not cost.total):
        return "no price known"
    return f"${cost.total:.4f}" + ("" if complete else " + unpriced tokens")


UNPRICED = "No price is known for this model: tokens only, never a guess."


def cost_tooltip(cost: Cost | None, *, complete: bool = True) -> str:
    if cost is None:
        return UNPRICED
    note = "" if complete else f"{UNPRICED} Priced so far: "
    return note + (
        f"input text ${cost.input_text:.4f}, input audio ${cost.input_audio:.4f}, "
        f"cached input ${cost.cached:.4f}, output text ${cost.output_text:.4f}, "
        f"output audio ${cost.output_audio:.4f}, transcription ${cost.transcription:.4f}"
    )


class CostPanel(QWidget):
    """Two lines: the last reply and the session, each with tokens and dollars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tally = CostTally()
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 2, 8, 2)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        self.last_tokens, self.last_dollars = QLabel("\u2014"), QLabel("")
        self.session_tokens, self.session_dollars = QLabel("\u2014"), QLabel("")
        for row, (title, tokens, dollars) in enumerate(
            [
                ("Last reply", self.last_tokens, self.last_dollars),
                ("Session", self.session_tokens, self.session_dollars),
            ]
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), row, 0)
            grid.addWidget(tokens, row, 1)
            grid.addWidget(dollars, row, 2)
        grid.setColumnStretch(1, 1)
        self.setAccessibleName("Cost")

    def attach(self, bridge: CoreBridge) -> None:
        bridge.response_finished.connect(self.add_reply)
        bridge.transcription_billed.connect(self.add_transcription)

    def add_reply(self, event: ResponseFinished) -> None:
        self.tally.add_reply(event)
        self._show()

    def add_transcription(self, event: TranscriptionBilled) -> None:
        self.tally.add_transcription(event)
        self._show()

    def _show(self) -> None:
        tally = self.tally
        if tally.last_usage is not None:
            self.last_tokens.setText(tokens_text(tally.last_usage))
            self._dollars(self.last_dollars, tally.last_cost)
        self.session_tokens.setText(tokens_text(tally.session_usage))
        self._dollars(self.session_dollars, tally.session_cost, complete=tally.session_priced)

    @staticmethod
    def _dollars(label: QLabel, cost: Cost | None, *, complete: bool = True) -> None:
        label.setText(dollars_text(cost, complete=complete))
        label.setToolTip(cost_tooltip(cost, complete=complete))
