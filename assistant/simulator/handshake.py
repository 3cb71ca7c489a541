"""The HTTP upgrade decision, sans-I/O: which dialect a URL speaks, or why it is refused.

Paths, as on the real services:
- ``/v1/realtime`` (OpenAI) and ``/openai/v1/realtime`` (Azure GA): GA, model from ``?model=``.
  An ``OpenAI-Beta: realtime=v1`` header is accepted at the HTTP level but the session is then
  refused in-band (``beta_api_shape_disabled``, close 4000), as OpenAI does since 2026-05-12.
- ``/openai/realtime?api-version=...&deployment=...`` (Azure Preview): beta; both query
  parameters are required (400 otherwise).
- ``/v1/live/sessions`` (OpenAI) and ``/openai/v1/live/sessions`` (Azure): GPT-Live. The model
  goes in ``session.start``; a ``model`` query parameter is refused (400), as the SDK warns.
Anything else is 404. When a key is configured it must come as ``Authorization: Bearer KEY``,
an ``api-key`` header or an ``api-key`` query parameter, else 401. Bodies are short JSON errors.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from .dialects import BETA, GA, LIVE
from .options import BETA_MODEL, DEFAULT_MODEL, SimulatorOptions

GA_PATHS = ("/v1/realtime", "/openai/v1/realtime")
BETA_PATH = "/openai/realtime"
LIVE_PATHS = ("/v1/live/sessions", "/openai/v1/live/sessions")
_MISSING_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization "
    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
)


@dataclass(frozen=True)
class Route:
    """An accepted upgrade: the dialect, the model to report, and a beta-header refusal."""

    dialect: str
    model: str
    beta_header: bool = False


@dataclass(frozen=True)
class Rejection:
    """A refused upgrade: HTTP status and JSON body."""

    status: HTTPStatus
    body: str


def decide(target: str, headers: Mapping[str, str], options: SimulatorOptions) -> Route | Rejection:
    """Route or refuse a request for `target` (path and query) with `headers`."""
    url = urlsplit(target)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    path = url.path.rstrip("/") or "/"
    if path not in (*GA_PATHS, BETA_PATH, *LIVE_PATHS):
        return _reject(HTTPStatus.NOT_FOUND, f"Not found: {path}", "not_found")
    refusal = _check_key(headers, query, options.api_key)
    if refusal is not None:
        return refusal
    if path == BETA_PATH:
        return _beta_route(query, options)
    if path in LIVE_PATHS:
        if "model" in query:
            message = "The Live model goes in session.start, not in the URL."
            return _reject(HTTPStatus.BAD_REQUEST, message, "unknown_parameter")
        return Route(LIVE, "")
    beta_header = "realtime=v1" in headers.get("OpenAI-Beta", "").replace(" ", "")
    return Route(GA, query.get("model") or options.model, beta_header)


def _beta_route(query: dict[str, str], options: SimulatorOptions) -> Route | Rejection:
    for name in ("api-version", "deployment"):
        if not query.get(name):
            message = f"Missing required query parameter '{name}'."
            return _reject(HTTPStatus.BAD_REQUEST, message, "BadRequest")
    model = BETA_MODEL if options.model == DEFAULT_MODEL else options.model
    return Route(BETA, model)


def _check_key(
    headers: Mapping[str, str], query: dict[str, str], expected: str | None
) -> Rejection | None:
    if expected is None:
        return None
    given = _given_key(headers, query)
    if given == expected:
        return None
    if given is None:
        return _reject(HTTPStatus.UNAUTHORIZED, _MISSING_KEY, None)
    message = f"Incorrect API key provided: {_mask(given)}."
    return _reject(HTTPStatus.UNAUTHORIZED, message, "invalid_api_key")


def _given_key(headers: Mapping[str, str], query: dict[str, str]) -> str | None:
    authorization = headers.get("Authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("api-key") or query.get("api-key")


def _mask(key: str) -> str:
    return f"{key[:3]}{'*' * 8}{key[-4:]}" if len(key) > 8 else "*" * len(key)


def _reject(status: HTTPStatus, message: str, code: str | None) -> Rejection:
    error = {"message": message, "type": "invalid_request_error", "param": None, "code": code}
    return Rejection(status, json.dumps({"error": error}))
