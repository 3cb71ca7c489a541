"""What the conversation costs, shown: tokens and dollars for the last reply and the session.

The sums are `CostTally`'s and the budget's state `budget_state`'s (plain Python, in
`assistant.controller.cost`). Models without a known price show tokens only, never a guessed
amount. `CostPanel` is the widget; with a session budget set it also shows how much of it is
used and says when 80 % and 100 % are reached (once each, as the spending rises past them).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from assistant.controller.cost import BudgetState, CostTally, budget_state
from assistant.realtime import Cost, ResponseFinished, TranscriptionBilled, Usage
from assistant.ui.bridge import CoreBridge
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone

SEP = " \u00b7 "
__all__ = ["BudgetState", "CostPanel", "CostTally", "budget_state"]


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


def seconds_text(usage: Usage) -> str:
    """GPT-Live, billed per second: `12.5 s of session`, then the backend model's tokens."""
    text = translate("Cost", "{seconds} s of session").format(seconds=f"{usage.audio_seconds:.1f}")
    return text + (SEP + tokens_text(usage) if usage.total_tokens else "")


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
    text = note + parts.format(**{name: f"${getattr(cost, name):.4f}" for name in names})
    if cost.session_time:
        time = translate("Cost", "session time {dollars}").format(
            dollars=f"${cost.session_time:.4f}"
        )
        text += SEP + time
    return text


BUDGET_TEXT = {
    BudgetState.UNDER: (QT_TRANSLATE_NOOP("Cost", "Budget: {spent} of {budget} used"), Tone.QUIET),
    BudgetState.WARNING: (
        QT_TRANSLATE_NOOP("Cost", "80 % of the {budget} session budget is used ({spent})."),
        Tone.WARNING,
    ),
    BudgetState.REACHED: (
        QT_TRANSLATE_NOOP("Cost", "The {budget} session budget is used up ({spent})."),
        Tone.ERROR,
    ),
}


def budget_text(state: BudgetState, spent: float, budget: float) -> str:
    if state is BudgetState.NONE:
        return ""
    text = translate("Cost", BUDGET_TEXT[state][0])
    return text.format(spent=f"${spent:.4f}", budget=f"${budget:.2f}")


class CostPanel(QWidget):
    """Two lines: the last reply and the session, each with tokens and dollars; the budget.

    Signals:
        budget_changed(BudgetState): the session's spending rose to WARNING or REACHED.
    """

    budget_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tally = CostTally()
        self.per_second = False  # GPT-Live: show the seconds billed, not only tokens
        self.budget, self.budget_state = 0.0, BudgetState.NONE
        self.budget_label = QLabel("")
        self.budget_label.hide()
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
        grid.addWidget(self.budget_label, 2, 0, 1, 3)
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
        usage_text = seconds_text if self.per_second else tokens_text
        if tally.last_usage is not None:
            self.last_tokens.setText(usage_text(tally.last_usage))
            self._dollars(self.last_dollars, tally.last_cost)
        self.session_tokens.setText(usage_text(tally.session_usage))
        self._dollars(self.session_dollars, tally.session_cost, complete=tally.session_priced)
        self._show_budget()

    def set_budget(self, dollars: float) -> None:
        """The session budget (0: none); announces at once when it is already reached."""
        self.budget = dollars
        self._show_budget()

    def _show_budget(self) -> None:
        spent = self.tally.session_cost.total
        state, before = budget_state(spent, self.budget), self.budget_state
        self.budget_state = state
        self.budget_label.setVisible(state is not BudgetState.NONE)
        if state is not BudgetState.NONE:
            self.budget_label.setText(budget_text(state, spent, self.budget))
            set_tone(self.budget_label, BUDGET_TEXT[state][1])
        if state.value > before.value and state in (BudgetState.WARNING, BudgetState.REACHED):
            self.budget_changed.emit(state)

    @staticmethod
    def _dollars(label: QLabel, cost: Cost | None, *, complete: bool = True) -> None:
        label.setText(dollars_text(cost, complete=complete))
        label.setToolTip(cost_tooltip(cost, complete=complete))
