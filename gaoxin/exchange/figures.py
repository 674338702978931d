"""Cross-zone handling (跨区通办) in this zone's statistics: each role, by partner zone.

A case counts in the statistics' main figures at the zone that handles (decides) it, once
(``gaoxin.stats.queries``, "Cross-zone cases"). This section shows, beside them:

handled for partners (代办)
    Of the main figures, the cases accepted from an application a partner received for us
    (``IncomingApplication.case``): accepted (``Case.accepted_at``) and completed (办结,
    status completed, ``Case.completed_at``) on a day of the period, and in progress now
    (accepted and not finished, as the main figure counts it), whatever the period. The
    scope is the main figures' (the case's department, item, window).

received for partners (代收)
    The applications our window received for a partner (``ForwardedApplication``) on a day
    of the period (``received_at``, local date), and what has become of them as things stand
    now, from their status: refused by the partner; in progress — waiting for the partner,
    a correction asked for, handled there, or the result waiting here; result handed out
    (已出件: at our window, or, if the applicant went there, at the partner's); ended by the
    partner (terminated or withdrawn there). These four add up to the received. They are the
    partner's cases: not in our main figures. Scope: the zone, or a window (the one that
    received them, ``ForwardedApplication.window``); with a department or an item they do
    not apply (the department is the partner's), and the page says so.

The section shows when this zone has partners. Three queries, whatever the partners and
applications: the partners, the handled cases by partner, the received applications by
partner. Shared by the statistics page, its export and its API (``gaoxin.stats.sections``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.exchange.models import ForwardedApplication, IncomingApplication, Partner
from gaoxin.stats.queries import IN_PROGRESS, Filters
from gaoxin.stats.sections import Section, Sheet

KEY = "cross_zone"
TEMPLATE = "exchange/partials/stats_section.html"
# Why received for partners is left out with a department or item filter (page and export).
NOT_FOR_DEPARTMENT = gettext_lazy(
    "Applications received here for partner zones are not shown for a department or an item: "
    "the department that handles them is the partner's."
)

Forwarded = ForwardedApplication.Status
# An application received here for a partner, not finished yet.
FORWARDED_OPEN = frozenset(
    {
        Forwarded.FORWARDED,
        Forwarded.ACCEPTED,
        Forwarded.IN_PROGRESS,
        Forwarded.CORRECTION,
        Forwarded.READY,
    }
)


@dataclass
class Handled:
    """代办: cases accepted from a partner's application."""

    accepted: int = 0
    completed: int = 0
    in_progress: int = 0

    def add(self, other: Handled) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass
class Received:
    """代收: applications received here for a partner, and what became of them."""

    received: int = 0
    refused: int = 0
    in_progress: int = 0
    delivered: int = 0
    ended: int = 0

    def add(self, other: Received) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def __bool__(self) -> bool:
        return bool(self.received)


@dataclass
class PartnerRow:
    partner: Partner
    handled: Handled
    received: Received | None  # None: not for this scope


@dataclass
class CrossZone:
    handled: Handled = field(default_factory=Handled)
    # None when the scope is a department or an item: the partner's department received.
    received: Received | None = field(default_factory=Received)
    partners: list[PartnerRow] = field(default_factory=list)  # those with a figure, by code

    @property
    def received_applies(self) -> bool:
        return self.received is not None


# --- The queries ------------------------------------------------------------------------------


def period_bounds(filters: Filters) -> tuple[dt.datetime, dt.datetime]:
    """The period's first moment and the moment after its last day, local time."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(filters.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def received_applies(filters: Filters) -> bool:
    """Received for partners has no department or item of ours: only the zone or a window."""
    return filters.department is None and not filters.item_code


def handled_by_partner(filters: Filters) -> dict[int, Handled]:
    """代办, by partner id: one query."""
    start, end = period_bounds(filters)
    accepted = Q(case__accepted_at__gte=start, case__accepted_at__lt=end)
    completed = Q(
        case__status=CaseStatus.COMPLETED,
        case__completed_at__gte=start,
        case__completed_at__lt=end,
    )
    in_progress = Q(case__status__in=IN_PROGRESS)
    rows: QuerySet[Any] = IncomingApplication.objects.filter(case__isnull=False).filter(
        accepted | completed | in_progress
    )
    if filters.department is not None:
        rows = rows.filter(case__department=filters.department)
    if filters.item_code:
        rows = rows.filter(case__item__code=filters.item_code)
    if filters.window is not None:
        rows = rows.filter(case__window=filters.window)
    counted = (
        rows.order_by()
        .values("partner_id")
        .annotate(
            accepted=Count("pk", filter=accepted),
            completed=Count("pk", filter=completed),
            in_progress=Count("pk", filter=in_progress),
        )
    )
    return {
        row["partner_id"]: Handled(row["accepted"], row["completed"], row["in_progress"])
        for row in counted
    }


def received_by_partner(filters: Filters) -> dict[int, Received]:
    """代收, by partner id: one query."""
    start, end = period_bounds(filters)
    rows = ForwardedApplication.objects.filter(received_at__gte=start, received_at__lt=end)
    if filters.window is not None:
        rows = rows.filter(window=filters.window)
    counted = (
        rows.order_by()
        .values("partner_id")
        .annotate(
            received=Count("pk"),
            refused=Count("pk", filter=Q(status=Forwarded.REFUSED)),
            in_progress=Count("pk", filter=Q(status__in=FORWARDED_OPEN)),
            delivered=Count("pk", filter=Q(status=Forwarded.DELIVERED)),
            ended=Count("pk", filter=Q(status=Forwarded.ENDED)),
        )
    )
    return {
        row["partner_id"]: Received(
            row["received"], row["refused"], row["in_progress"], row["delivered"], row["ended"]
        )
        for row in counted
    }


def cross_zone(filters: Filters, today: dt.date) -> CrossZone | None:
    """The section's figures, or None for a zone without partners."""
    partners = list(Partner.objects.order_by("code"))
    if not partners:
        return None
    handled = handled_by_partner(filters)
    applies = received_applies(filters)
    received = received_by_partner(filters) if applies else {}
    board = CrossZone(received=Received() if applies else None)
    for partner in partners:
        row = PartnerRow(
            partner,
            handled.get(partner.pk) or Handled(),
            (received.get(partner.pk) or Received()) if applies else None,
        )
        if not row.handled and not row.received:
            continue
        board.partners.append(row)
        board.handled.add(row.handled)
        if board.received is not None and row.received is not None:
            board.received.add(row.received)
    return board


# --- The API's shape and the export's sheet ----------------------------------------------------


class HandledSerializer(serializers.Serializer[Handled]):
    accepted = serializers.IntegerField(help_text="Accepted in the period.")
    completed = serializers.IntegerField(help_text="Completed (办结) in the period.")
    in_progress = serializers.IntegerField(help_text="Now, whatever the period.")


class ReceivedSerializer(serializers.Serializer[Received]):
    received = serializers.IntegerField(help_text="Received here for the partner in the period.")
    refused = serializers.IntegerField(help_text="Of them, refused by the partner.")
    in_progress = serializers.IntegerField(help_text="Of them, not finished now.")
    delivered = serializers.IntegerField(help_text="Of them, the result handed out.")
    ended = serializers.IntegerField(help_text="Of them, terminated or withdrawn there.")


class PartnerRowSerializer(serializers.Serializer[PartnerRow]):
    code = serializers.CharField(source="partner.code")
    name = serializers.CharField(source="partner.name")
    handled = HandledSerializer()
    received = ReceivedSerializer(allow_null=True)


class CrossZoneSerializer(serializers.Serializer[CrossZone]):
    """跨区通办: handled for partners (代办, part of the main figures) and received for
    partners (代收, the partners' cases, not in the main figures); by partner, with totals."""

    handled = HandledSerializer(
        help_text="Cases accepted from partners' applications: part of the main figures."
    )
    received = ReceivedSerializer(
        allow_null=True,
        help_text="Applications received here for partners: not in the main figures. Null "
        "with a department or item filter (the department is the partner's).",
    )
    partners = PartnerRowSerializer(many=True, help_text="Partners with a figure, by code.")


def sheet(board: CrossZone) -> Sheet:
    """The export's sheet: a row per partner, then the total."""
    heading: list[Any] = [
        _("Partner zone"),
        _("Handled for partner zones: accepted"),
        _("Handled for partner zones: completed"),
        _("Handled for partner zones: in progress now"),
    ]
    if board.received is not None:
        heading += [
            _("Received for partner zones"),
            _("of them refused by the partner"),
            _("of them in progress now"),
            _("of them result handed out"),
            _("of them ended by the partner"),
        ]

    def values(handled: Handled, received: Received | None) -> list[Any]:
        row: list[Any] = [handled.accepted, handled.completed, handled.in_progress]
        if received is not None:
            row += [
                received.received,
                received.refused,
                received.in_progress,
                received.delivered,
                received.ended,
            ]
        return row

    rows = [heading]
    rows += [[r.partner.name, *values(r.handled, r.received)] for r in board.partners]
    rows.append([_("Total"), *values(board.handled, board.received)])
    rows.append([])
    rows.append(
        [
            _(
                "Handled for partner zones: part of the main figures. Received for partner "
                "zones: the partners' cases, not in the main figures."
            )
        ]
    )
    if board.received is None:
        rows.append([str(NOT_FOR_DEPARTMENT)])
    return _("Cross-zone handling"), rows


SECTION = Section(
    key=KEY,
    template=TEMPLATE,
    compute=cross_zone,
    serializer=CrossZoneSerializer,
    sheet=sheet,
    order=10,
)
