"""Reconnect delays and the sentences for failures that end a connection."""

from __future__ import annotations

from assistant.transport import Backoff, FailureKind, custom
from assistant.transport.failures import close_failure, gave_up

ENDPOINT = custom("wss://realtime.example.com/v1/realtime", None, model="gpt-realtime")


def test_the_backoff_grows_to_its_cap_and_jitter_only_shortens_it() -> None:
    backoff = Backoff(first=0.5, factor=2.0, limit=15.0, jitter=0.5)
    assert [backoff.delay(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [0.5, 1, 2, 4, 8, 15, 15]
    assert backoff.delay(3, rand=0.0) == 2.0
    assert backoff.delay(3, rand=0.999) > 1.0
    assert backoff.delay(100_000, rand=0.5) == 11.25  # no overflow, however long it retries


def test_close_4000_is_the_preview_refusal_only_when_its_reason_says_so() -> None:
    other = close_failure(ENDPOINT, 4000, "custom application close")
    assert "preview" not in other.message
    assert other.message == (
        "realtime.example.com closed the connection (code 4000): custom application close."
    )
    beta = close_failure(ENDPOINT, 4000, "beta_api_shape_disabled")
    assert "no longer accepts the preview (beta) protocol" in beta.message


def test_giving_up_names_the_last_cause() -> None:
    failure = gave_up(ENDPOINT, 5, "the server answered HTTP 503")
    assert failure.kind is FailureKind.UNREACHABLE
    first = failure.message.split(". ")[0]
    assert first == (
        "Could not reconnect to realtime.example.com after 5 attempts: the server answered HTTP 503"
    )
