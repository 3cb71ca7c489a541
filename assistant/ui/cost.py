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
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

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
    audio, cached = translate("Cost", "audio {count}"), translate("Cost", "cached {count}")
    inner = [audio.format(count=f"{usage.input_audio:,}")] if usage.input_audio else []
    inner += [cached.format(count=f"{usage.cached_tokens:,}")] if usage.cached_tokens else []
    out = f" ({audio.format(count=f'{usage.output_audio:,}')})" if usage.output_audio else ""
    details = f" ({SEP.join(inner)})" if inner else ""
    text = translate("Cost", "{input} in{details}{sep}{output} out{output_details} tokens")
    return text.format(
        input=f"{usage.input_tokens:,}",
        details=details,
        sep=SEP,
        output=f"{usage.output_tokens:,}",
        output_details=out,
    )


def dollars_text(cost: Cost | None, *, complete: bool = True) -> str:
    """`$0.0123`; with `complete` False some tokens had no price, and the text says so."""
    if cost is None or (not complete and not cost.total):
        return translate("Cost", "no price known")
    return f"${cost.total:.4f}" + ("" if complete else translate("Cost", " + unpriced tokens"))


UNPRICED = QT_TRANSLATE_NOOP(
    "Cost", "No price is known for this model: tokens only, never a guess."
)


def cost_tooltip(cost: Cost | None, *, complete: bool = True) -> str:
    unpriced = translate("Cost", UNPRICED)
    if cost is None:
        return unpriced
    note = "" if complete else unpriced + " " + translate("Cost", "Priced so far:") + " "
    parts = translate(
        "Cost",
        "input text {input_text}, input audio {input_audio}, cached input {cached}, "
        "output text {output_text}, output audio {output_audio}, transcription {transcription}",
    )
    names = ("input_text", "input_audio", "cached", "output_text", "output_audio", "transcription")
    return note + parts.format(**{name: f"${getattr(cost, name):.4f}" for name in names})


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
                (self.tr("Last reply"), self.last_tokens, self.last_dollars),
                (self.tr("Session"), self.session_tokens, self.session_dollars),
            ]
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), row, 0)
            grid.addWidget(tokens, row, 1)
            grid.addWidget(dollars, row, 2)
        grid.setColumnStretch(1, 1)
        self.setAccessibleName(self.tr("Cost"))

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
