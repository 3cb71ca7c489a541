"""HTTP request tools from the user tools file (standard `urllib`, run in a worker thread).

The URL template's placeholders are filled with percent-encoded arguments (so an argument can
never add a path segment, a query parameter or change the host); arguments the URL does not use
go into the query string (GET, DELETE) or a JSON body (POST, PUT, PATCH). Header values may
name keyring secrets as `{secret:NAME}`; they are read on each call and appear nowhere else.
Redirects are not followed (a redirect could carry the secret headers to another host): the
3xx answer is returned as it is. The body is cut at `MAX_BODY` characters.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from assistant.settings.secrets import SecretStore
from assistant.tools.registry import ToolError
from assistant.tools.templates import (
    SECRET,
    MissingSecret,
    as_text,
    fill,
    placeholders,
    read_secret,
)

MAX_BODY = 16_000
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
        url = fill(self.url, arguments, lambda text: quote(text, safe=""))
        rest = {k: v for k, v in arguments.items() if k not in placeholders(self.url)}
        data = None
        headers = {name: self._with_secrets(value) for name, value in self.headers.items()}
        if rest and self.method in _BODY_METHODS:
            data = json.dumps(rest, ensure_ascii=False).encode()
            headers.setdefault("Content-Type", "application/json")
        elif rest:
            query = urlencode({k: as_text(v) for k, v in rest.items()})
            url += ("&" if "?" in url else "?") + query
        return urllib.request.Request(url, data, headers, method=self.method)  # noqa: S310  # the loader allows http(s) only

    def _with_secrets(self, value: str) -> str:
        return SECRET.sub(lambda match: self._secret(match.group(1)), value)

    def _secret(self, name: str) -> str:
        try:
            return read_secret(self.secrets, name)
        except MissingSecret as missing:
            raise ToolError(f"{str(missing).capitalize()}.") from None

    async def __call__(self, arguments: dict[str, Any], timeout: float) -> dict[str, Any]:
        request = self.request(arguments)
        return await asyncio.to_thread(_send, request, timeout)


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
