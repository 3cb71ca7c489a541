"""Entra ID tokens: cached until near expiry, asked on each connect, failures in one sentence."""

from __future__ import annotations

import dataclasses
import sys
import threading
from typing import Any, NamedTuple

import pytest

from assistant.realtime import SessionCreated
from assistant.simulator import Fault
from assistant.transport import ConnectionFailed, EntraTokens, FailureKind, azure, custom, entra
from tests.integration.harness import connected, simulator

HOUR = 3600
NEEDS_AZURE = "needs azure-identity (the azure extra)"


class AccessToken(NamedTuple):  # the shape of azure.core.credentials.AccessToken
    token: str
    expires_on: int


class FakeCredential:
    """azure-identity's get_token protocol: a new numbered token valid for an hour."""

    def __init__(self, clock: list[float], error: Exception | None = None) -> None:
        self.clock, self.error = clock, error
        self.scopes: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **_kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        if self.error is not None:
            raise self.error
        return AccessToken(f"tok-{len(self.scopes)}", int(self.clock[0]) + HOUR)


def tokens(error: Exception | None = None) -> tuple[EntraTokens, FakeCredential, list[float]]:
    clock = [1_000_000.0]
    credential = FakeCredential(clock, error)
    return EntraTokens(credential, clock=lambda: clock[0]), credential, clock


def test_a_token_is_cached_until_near_expiry_then_refreshed() -> None:
    provider, credential, clock = tokens()
    assert provider() == "tok-1"
    clock[0] += HOUR - entra.REFRESH_MARGIN - 1
    assert provider() == "tok-1"
    clock[0] += 1
    assert provider() == "tok-2"
    assert credential.scopes == [(entra.SCOPE,), (entra.SCOPE,)]
    assert entra.SCOPE == "https://cognitiveservices.azure.com/.default"


def test_the_token_rides_in_a_bearer_header_and_never_in_repr_or_description() -> None:
    provider, _credential, _clock = tokens()
    endpoint = azure("my-res", "realtime", provider, entra_id=True)
    assert endpoint.headers() == {"Authorization": "Bearer tok-1"}
    assert "tok-1" not in repr(endpoint) + endpoint.describe() + repr(provider)


def test_a_failing_credential_gives_one_sentence_without_its_text() -> None:
    provider, _credential, _clock = tokens(RuntimeError("secret-ish details tok-xyz"))
    with pytest.raises(ConnectionFailed) as failed:
        provider()
    assert failed.value.kind is FailureKind.AUTH
    assert failed.value.message == entra.NOT_SIGNED_IN
    assert "tok-xyz" not in str(failed.value)
    assert failed.value.__cause__ is None and failed.value.__suppress_context__


def test_no_signed_in_account_says_to_sign_in() -> None:
    identity = pytest.importorskip("azure.identity", reason=NEEDS_AZURE)
    unavailable = identity.CredentialUnavailableError("no az login here")
    provider, _credential, _clock = tokens(unavailable)
    with pytest.raises(ConnectionFailed, match=r"^Microsoft Entra ID gave no token"):
        provider()


def test_without_azure_identity_the_sentence_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "azure.identity", None)  # import fails as if not installed
    entra.default_credential.cache_clear()
    try:
        with pytest.raises(ConnectionFailed) as failed:
            EntraTokens()()
    finally:
        entra.default_credential.cache_clear()
    assert failed.value.message == (
        "Microsoft Entra ID sign-in needs the azure extra: pip install 'realtime-assistant[azure]'."
    )


def test_the_default_credential_is_made_once_per_run() -> None:
    pytest.importorskip("azure.identity", reason=NEEDS_AZURE)
    entra.default_credential.cache_clear()
    try:
        first = entra.default_credential(False)
        assert entra.default_credential(False) is first
        assert type(first).__name__ == "DefaultAzureCredential"
    finally:
        entra.default_credential.cache_clear()


async def test_a_conversation_reconnects_with_a_refreshed_token() -> None:
    provider, credential, clock = tokens()
    async with simulator(api_key="tok-1") as sim:
        endpoint = custom(sim.url, provider, model="gpt-realtime")
        async with connected(endpoint) as chat:
            await chat.wait_count(SessionCreated, 1)
            clock[0] += HOUR  # the first token has expired: only a new one gets in
            sim.options = dataclasses.replace(sim.options, api_key="tok-2")
            sim.inject(Fault.drop_after(0))
            await chat.wait_count(SessionCreated, 2)
    assert sim.connections == 2
    assert len(credential.scopes) == 2


async def test_the_blocking_token_call_runs_off_the_event_loop() -> None:
    threads: list[int] = []

    class Recording(FakeCredential):
        def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            threads.append(threading.get_ident())
            return super().get_token(*scopes, **kwargs)

    clock = [1_000_000.0]
    provider = EntraTokens(Recording(clock), clock=lambda: clock[0])
    async with (
        simulator(api_key="tok-1") as sim,
        connected(custom(sim.url, provider, model="gpt-realtime")) as chat,
    ):
        await chat.wait_count(SessionCreated, 1)
    assert threads and threading.get_ident() not in threads
