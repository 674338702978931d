"""What other apps add to a notice when it is issued: the 好差评 rating link its second QR code
carries, for one.

The cases app sits below the apps that follow a service up, so it cannot name them: they
register a provider here in their AppConfig.ready(). ``history.issue_notice`` asks every
provider when it freezes the notice's content; a provider gives the keys to add to the content
(``{"rating": {...}}``) or None when it has nothing for this case and kind. It runs inside the
transaction that issues the notice, so what it writes is kept or undone with the notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gaoxin.cases.models import Case

Provider = Callable[[Case, str], dict[str, Any] | None]

PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def additions(case: Case, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    """What the providers add to ``content`` for a notice of ``kind``. A provider never
    overwrites what the notice itself says."""
    added: dict[str, Any] = {}
    for provider in PROVIDERS:
        for key, value in (provider(case, kind) or {}).items():
            if key not in content and key not in added:
                added[key] = value
    return added
