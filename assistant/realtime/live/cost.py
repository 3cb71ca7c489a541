"""GPT-Live is billed per second of session, not per token.

Prices (US dollars per minute, not rounded up to whole minutes; the same for gpt-live-1 and
gpt-live-1.1): active $0.05 (speech, silence before the idle timeout, waiting on the backend;
muting stays active), standby $0.02 (WebRTC standby only, so never on this WebSocket client).
Sources: developers.openai.com/api/docs/guides/voice-latency-cost?api=live and
apidog.com/jp/blog/gpt-live-1-1-pricing, as compiled in the shared gpt-live notes (2026-12-06).
The backend Responses model's tokens and hosted tools are billed separately, at that model's
token prices (`usage.price_for`).
`session.usage.updated` reports *cumulative* seconds ("do not sum values across usage
events"); the final figure comes with `session.closed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.realtime.usage import Price, price_for

ACTIVE_PER_MINUTE = 0.05
STANDBY_PER_MINUTE = 0.02
PRICES_AS_OF = "2026-12-06"

# Backend (Responses) models a Live session delegates to, US dollars per 1M text tokens.
_MODELS = "developers.openai.com/api/docs/models"
BACKEND_PRICES: dict[str, Price] = {
    # The gpt-5.4-mini input price is on OpenAI's model pages (quick comparison); the cached
    # and output prices come from adk-model's table (docs.rs, 2026-03): check before billing.
    "gpt-5.4-mini": Price(
        0.75, 0.075, 4.50, as_of="2026-03", source=f"{_MODELS}, docs.rs adk-model"
    ),
    "gpt-5.1": Price(1.25, 0.125, 10.00, as_of="2025-11-13", source=f"{_MODELS}/gpt-5.1"),
    "gpt-5": Price(1.25, 0.125, 10.00, as_of="2025-08-07", source=f"{_MODELS}/gpt-5.1"),
}


def backend_price(model: str | None) -> Price | None:
    """The token price of a delegated Responses model (None: unknown, tokens only)."""
    name = (model or "").strip().lower()
    return BACKEND_PRICES.get(name) or price_for(model)


@dataclass(frozen=True, slots=True)
class LiveSeconds:
    """Cumulative seconds of one Live server session, as the service reports them."""

    seconds: float = 0.0
    active: float | None = None  # reported only by some services; else all of it is active
    paused: float = 0.0  # standby (WebRTC only)

    @property
    def active_seconds(self) -> float:
        return self.active if self.active is not None else max(0.0, self.seconds - self.paused)

    @property
    def dollars(self) -> float:
        return (self.active_seconds * ACTIVE_PER_MINUTE + self.paused * STANDBY_PER_MINUTE) / 60.0
