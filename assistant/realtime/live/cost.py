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

ACTIVE_PER_MINUTE = 0.05
STANDBY_PER_MINUTE = 0.02
PRICES_AS_OF = "2026-12-06"


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
