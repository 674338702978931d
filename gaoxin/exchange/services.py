"""The administrator's changes to the exchange: partner zones, their public keys, the items we
may receive on their behalf (imported from their published catalog), and this zone's own
signing keys.

Each function checks the actor's permission (``actor=None`` is the system, e.g. the demo
loader), writes in one transaction and records the audit entry. Views only parse input and
call these.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange import client, keys
from gaoxin.exchange.models import (
    AgreedItem,
    InboxMessage,
    OutboxMessage,
    Partner,
    PartnerKey,
    SigningKey,
)

CATALOG_PATH = "/exchange/v1/catalog/"
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_-]{1,19}$")


def _allowed(actor: User | None) -> None:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)


# --- Partners ---------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    code = code.strip().upper()
    if not CODE_PATTERN.match(code):
        raise DomainError(
            _(
                "A zone code is 2 to 20 capital letters and digits, starting with a letter "
                "(e.g. XAGX)."
            )
        )
    return code


def _base_url(url: str) -> str:
    # The client appends paths such as /exchange/v1/catalog/ to it.
    return url.strip().rstrip("/")


@transaction.atomic
def register_partner(
    *, actor: User | None, code: str, name: str, base_url: str, is_active: bool = True
) -> Partner:
    _allowed(actor)
    code = normalise_code(code)
    if Partner.objects.filter(code=code).exists():
        raise DomainError(
            _("A partner with the code %(code)s is registered already.") % {"code": code}
        )
    partner = Partner(
        code=code, name=name.strip(), base_url=_base_url(base_url), is_active=is_active
    )
    partner.full_clean()
    partner.save()
    audit.record(
        "exchange.register_partner",
        actor=actor,
        obj=partner,
        changes={
            "code": partner.code,
            "name": partner.name,
            "base_url": partner.base_url,
            "is_active": partner.is_active,
        },
    )
    return partner


@transaction.atomic
def update_partner(*, actor: User | None, partner: Partner, **values: Any) -> Partner:
    _allowed(actor)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if "code" in values:
        values["code"] = normalise_code(values["code"])
        if values["code"] != partner.code:
            talked = (
                OutboxMessage.objects.filter(partner=partner).exists()
                or InboxMessage.objects.filter(partner=partner).exists()
            )
            if talked:
                raise DomainError(
                    _(
                        "Messages have been exchanged with this partner under its code: "
                        "the code can no longer change."
                    )
                )
            if Partner.objects.filter(code=values["code"]).exclude(pk=partner.pk).exists():
                raise DomainError(
                    _("A partner with the code %(code)s is registered already.")
                    % {"code": values["code"]}
                )
    if "name" in values:
        values["name"] = values["name"].strip()
    if "base_url" in values:
        values["base_url"] = _base_url(values["base_url"])
    audit.save_changes(partner, values, action="exchange.update_partner", actor=actor)
    return partner


# --- Partner keys -----------------------------------------------------------------------


def parse_public_key(text: str) -> str:
    """The partner's public key as pasted (line breaks and spaces dropped): base64 of the raw
    32-byte Ed25519 key. Returns its canonical form, or refuses it saying what is wrong."""
    compact = "".join(text.split())
    if not compact:
        raise DomainError(_("Paste the partner's public key."))
    try:
        keys.load_public_key(compact)
    except ValueError as error:
        raise DomainError(
            _("This is not the partner's public key: %(problem)s Copy the whole key from its page.")
            % {"problem": error}
        ) from None
    return base64.b64encode(base64.b64decode(compact)).decode()


@transaction.atomic
def add_partner_key(
    *, actor: User | None, partner: Partner, key_id: str, public_key: str
) -> PartnerKey:
    _allowed(actor)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    key_id = key_id.strip()
    if not key_id:
        raise DomainError(_("Give the key id the partner shows with its key."))
    public_key = parse_public_key(public_key)
    if partner.keys.filter(key_id=key_id).exists():
        raise DomainError(
            _("%(partner)s already has a key %(key_id)s.") % {"partner": partner, "key_id": key_id}
        )
    if partner.keys.filter(public_key=public_key, retired_at__isnull=True).exists():
        raise DomainError(
            _("This public key is already registered for %(partner)s.") % {"partner": partner}
        )
    key = PartnerKey(partner=partner, key_id=key_id, public_key=public_key)
    key.full_clean()
    key.save()
    audit.record(
        "exchange.add_partner_key",
        actor=actor,
        obj=partner,
        changes={"key_id": key_id, "public_key": public_key},
    )
    return key


@transaction.atomic
def retire_partner_key(*, actor: User | None, key: PartnerKey) -> PartnerKey:
    """A retired key verifies nothing from now on (the partner has moved to a new key, or the
    key leaked)."""
    _allowed(actor)
    key = PartnerKey.objects.select_for_update().select_related("partner").get(pk=key.pk)
    if key.retired_at is not None:
        raise DomainError(_("This key was retired already."))
    key.retired_at = timezone.now()
    key.save(update_fields=["retired_at"])
    audit.record(
        "exchange.retire_partner_key",
        actor=actor,
        obj=key.partner,
        changes={"key_id": key.key_id},
    )
    return key


# --- Agreed items: the partner's catalog ---------------------------------------------------


@dataclass(frozen=True)
class CatalogRefresh:
    added: int
    updated: int
    withdrawn: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


_MATERIAL_FIELDS = ("name", "kind", "requirement", "copies", "condition", "order")


def _catalog_entries(data: Any) -> list[dict[str, Any]]:
    """The items of a catalog response, checked enough to store them; anything else is the
    partner's fault and refused as a whole (nothing half-imported)."""
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValueError("no list of items")
    entries: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("an item is not an object")
        code = str(item.get("code") or "").strip()
        name = str(item.get("name") or "").strip()
        if not code or len(code) > 40 or not name:
            raise ValueError(f"item {code or '?'}: code or name missing")
        try:
            version = int(item.get("version") or 1)
            promised_days = int(item.get("promised_days") or 0)
        except (TypeError, ValueError):
            raise ValueError(f"item {code}: version or limit not a number") from None
        materials = item.get("materials") or []
        if not isinstance(materials, list) or not all(isinstance(m, dict) for m in materials):
            raise ValueError(f"item {code}: materials not a list")
        entries[code] = {
            "version": max(version, 1),
            "name": name[:200],
            "department": str(item.get("department") or "")[:100],
            "kind": str(item.get("kind") or "")[:20],
            "promised_days": min(max(promised_days, 0), 32767),
            "materials": [
                {field: m[field] for field in _MATERIAL_FIELDS if field in m} for m in materials
            ],
        }
    return [{"code": code, **values} for code, values in entries.items()]


def refresh_catalog(*, actor: User | None, partner: Partner) -> CatalogRefresh:
    """Fetch the partner's published catalog (its items open to cross-zone handling) and bring
    our agreed items in line: new ones are added, changed ones updated, and those no longer
    published are withdrawn (kept, marked not agreed, so cases already under way still show
    them)."""
    _allowed(actor)
    partner = Partner.objects.get(pk=partner.pk)
    if not partner.is_active:
        raise DomainError(
            _("%(partner)s is deactivated: activate it first.") % {"partner": partner}
        )
    # Over the network outside any transaction: no row stays locked while we wait.
    try:
        response = client.request(partner, "GET", CATALOG_PATH)
    except OSError as error:
        raise DomainError(
            _("%(partner)s could not be reached at %(url)s: %(error)s")
            % {"partner": partner, "url": partner.base_url, "error": error}
        ) from None
    if response.status != 200:
        raise DomainError(
            _("%(partner)s refused to give its catalog (%(answer)s).")
            % {"partner": partner, "answer": response.describe()}
        )
    data = response.data
    answering = data.get("zone") if isinstance(data, dict) else None
    if answering and answering != partner.code:
        raise DomainError(
            _("The address of %(partner)s answers for the zone %(other)s, not %(code)s.")
            % {"partner": partner, "other": answering, "code": partner.code}
        )
    try:
        entries = _catalog_entries(data)
    except ValueError as error:
        raise DomainError(
            _("%(partner)s sent a catalog that cannot be read (%(error)s).")
            % {"partner": partner, "error": error}
        ) from None
    return _store_catalog(actor=actor, partner=partner, entries=entries)


@transaction.atomic
def _store_catalog(
    *, actor: User | None, partner: Partner, entries: list[dict[str, Any]]
) -> CatalogRefresh:
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    now = timezone.now()
    existing = {item.code: item for item in AgreedItem.objects.filter(partner=partner)}
    added: list[AgreedItem] = []
    changed: list[AgreedItem] = []
    unchanged: list[AgreedItem] = []
    fields = ("version", "name", "department", "kind", "promised_days", "materials")
    for entry in entries:
        item = existing.pop(entry["code"], None)
        if item is None:
            added.append(AgreedItem(partner=partner, fetched_at=now, **entry))
            continue
        differs = not item.is_active or any(getattr(item, f) != entry[f] for f in fields)
        for field in fields:
            setattr(item, field, entry[field])
        item.is_active = True
        item.fetched_at = now
        (changed if differs else unchanged).append(item)
    withdrawn = [item for item in existing.values() if item.is_active]
    for item in withdrawn:
        item.is_active = False
        item.fetched_at = now
    AgreedItem.objects.bulk_create(added)
    AgreedItem.objects.bulk_update(
        [*changed, *unchanged, *withdrawn], [*fields, "is_active", "fetched_at"], batch_size=500
    )
    partner.catalog_refreshed_at = now
    partner.save(update_fields=["catalog_refreshed_at"])
    result = CatalogRefresh(
        added=len(added), updated=len(changed), withdrawn=len(withdrawn), unchanged=len(unchanged)
    )
    audit.record(
        "exchange.refresh_catalog",
        actor=actor,
        obj=partner,
        changes={
            "added": [i.code for i in added],
            "updated": [i.code for i in changed],
            "withdrawn": [i.code for i in withdrawn],
            "unchanged": result.unchanged,
        },
    )
    return result


# --- This zone's own keys ------------------------------------------------------------------


def rotate_own_key(*, actor: User) -> SigningKey:
    """A new key, announced to every partner: it signs once every active partner has
    acknowledged it, the old one until then (gaoxin.exchange.keys)."""
    require(actor, Capability.MANAGE_ORGANISATION)
    return keys.rotate(actor=actor)


def retire_own_key(*, actor: User, key: SigningKey) -> None:
    """Once every partner has the new key, the old one is retired, and the partners are told
    to refuse it too."""
    require(actor, Capability.MANAGE_ORGANISATION)
    keys.retire(actor=actor, key=key)
