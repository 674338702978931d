"""对账: the cross-zone applications between this zone and its partners in a period, each
counted once, and this zone's records checked against each partner's.

An application exchanged between two zones is named on both sides by the same ``ref``, the
UUID the receiving zone made: ``ForwardedApplication.ref`` where it was received (on the
partner's behalf), ``IncomingApplication.ref`` where it is handled. Each zone's own
statistics count it in its role; put together by ``ref``, it counts once.

Two halves:

- :func:`answer`: what this zone tells a partner that asks (``GET /exchange/v1/figures/``,
  signed): for that partner only, the refs of the applications received in the period on
  either side, each with its status here. Capped at ``MAX_REFS`` per direction (said so in
  the answer).
- :func:`reconcile`: our records per partner and direction, and, when asked to fetch, each
  partner's answer (in turn, with a short timeout; one that does not answer is shown as not
  reachable and the others still compared):

  ========================  ==============================  ===============================
  direction                  here                            there (the partner's answer)
  ========================  ==============================  ===============================
  ``for_them``               our ``ForwardedApplication``    its ``incoming``
  (we received, they handle)
  ``for_us``                 our ``IncomingApplication``     its ``forwarded``
  (they received, we handle)
  ========================  ==============================  ===============================

  counted once = |here ∪ there|; matched = |here ∩ there|; only here / only there, each
  with its reason where one can tell (still in an outbox, refused on arrival) and flagged
  when it should not happen.

The period is by the moment of receipt at the receiving zone (both sides hold it:
``ForwardedApplication.received_at``, ``IncomingApplication.received_at``), in local dates
(Asia/Shanghai, the platform's time zone), at most ``MAX_DAYS`` days.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.core.errors import DomainError
from gaoxin.core.models import Zone
from gaoxin.exchange import client
from gaoxin.exchange.forwarding import FORWARD_KIND
from gaoxin.exchange.models import (
    ApplicationEvent,
    ForwardedApplication,
    IncomingApplication,
    OutboxMessage,
    Partner,
    RejectedMessage,
)
from gaoxin.exchange.signing import Rejected

logger = logging.getLogger("gaoxin.exchange")

FIGURES_PATH = "/exchange/v1/figures/"
# The longest period a partner may ask for, in days (first and last included).
MAX_DAYS = 366
# The most refs per direction in one answer: some 1 MB of JSON.
MAX_REFS = 20_000
# How long one partner has to answer; partners are asked one after the other.
TIMEOUT_SECONDS = 5.0
# The most unmatched applications listed per partner and direction on the page.
LISTED = 100

FOR_THEM = "for_them"
FOR_US = "for_us"
DIRECTIONS = (FOR_THEM, FOR_US)
# The partner's action when it refuses an application on arrival (an item it does not handle
# for partners): it keeps no record of it (gaoxin.exchange.incoming.apply_forward).
NOT_AGREED = "not_agreed"


# --- The period ---------------------------------------------------------------------------


def period_error(start: dt.date, end: dt.date) -> str:
    """Why this period cannot be reconciled, or ""."""
    if start > end:
        return _("The last day comes before the first.")
    if (end - start).days + 1 > MAX_DAYS:
        return _("A period to reconcile is at most %(days)d days.") % {"days": MAX_DAYS}
    return ""


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the first moment of ``start`` to the first of the day after ``end``, in the
    platform's time zone (the zone's local dates, whoever asks)."""
    zone = timezone.get_default_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def requested_period(params: Mapping[str, str]) -> tuple[dt.date, dt.date]:
    """The ``from`` and ``to`` dates of a partner's request (YYYY-MM-DD), or
    ``Rejected(MALFORMED)`` (answered 400) with the reason."""
    dates = []
    for name in ("from", "to"):
        value = (params.get(name) or "").strip()
        try:
            dates.append(dt.date.fromisoformat(value))
        except ValueError as error:
            raise Rejected(
                RejectedMessage.Reason.MALFORMED,
                _("Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD (%(name)s is %(value)s).")
                % {"name": name, "value": value or "—"},
            ) from error
    start, end = dates
    problem = period_error(start, end)
    if problem:
        raise Rejected(RejectedMessage.Reason.MALFORMED, problem)
    return start, end


# --- What we tell a partner ---------------------------------------------------------------


def _capped(rows: Iterable[tuple[uuid.UUID, str]]) -> tuple[dict[str, str], bool]:
    refs: dict[str, str] = {}
    for ref, status in rows:
        if len(refs) == MAX_REFS:
            return refs, True
        refs[str(ref)] = status
    return refs, False


def _pending_forwards(partner: Partner) -> set[str]:
    """The refs of the applications whose forwarding to ``partner`` is still in our outbox
    (few: the outbox keeps only what is not delivered yet)."""
    pending = OutboxMessage.objects.filter(
        partner=partner, kind=FORWARD_KIND, delivered_at__isnull=True
    )
    return {str(ref) for ref in pending.values_list("payload__ref", flat=True) if ref}


def answer(partner: Partner, start: dt.date, end: dt.date) -> dict[str, Any]:
    """For ``partner`` only: the applications this zone received on its behalf in the period
    (``forwarded``) and those it received from it (``incoming``), ref → status here. An
    incoming application accepted here has the status of its case (accepted, in_review, ...,
    completed). ``in_outbox``: the forwarded ones not delivered to the partner yet.
    ``truncated``: a list was cut at ``limit`` refs; ``totals`` has the real counts."""
    lo, hi = day_bounds(start, end)
    forwarded_rows = (
        ForwardedApplication.objects.filter(
            partner=partner, received_at__gte=lo, received_at__lt=hi
        )
        .order_by("received_at", "ref")
        .values_list("ref", "status")
    )
    forwarded, forwarded_cut = _capped(forwarded_rows[: MAX_REFS + 1])
    incoming_rows = (
        IncomingApplication.objects.filter(partner=partner, received_at__gte=lo, received_at__lt=hi)
        .order_by("received_at", "ref")
        .values_list("ref", "status", "case__status")
    )
    incoming, incoming_cut = _capped(
        (ref, case_status or status) for ref, status, case_status in incoming_rows[: MAX_REFS + 1]
    )
    totals = {"forwarded": len(forwarded), "incoming": len(incoming)}
    if forwarded_cut:
        totals["forwarded"] = forwarded_rows.count()
    if incoming_cut:
        totals["incoming"] = incoming_rows.count()
    zone = Zone.current()
    return {
        "zone": zone.code if zone else "",
        "from": start.isoformat(),
        "to": end.isoformat(),
        "forwarded": forwarded,
        "incoming": incoming,
        "in_outbox": sorted(_pending_forwards(partner) & forwarded.keys()),
        "totals": totals,
        "limit": MAX_REFS,
        "truncated": forwarded_cut or incoming_cut,
    }


# --- What a partner tells us --------------------------------------------------------------


class UnreadableAnswer(ValueError):
    pass


@dataclass(frozen=True)
class Answer:
    """A partner's answer, read: ref → its status there."""

    forwarded: dict[uuid.UUID, str]
    incoming: dict[uuid.UUID, str]
    in_outbox: frozenset[uuid.UUID]
    truncated: bool
    totals: dict[str, int]


def _refs(value: Any, name: str) -> dict[uuid.UUID, str]:
    if not isinstance(value, dict):
        raise UnreadableAnswer(_("The answer has no list %(name)s.") % {"name": name})
    try:
        return {uuid.UUID(str(ref)): str(status)[:20] for ref, status in value.items()}
    except ValueError as error:
        raise UnreadableAnswer(
            _("The list %(name)s holds something that is not a ref.") % {"name": name}
        ) from error


def read_answer(data: Any, start: dt.date, end: dt.date) -> Answer:
    if not isinstance(data, dict):
        raise UnreadableAnswer(_("The answer is not a JSON object."))
    if data.get("from") != start.isoformat() or data.get("to") != end.isoformat():
        raise UnreadableAnswer(_("The answer is for another period."))
    outbox = data.get("in_outbox") or []
    if not isinstance(outbox, list):
        raise UnreadableAnswer(_("The answer has no list %(name)s.") % {"name": "in_outbox"})
    try:
        pending = frozenset(uuid.UUID(str(ref)) for ref in outbox)
    except ValueError as error:
        raise UnreadableAnswer(
            _("The list %(name)s holds something that is not a ref.") % {"name": "in_outbox"}
        ) from error
    forwarded = _refs(data.get("forwarded"), "forwarded")
    incoming = _refs(data.get("incoming"), "incoming")
    totals = data.get("totals")
    if not isinstance(totals, dict):
        totals = {}
    return Answer(
        forwarded=forwarded,
        incoming=incoming,
        in_outbox=pending,
        truncated=bool(data.get("truncated")),
        totals={
            "forwarded": _int(totals.get("forwarded"), len(forwarded)),
            "incoming": _int(totals.get("incoming"), len(incoming)),
        },
    )


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def fetch(partner: Partner, start: dt.date, end: dt.date) -> Answer:
    """The partner's answer for the period; ``client.TransportError`` when none came,
    ``UnreadableAnswer`` when it refused or answered something else."""
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    response = client.request(partner, "GET", f"{FIGURES_PATH}?{query}", timeout=TIMEOUT_SECONDS)
    if not response.ok:
        raise UnreadableAnswer(response.describe())
    return read_answer(response.data, start, end)


# --- Reconciliation -------------------------------------------------------------------------


@dataclass
class Unmatched:
    """An application one side knows and the other does not."""

    ref: uuid.UUID
    status: str  # its status where it is known, as a label
    reason: str
    expected: bool  # False: it should not happen (shown in red)
    received_at: dt.datetime | None = None  # when known here
    receipt_number: str = ""  # ours, or the partner's as it told us: when known here
    item: str = ""


@dataclass
class Direction:
    """One partner, one direction: our records and, once fetched, the partner's."""

    key: str
    here: dict[uuid.UUID, str] = field(default_factory=dict)
    there: dict[uuid.UUID, str] | None = None
    only_here: list[Unmatched] = field(default_factory=list)
    only_there: list[Unmatched] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        return self.there is not None

    @property
    def refs(self) -> set[uuid.UUID]:
        return set(self.here) | set(self.there or ())

    @property
    def counted_once(self) -> int:
        return len(self.refs)

    @property
    def matched(self) -> int:
        return len(set(self.here) & set(self.there)) if self.there is not None else 0

    @property
    def unexpected(self) -> int:
        return sum(not u.expected for u in (*self.only_here, *self.only_there))


@dataclass
class PartnerFigures:
    partner: Partner
    for_them: Direction = field(default_factory=lambda: Direction(FOR_THEM))
    for_us: Direction = field(default_factory=lambda: Direction(FOR_US))
    # not_asked (a partner we cannot ask: deactivated, or no key), waiting (not fetched yet),
    # compared, unreachable (no answer, or not one we could read), too_many (truncated).
    state: str = "waiting"
    error: str = ""

    @property
    def directions(self) -> tuple[Direction, Direction]:
        return self.for_them, self.for_us

    @property
    def askable(self) -> bool:
        return self.state != "not_asked"


@dataclass
class Totals:
    """Every partner together: each application counted once."""

    for_them: int = 0
    for_us: int = 0
    all: int = 0
    here: int = 0
    matched: int = 0
    only_here: int = 0
    only_there: int = 0
    unexpected: int = 0
    # Some partner's side is missing (not fetched, not reachable): its applications are
    # counted from our records only.
    partial: bool = False


@dataclass
class Reconciliation:
    start: dt.date
    end: dt.date
    fetched: bool
    partners: list[PartnerFigures]
    totals: Totals


def _askable(partners: Iterable[Partner]) -> set[int]:
    return {
        p.pk
        for p in partners
        if p.is_active and any(key.retired_at is None for key in p.keys.all())
    }


def reconcile(start: dt.date, end: dt.date, *, fetch_partners: bool = False) -> Reconciliation:
    """Our records for the period with every active partner, and any other that has some;
    with ``fetch_partners``, the answer of each partner we can ask (active, with a key of
    its to check the answer with) compared. A fixed number of queries, and a few more per
    partner asked, however many applications."""
    lo, hi = day_bounds(start, end)
    forwarded = (
        ForwardedApplication.objects.filter(received_at__gte=lo, received_at__lt=hi)
        .order_by("received_at", "ref")
        .values_list("ref", "partner_id", "status", "received_at")
    )
    incoming = (
        IncomingApplication.objects.filter(received_at__gte=lo, received_at__lt=hi)
        .order_by("received_at", "ref")
        .values_list("ref", "partner_id", "status", "case__status", "received_at")
    )
    ours: list[tuple[str, uuid.UUID, int, str, dt.datetime]] = [
        (FOR_THEM, ref, partner_id, status, at) for ref, partner_id, status, at in forwarded
    ]
    ours += [
        (FOR_US, ref, partner_id, case_status or status, at)
        for ref, partner_id, status, case_status, at in incoming
    ]
    with_records = {partner_id for _key, _ref, partner_id, _status, _at in ours}
    partners = list(
        Partner.objects.filter(Q(pk__in=with_records) | Q(is_active=True))
        .prefetch_related("keys")
        .order_by("code")
    )
    askable = _askable(partners)
    figures = {
        p.pk: PartnerFigures(p, state="waiting" if p.pk in askable else "not_asked")
        for p in partners
    }
    received: dict[uuid.UUID, dt.datetime] = {}
    for key, ref, partner_id, status, at in ours:
        row = figures[partner_id]
        (row.for_them if key == FOR_THEM else row.for_us).here[ref] = status
        received[ref] = at
    if fetch_partners:
        for each in figures.values():
            if each.askable:
                _compare(each, start, end, received)
        _describe(figures.values())
    rows = list(figures.values())
    return Reconciliation(
        start=start, end=end, fetched=fetch_partners, partners=rows, totals=_totals(rows)
    )


def _compare(
    figures: PartnerFigures,
    start: dt.date,
    end: dt.date,
    received: Mapping[uuid.UUID, dt.datetime],
) -> None:
    partner = figures.partner
    try:
        theirs = fetch(partner, start, end)
    except (client.TransportError, UnreadableAnswer, DomainError) as error:
        figures.state, figures.error = "unreachable", str(error)
        return
    except Exception as error:
        # Whatever went wrong with one partner must not stop the page.
        logger.exception("reconciliation with %s failed unexpectedly", partner.code)
        figures.state, figures.error = "unreachable", f"{type(error).__name__}: {error}"
        return
    if theirs.truncated:
        figures.state = "too_many"
        figures.error = _(
            "The partner has more than %(limit)d applications with us in this period "
            "(%(forwarded)d and %(incoming)d): choose a shorter period."
        ) % {
            "limit": MAX_REFS,
            "forwarded": theirs.totals["forwarded"],
            "incoming": theirs.totals["incoming"],
        }
        return
    figures.state = "compared"
    for_them, for_us = figures.for_them, figures.for_us
    for_them.there, for_us.there = theirs.incoming, theirs.forwarded
    only_here_for_them = set(for_them.here) - set(theirs.incoming)
    only_there_for_us = set(theirs.forwarded) - set(for_us.here)
    pending = _our_pending(partner) if only_here_for_them else {}
    refused_on_arrival: set[uuid.UUID] = set()
    if only_here_for_them or only_there_for_us:
        refused_on_arrival = set(
            ApplicationEvent.objects.filter(
                action=NOT_AGREED, ref__in=[*only_here_for_them, *only_there_for_us]
            ).values_list("ref", flat=True)
        )

    # We received for them: only here while its forwarding is still in our outbox, or when
    # the partner refused it on arrival (it keeps no record of those).
    for ref in sorted(only_here_for_them, key=lambda r: (received[r], str(r))):
        message = pending.get(ref)
        if message is not None:
            reason, expected = _in_our_outbox(message), True
        elif ref in refused_on_arrival:
            reason = _("Refused on arrival: the partner does not handle this item.")
            expected = True
        else:
            reason = _("Delivered, but the partner has no record of it.")
            expected = False
        status = _label(ForwardedApplication.Status, for_them.here[ref])
        for_them.only_here.append(Unmatched(ref, status, reason, expected, received[ref]))
    for ref in sorted(set(theirs.incoming) - set(for_them.here), key=str):
        for_them.only_there.append(
            Unmatched(
                ref,
                _incoming_label(theirs.incoming[ref]),
                _("The partner has it as received from us; we have no record of receiving it."),
                False,
            )
        )

    # They received for us: only there while it is in the partner's outbox, or when we
    # refused it on arrival; only here should not happen.
    for ref in sorted(
        set(for_us.here) - set(theirs.forwarded), key=lambda r: (received[r], str(r))
    ):
        for_us.only_here.append(
            Unmatched(
                ref,
                _incoming_label(for_us.here[ref]),
                _("The partner has no record of receiving it for us."),
                False,
                received[ref],
            )
        )
    for ref in sorted(only_there_for_us, key=str):
        if ref in theirs.in_outbox:
            reason, expected = _("In the partner's outbox, not delivered to us yet."), True
        elif ref in refused_on_arrival:
            reason = _("Refused on arrival here: not an item we handle for partners.")
            expected = True
        else:
            reason = _("Delivered by the partner, but not on record here.")
            expected = False
        status = _label(ForwardedApplication.Status, theirs.forwarded[ref])
        for_us.only_there.append(Unmatched(ref, status, reason, expected))


def _describe(rows: Iterable[PartnerFigures]) -> None:
    """The receipt number and item of the applications only here that the page lists (the
    first ``LISTED`` of each partner and direction): two queries in all."""
    listed = {
        key: [u for row in rows for u in getattr(row, key).only_here[:LISTED]] for key in DIRECTIONS
    }
    if listed[FOR_THEM]:
        described = ForwardedApplication.objects.filter(
            ref__in=[u.ref for u in listed[FOR_THEM]]
        ).values_list("ref", "receipt_number", "item_name")
        found = {ref: (number, item) for ref, number, item in described}
        for entry in listed[FOR_THEM]:
            entry.receipt_number, entry.item = found.get(entry.ref, ("", ""))
    if listed[FOR_US]:
        # The same ref from two partners is two applications: told apart by the partner.
        partner_of = {u.ref: row.partner.pk for row in rows for u in row.for_us.only_here}
        described_incoming = IncomingApplication.objects.filter(
            ref__in=[u.ref for u in listed[FOR_US]]
        ).values_list("ref", "partner_id", "receipt_number", "item__name")
        found_incoming = {
            ref: (number, item)
            for ref, partner_id, number, item in described_incoming
            if partner_of.get(ref) == partner_id
        }
        for entry in listed[FOR_US]:
            entry.receipt_number, entry.item = found_incoming.get(entry.ref, ("", ""))


def _our_pending(partner: Partner) -> dict[uuid.UUID, OutboxMessage]:
    pending = OutboxMessage.objects.filter(
        partner=partner, kind=FORWARD_KIND, delivered_at__isnull=True
    ).only("payload", "attempts", "last_error")
    messages: dict[uuid.UUID, OutboxMessage] = {}
    for message in pending:
        try:
            messages[uuid.UUID(str(message.payload.get("ref")))] = message
        except ValueError:
            continue
    return messages


def _in_our_outbox(message: OutboxMessage) -> str:
    if not message.attempts:
        return _("In our outbox, waiting to be sent.")
    return _("In our outbox, not delivered yet (%(attempts)d attempts; last: %(error)s).") % {
        "attempts": message.attempts,
        "error": message.last_error or "—",
    }


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _incoming_label(value: str) -> str:
    """The status of an incoming application: its own, or its case's once accepted."""
    for choices in (IncomingApplication.Status, CaseStatus):
        label = _label(choices, value)
        if label != value:
            return label
    return value


def _totals(rows: list[PartnerFigures]) -> Totals:
    """Each column counts distinct applications (refs): an application is in one direction
    only (its ref is made where it was received), but where this zone is its own partner (a
    test set-up) it is in both, and is counted once still."""
    columns: dict[str, set[uuid.UUID]] = defaultdict(set)
    partial = False
    for row in rows:
        for direction in row.directions:
            columns[direction.key] |= direction.refs
            columns["here"] |= set(direction.here)
            if direction.there is not None:
                columns["matched"] |= set(direction.here) & set(direction.there)
            columns["only_here"] |= {u.ref for u in direction.only_here}
            columns["only_there"] |= {u.ref for u in direction.only_there}
            columns["unexpected"] |= {
                u.ref for u in (*direction.only_here, *direction.only_there) if not u.expected
            }
        if row.state != "compared" and any(d.here for d in row.directions):
            partial = True
    return Totals(
        for_them=len(columns[FOR_THEM]),
        for_us=len(columns[FOR_US]),
        all=len(columns[FOR_THEM] | columns[FOR_US]),
        here=len(columns["here"]),
        matched=len(columns["matched"]),
        only_here=len(columns["only_here"]),
        only_there=len(columns["only_there"]),
        unexpected=len(columns["unexpected"]),
        partial=partial,
    )
