"""Endpoint profiles: URLs, dialects and auth headers, and that secrets never show."""

from __future__ import annotations

import pytest

from assistant.realtime import Dialect
from assistant.transport import Provider, azure, custom, dialect_of_url, openai
from assistant.transport.failures import (
    FailureKind,
    close_failure,
    http_failure,
    network_failure,
    server_error_failure,
)

SECRET = "sk-test-not-a-real-key-000000000000"


def test_openai_uses_bearer_and_the_ga_url() -> None:
    endpoint = openai("gpt-realtime-2.1", lambda: SECRET)
    assert endpoint.url == "wss://api.openai.com/v1/realtime?model=gpt-realtime-2.1"
    assert endpoint.dialect is Dialect.GA
    assert endpoint.headers() == {"Authorization": f"Bearer {SECRET}"}


@pytest.mark.parametrize(
    "resource", ["contoso", "contoso.openai.azure.com", "https://contoso.openai.azure.com/"]
)
def test_azure_ga_from_any_resource_spelling(resource: str) -> None:
    endpoint = azure(resource, "my-realtime", lambda: SECRET)
    assert endpoint.url == "wss://contoso.openai.azure.com/openai/v1/realtime?model=my-realtime"
    assert endpoint.dialect is Dialect.GA
    assert endpoint.headers() == {"api-key": SECRET}


def test_azure_preview_url_selects_the_beta_dialect() -> None:
    url = (
        "wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=x"
    )
    endpoint = azure(url, "gpt-4o-realtime")
    assert endpoint.dialect is Dialect.BETA and endpoint.is_preview
    assert "api-version=2024-10-01-preview" in endpoint.url
    assert "deployment=gpt-4o-realtime" in endpoint.url


def test_azure_entra_id_token_is_asked_for_on_every_connect() -> None:
    tokens = iter(["token-1", "token-2"])
    endpoint = azure("contoso", "d", lambda: next(tokens), entra_id=True)
    assert endpoint.headers() == {"Authorization": "Bearer token-1"}
    assert endpoint.headers() == {"Authorization": "Bearer token-2"}


def test_custom_endpoint_without_key_sends_no_auth() -> None:
    endpoint = custom("ws://127.0.0.1:9/v1/realtime", model="gpt-realtime")
    assert endpoint.provider is Provider.CUSTOM
    assert endpoint.headers() == {}
    assert endpoint.url.endswith("?model=gpt-realtime")


@pytest.mark.parametrize(
    ("url", "dialect"),
    [
        ("wss://api.openai.com/v1/realtime?model=m", Dialect.GA),
        ("wss://r.openai.azure.com/openai/v1/realtime?model=d", Dialect.GA),
        (
            "wss://r.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=d",
            Dialect.BETA,
        ),
        ("ws://localhost:1/openai/realtime", Dialect.BETA),
    ],
)
def test_dialect_of_url(url: str, dialect: Dialect) -> None:
    assert dialect_of_url(url) is dialect


def test_secrets_never_appear_in_repr_description_or_errors() -> None:
    endpoint = custom(f"wss://host.example/v1/realtime?api-key={SECRET}", lambda: SECRET)
    texts = [
        repr(endpoint),
        endpoint.describe(),
        str(http_failure(endpoint, 401)),
        str(network_failure(endpoint, "refused")),
        str(close_failure(endpoint, 1008, "")),
        str(server_error_failure(endpoint, "invalid_api_key", "Incorrect API key.")),
    ]
    assert all(SECRET not in text for text in texts)


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, FailureKind.AUTH),
        (403, FailureKind.AUTH),
        (404, FailureKind.UNREACHABLE),
        (400, FailureKind.SERVER),
        (500, FailureKind.SERVER),
    ],
)
def test_handshake_failures_are_sorted(status: int, kind: FailureKind) -> None:
    failure = http_failure(azure("contoso", "dep"), status)
    assert failure.kind is kind
    assert "contoso.openai.azure.com" in failure.message or "dep" in failure.message


def test_azure_404_names_the_deployment() -> None:
    message = http_failure(azure("contoso", "wrong-name"), 404).message
    assert "wrong-name" in message and "deployment" in message
