"""What the partner administration pages read: partners with their figures, their agreed
items, and the rejected-messages log. Each list is one query whatever its length."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gaoxin.exchange.models import (
    AgreedItem,
    InboxMessage,
    OutboxMessage,
    Partner,
    PartnerKey,
    RejectedMessage,
)

# An undelivered message older than this shows in red in the list.
LATE_AFTER = dt.timedelta(hours=1)


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """How many rows of ``queryset`` (filtered on OuterRef) each partner has, 0 for none."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("partner").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _partner_figures(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """Each partner with its active keys, agreed items, undelivered messages (count, the
    oldest's creation time, the first's last error), last contact and last rejection."""
    mine = OuterRef("pk")
    pending = OutboxMessage.objects.filter(partner=mine, delivered_at__isnull=True)
    rejections = RejectedMessage.objects.filter(partner_code=OuterRef("code")).order_by(
        "-received_at", "-id"
    )
    return partners.annotate(
        active_keys=_count(PartnerKey.objects.filter(partner=mine, retired_at__isnull=True)),
        agreed_items=_count(AgreedItem.objects.filter(partner=mine, is_active=True)),
        pending=_count(pending),
        oldest_pending=Subquery(pending.order_by("sequence").values("created_at")[:1]),
        pending_error=Subquery(pending.order_by("sequence").values("last_error")[:1]),
        pending_next_attempt=Subquery(pending.order_by("sequence").values("next_attempt_at")[:1]),
        last_delivered=Subquery(
            OutboxMessage.objects.filter(partner=mine, delivered_at__isnull=False)
            .order_by()
            .values("partner")
            .annotate(at=Max("delivered_at"))
            .values("at")
        ),
        last_received=Subquery(
            InboxMessage.objects.filter(partner=mine)
            .order_by()
            .values("partner")
            .annotate(at=Max("received_at"))
            .values("at")
        ),
        last_rejection_at=Subquery(rejections.values("received_at")[:1]),
        last_rejection_reason=Subquery(rejections.values("reason")[:1]),
    )


def partners_with_figures() -> QuerySet[Partner]:
    return _partner_figures(Partner.objects.all()).order_by("-is_active", "code")


def partner_with_figures(code: str) -> Partner | None:
    return _partner_figures(Partner.objects.filter(code=code)).first()


def last_contact(partner: Partner) -> dt.datetime | None:
    """When we last heard from the partner or it took something from us: a catalog refresh, a
    delivered message, a received one. None: never contacted."""
    moments = [
        partner.catalog_refreshed_at,
        getattr(partner, "last_delivered", None),
        getattr(partner, "last_received", None),
    ]
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def pending_age(partner: Partner, now: dt.datetime | None = None) -> dt.timedelta | None:
    oldest = getattr(partner, "oldest_pending", None)
    if oldest is None:
        return None
    return (now or timezone.now()) - oldest


def agreed_items(
    partner: Partner, search: str = "", *, withdrawn: bool = False
) -> QuerySet[AgreedItem]:
    items = AgreedItem.objects.filter(partner=partner, is_active=not withdrawn)
    search = search.strip()
    if search:
        items = items.filter(
            Q(name__icontains=search) | Q(code__icontains=search) | Q(department__icontains=search)
        )
    return items.order_by("code")


def item_counts(partner: Partner) -> dict[str, int]:
    counts = AgreedItem.objects.filter(partner=partner).aggregate(
        agreed=Count("pk", filter=Q(is_active=True)),
        withdrawn=Count("pk", filter=Q(is_active=False)),
    )
    return {"agreed": counts["agreed"] or 0, "withdrawn": counts["withdrawn"] or 0}


def partner_keys(partner: Partner) -> QuerySet[PartnerKey]:
    """Accepted keys first (newest first), then the retired ones, last retired first."""
    return partner.keys.order_by(F("retired_at").desc(nulls_first=True), "-added_at", "-id")


# --- Rejected messages ----------------------------------------------------------------------

UNKNOWN = "?"  # the partner filter's value for codes no registered partner has


def rejections(*, partner: str = "", reason: str = "") -> QuerySet[RejectedMessage]:
    rows = RejectedMessage.objects.all()
    if partner == UNKNOWN:
        rows = rows.exclude(partner_code__in=Partner.objects.values("code"))
    elif partner:
        rows = rows.filter(partner_code=partner)
    if reason:
        rows = rows.filter(reason=reason)
    return rows.order_by("-received_at", "-id")
