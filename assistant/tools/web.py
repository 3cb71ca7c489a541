"""HTTP request tools from the user tools file (standard `urllib`, run in a worker thread).

The URL template's placeholders are filled with percent-encoded arguments (so an argument can
never add a path segment, a query parameter or change the host); arguments the URL does not use
go into the query string (GET, DELETE) or a JSON body (POST, PUT, PATCH). Header values may
name keyring secrets as `{secret:NAME}`; they are read on each call and appear nowhere else.
Redirects are not followed (a redirect could carry the secret headers to another host): the
3xx answer is returned as it is. The body is cut at `MAX_BODY` characters.

A server may reflect the request headers (an echo service, an error page): every secret value
the call used is replaced by "[redacted]" in what the tool returns, as written and in its
JSON-escaped, percent-encoded and HTML-escaped forms (a piece of one cut off at the end of the
body too), before the result reaches the model, the event log or the history. A filled URL
whose path has a `.` or `..` segment (an argument of "..") is refused: servers resolve them,
so percent-encoding alone does not keep an argument inside its path.
"""

from __future__ import annotations

import asyncio
import html
import json
import urllib.error
import urllib.request
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, unquote, urlencode, urlsplit

from assistant.settings.secrets import SecretStore
from assistant.tools.registry import ErrorKind, ToolError
from assistant.tools.templates import (
    SECRET,
    MissingSecret,
    as_text,
    fill,
    placeholders,
    read_secret,
)

MAX_BODY = 16_000
REDACTED = "[redacted]"
_MIN_PIECE = 1  # the shortest tail of a cut-off secret that is redacted (any)
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_BODY_METHODS = ("POST", "PUT", "PATCH")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        del args, kwargs  # None: urllib returns the 3xx answer as an HTTPError


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class HttpRequestTemplate:
    method: str
    url: str
    headers: Mapping[str, str]
    secrets: SecretStore | None = None

    def request(self, arguments: dict[str, Any]) -> urllib.request.Request:
        """The request for `arguments` (secrets filled in; raises ToolError if one is missing)."""
        return self.prepare(arguments)[0]

    def prepare(self, arguments: dict[str, Any]) -> tuple[urllib.request.Request, list[str]]:
        """The request for `arguments` and the secret values it carries (to redact)."""
        url = fill(self.url, arguments, lambda text: quote(text, safe=""))
        if _dot_segment(url):
            raise ToolError(
                "A parameter in the URL's path cannot be '.' or '..'.", ErrorKind.INVALID_ARGUMENTS
            )
        rest = {k: v for k, v in arguments.items() if k not in placeholders(self.url)}
        data = None
        used: list[str] = []
        headers = {name: self._with_secrets(value, used) for name, value in self.headers.items()}
        if rest and self.method in _BODY_METHODS:
            data = json.dumps(rest, ensure_ascii=False).encode()
            headers.setdefault("Content-Type", "application/json")
        elif rest:
            query = urlencode({k: as_text(v) for k, v in rest.items()})
            url += ("&" if "?" in url else "?") + query
        request = urllib.request.Request(url, data, headers, method=self.method)  # noqa: S310  # the loader allows http(s) only
        return request, used

    def _with_secrets(self, value: str, used: list[str]) -> str:
        def secret(match: Any) -> str:
            used.append(self._secret(match.group(1)))
            return used[-1]

        return SECRET.sub(secret, value)

    def _secret(self, name: str) -> str:
        try:
            return read_secret(self.secrets, name)
        except MissingSecret as missing:
            raise ToolError(f"{str(missing).capitalize()}.") from None

    async def __call__(self, arguments: dict[str, Any], timeout: float) -> dict[str, Any]:
        request, used = self.prepare(arguments)
        try:
            answer = await asyncio.to_thread(_send, request, timeout)
        except ToolError as error:
            raise ToolError(redact(error.message, used), error.kind) from None
        except Exception as error:  # e.g. a header value urllib refuses, quoting the value
            reason = redact(f"{type(error).__name__}: {error}", used)
            raise ToolError(f"The request failed ({reason}).") from None
        return _redacted_answer(answer, used)


def _dot_segment(url: str) -> bool:
    return any(unquote(part) in (".", "..") for part in urlsplit(url).path.split("/"))


def _forms(secret: str) -> set[str]:
    """The ways a reflected secret is commonly written back."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote_plus(secret),
        html.escape(secret),
    }
    return {form for form in forms if form}


def redact(text: str, secrets: Collection[str], *, cut: bool = False) -> str:
    """`text` with every form of each secret replaced; `cut`: the text was cut, so a tail that
    begins a secret is redacted too."""
    forms = sorted({f for secret in secrets for f in _forms(secret)}, key=len, reverse=True)
    for form in forms:
        text = text.replace(form, REDACTED)
    if cut:
        for form in forms:
            for size in range(len(form) - 1, _MIN_PIECE - 1, -1):
                if text.endswith(form[:size]):
                    return text[:-size] + REDACTED
    return text


def _redacted_answer(answer: dict[str, Any], secrets: Collection[str]) -> dict[str, Any]:
    if not secrets:
        return answer
    return {
        key: redact(value, secrets, cut=key == "body" and answer["truncated"])
        if isinstance(value, str)
        else value
        for key, value in answer.items()
    }


def _send(request: urllib.request.Request, timeout: float) -> dict[str, Any]:
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return _answer(response.status, response.headers, response.read(MAX_BODY * 4 + 1))
    except urllib.error.HTTPError as error:
        with error:
            return _answer(error.code, error.headers, error.read(MAX_BODY * 4 + 1))
    except urllib.error.URLError as error:
        raise ToolError(f"The server could not be reached ({error.reason}).") from None


def _answer(status: int, headers: Any, raw: bytes) -> dict[str, Any]:
    charset = headers.get_content_charset() or "utf-8"
    text = raw.decode(charset, errors="replace")
    shown = text[:MAX_BODY]
    return {
        "status": status,
        "content_type": headers.get_content_type(),
        "body": shown,
        "truncated": len(text) > len(shown) or len(raw) > MAX_BODY * 4,
    }
