"""Reads a request repeats, made once per request.

An accepted case asks for the zone (its code in the case number, its name on the notice) a
few times in one request; the zone changes a few times a year. ``RequestContextMiddleware``
opens a memo for each request and drops it at the end, so nothing outlives the request and
another process's change is seen by the next one. Outside a request (the worker, a command,
a test calling a service) nothing is kept: every call reads afresh.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_memo: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "gaoxin_request_memo", default=None
)


def open_memo() -> contextvars.Token[dict[str, Any] | None]:
    return _memo.set({})


def close_memo(token: contextvars.Token[dict[str, Any] | None]) -> None:
    _memo.reset(token)


def remembered(key: str, read: Callable[[], T]) -> T:
    """``read()``, once per request."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget(key: str) -> None:
    """After a write to what ``key`` remembers, in the same request."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
