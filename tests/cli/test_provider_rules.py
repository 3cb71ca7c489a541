"""The providers' rules live in one place; the window and the command line word them."""

from __future__ import annotations

import pytest

from assistant.app.connection import SETTINGS_MISSING, EndpointWish, Missing, build_endpoint
from assistant.cli.profiles import OPTIONS_MISSING


@pytest.mark.parametrize(
    ("wish", "missing"),
    [
        (EndpointWish("openai", None), Missing.OPENAI_KEY),
        (EndpointWish("openai", ""), Missing.OPENAI_KEY),
        (EndpointWish("azure", "k", endpoint="https://r.openai.azure.com"), Missing.AZURE_PLACE),
        (EndpointWish("azure", None, endpoint="r", deployment="d"), Missing.AZURE_KEY),
        (EndpointWish("custom", "k"), Missing.CUSTOM_ADDRESS),
    ],
)
def test_what_a_provider_lacks_is_named_and_both_front_ends_can_say_it(
    wish: EndpointWish, missing: Missing
) -> None:
    assert build_endpoint(wish, interactive=False) is missing
    assert SETTINGS_MISSING[missing] and OPTIONS_MISSING[missing]


def test_a_complete_wish_becomes_its_endpoint() -> None:
    openai = build_endpoint(EndpointWish("openai", "sk-test", model="gpt-x"), interactive=False)
    assert not isinstance(openai, Missing) and "gpt-x" in openai.url
    azure = build_endpoint(
        EndpointWish(
            "azure", "k", endpoint="res", deployment="dep", api_version="2024-10-01-preview"
        ),
        interactive=False,
    )
    assert not isinstance(azure, Missing) and azure.is_preview
    custom = build_endpoint(
        EndpointWish("custom", None, endpoint="ws://127.0.0.1:9"), interactive=False
    )
    assert not isinstance(custom, Missing) and custom.url == "ws://127.0.0.1:9"
