"""Signed requests to a partner zone's exchange API (``/exchange/v1/...``).

Standard library only (urllib): each request is signed with this zone's current key
(:func:`gaoxin.exchange.signing.sign`) over the path below the partner's platform root (the
``path`` given, without the path of the partner's base URL if its platform is not served at
the root of its host). Redirects are not followed: a signature is for one path, and a
partner that moved is registered anew.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from gaoxin.exchange import signing
from gaoxin.exchange.models import Partner

# The most of a partner's answer kept to report an error (an HTML error page, say).
EXCERPT_CHARS = 500


class TransportError(OSError):
    """The partner could not be reached, or its answer did not arrive (refused, timed out,
    reset): whether it received the request is unknown."""


@dataclass(frozen=True)
class Response:
    status: int
    # The parsed JSON answer; None when the answer was empty or not JSON.
    data: Any
    # The start of the raw answer, to report an answer that is not the expected JSON.
    text: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def describe(self) -> str:
        """One line for a log or an error column: the status and the partner's reason."""
        if isinstance(self.data, dict) and "error" in self.data:
            detail = self.data.get("detail") or ""
            return f"HTTP {self.status}: {self.data['error']}" + (f" ({detail})" if detail else "")
        return f"HTTP {self.status}" + (f": {self.text}" if self.text else "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx answer is returned as it is


# Shared by every request to a partner: a redirect is never followed (it could lead anywhere).
opener = urllib.request.build_opener(_NoRedirects)


def url_of(partner: Partner, path: str) -> str:
    return partner.base_url.rstrip("/") + path


def request(
    partner: Partner,
    method: str,
    path: str,
    body: bytes | None = None,
    *,
    timeout: float = 10.0,
) -> Response:
    """Send a signed request to ``partner`` and return its answer, whatever its status.

    ``path`` starts with "/" and may carry a query string. Raises :class:`TransportError`
    when no answer arrived."""
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/': {path!r}")
    url = url_of(partner, path)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TransportError(f"not an http(s) address: {partner.base_url!r}")
    payload = b"" if body is None else body
    headers = {
        **signing.sign(method, path, payload, partner=partner),
        "Accept": "application/json",
        "Content-Type": "application/json",
    }
    outgoing = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=payload if body is not None else None, headers=headers, method=method.upper()
    )
    try:
        with opener.open(outgoing, timeout=timeout) as answer:
            return _response(answer.status, answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return _response(error.code, error.read())
    except urllib.error.URLError as error:
        raise TransportError(f"{url}: {error.reason}") from error
    except OSError as error:  # reset, timed out while reading, ...
        raise TransportError(f"{url}: {error}") from error


def _response(status: int, raw: bytes) -> Response:
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    text = "" if data is not None else raw[:EXCERPT_CHARS].decode("utf-8", "replace").strip()
    return Response(status=status, data=data, text=text)
