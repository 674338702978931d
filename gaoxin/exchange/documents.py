"""The result's way back (跨区通办): the documents the handling zone issues on a partner's
application reach the window that received it.

At the handling zone (B), the decision's documents — the result document (准予决定书 / 证照)
or the decision to deny — are notices, rendered to PDF by the worker after the decision
commits. The status report of the step that issues one ("issue_result", "deny") lists them
(number and title, :func:`listed`); B serves each, once rendered, to that partner only, at
``GET /exchange/v1/applications/<ref>/documents/<number>.pdf`` (signed like every request;
404 until rendered).

At the receiving zone (A), the worker fetches every document the reports listed
(:func:`fetch_due`, a loop of every worker) until it has them all, each kept as an
``ExchangeFile`` under an id made from the ref and the number, so a document is fetched and
kept once however often it is tried. Nothing waits in the outbox for them: the partner's
messages go on while a document is still being rendered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gaoxin.cases import notices
from gaoxin.cases.history import NOTICE_CODES
from gaoxin.cases.models import Case, Notice
from gaoxin.exchange import client, outbox, signing
from gaoxin.exchange.models import (
    ExchangeFile,
    ForwardedApplication,
    InboxMessage,
    IncomingApplication,
    Partner,
)

logger = logging.getLogger("gaoxin.exchange.documents")

STATUS_KIND = "application.status"
# The documents handed to the applicant with the result.
RESULT_KINDS = (Notice.Kind.RESULT, Notice.Kind.DENIAL)
# The steps of a case that issue one (cases.backoffice), and which.
ISSUING = {"issue_result": Notice.Kind.RESULT, "deny": Notice.Kind.DENIAL}
PDF_MAGIC = b"%PDF-"
MAX_BYTES = 20 * 1024 * 1024
# Where a document is found at the handling zone.
PATH = "/exchange/v1/applications/{ref}/documents/{number}.pdf"
HEADER_SHA256 = "X-Gaoxin-SHA256"


# --- At the handling zone ------------------------------------------------------------------


def listed(case: Case, action: str) -> list[dict[str, str]] | None:
    """The result's documents, for the status report of ``action`` (None when the step issues
    none). Called by the case's history listener before the step's own notice is written
    (``cases.history.record`` logs, then issues): its number is the one
    ``cases.history.issue_notice`` is about to give it."""
    kind = ISSUING.get(action)
    if kind is None:
        return None
    documents = [
        {"number": notice.number, "title": notices.title_for(notice.kind, case)}
        for notice in case.notices.filter(kind__in=RESULT_KINDS).order_by("created_at")
    ]
    issued = case.notices.filter(kind=kind).count()
    number = f"{case.display_number}-{NOTICE_CODES[kind]}{issued + 1:02d}"
    documents.append({"number": number, "title": notices.title_for(kind, case)})
    return documents


def document_for(partner: Partner, ref: uuid.UUID, number: str) -> Notice | None:
    """The rendered result document ``number`` of the partner's application ``ref``; None
    when there is none (yet)."""
    received = IncomingApplication.objects.filter(partner=partner, ref=ref, case__isnull=False)
    notice = Notice.objects.filter(
        case__in=received.values("case"), number=number, kind__in=RESULT_KINDS
    ).first()
    if notice is None or notice.rendered_at is None or not notice.pdf:
        return None
    return notice


# --- At the receiving zone -----------------------------------------------------------------


def document_id(ref: uuid.UUID, number: str) -> uuid.UUID:
    """The id a document is kept under: the same each time it is fetched."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"gaoxin-exchange:{ref}/documents/{number}")


def expected(forwarded: ForwardedApplication) -> list[dict[str, str]]:
    """Every document the partner's reports on ``forwarded`` listed, in order, once each."""
    reports = InboxMessage.objects.filter(
        partner_id=forwarded.partner_id, kind=STATUS_KIND, payload__ref=str(forwarded.ref)
    ).order_by("sequence")
    found: dict[str, dict[str, str]] = {}
    for report in reports:
        for entry in _entries(report.payload.get("documents")):
            found.setdefault(entry["number"], entry)
    return list(found.values())


def _entries(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    entries = []
    for entry in value:
        if isinstance(entry, dict) and str(entry.get("number") or "").strip():
            entries.append(
                {
                    "number": str(entry["number"]).strip()[:40],
                    "title": str(entry.get("title") or "").strip()[:150],
                }
            )
    return entries


@dataclass
class Document:
    number: str
    title: str
    file: ExchangeFile | None

    @property
    def received(self) -> bool:
        return self.file is not None


def documents(forwarded: ForwardedApplication) -> list[Document]:
    """The documents listed for ``forwarded``, each with its file once it arrived."""
    listed_ = expected(forwarded)
    ids = {document_id(forwarded.ref, entry["number"]): entry for entry in listed_}
    files = {f.pk: f for f in ExchangeFile.objects.filter(pk__in=list(ids))}
    return [Document(entry["number"], entry["title"], files.get(pk)) for pk, entry in ids.items()]


def missing(forwarded: ForwardedApplication) -> list[Document]:
    return [document for document in documents(forwarded) if not document.received]


class NotYet(Exception):
    """The document is not there (yet): not rendered, or the partner could not be reached."""


def fetch(forwarded: ForwardedApplication) -> int:
    """Fetch the documents of ``forwarded`` not yet here; the number still missing."""
    left = 0
    for document in missing(forwarded):
        try:
            data = _download(forwarded.partner, forwarded.ref, document.number)
        except NotYet as error:
            logger.info("%s %s: %s", forwarded.receipt_number, document.number, error)
            left += 1
            continue
        _keep(forwarded, document, data)
    return left


def _keep(forwarded: ForwardedApplication, document: Document, data: bytes) -> None:
    pk = document_id(forwarded.ref, document.number)
    kept = ExchangeFile(
        id=pk,
        partner_id=forwarded.partner_id,
        ref=forwarded.ref,
        name=document.title or document.number,
        kind="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
    )
    kept.file.save(f"{pk}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            kept.save(force_insert=True)
    except IntegrityError:
        # Another worker kept it first: ours goes.
        kept.file.delete(save=False)


def _download(partner: Partner, ref: uuid.UUID, number: str) -> bytes:
    """The document's PDF from the partner (a signed GET); NotYet when it is not there."""
    path = PATH.format(ref=ref, number=quote(number, safe=""))
    request = urllib.request.Request(  # noqa: S310 - client.url_of is http(s) only
        client.url_of(partner, path),
        headers={**signing.sign("GET", path, b""), "Accept": "application/pdf"},
        method="GET",
    )
    if not request.full_url.startswith(("http://", "https://")):
        raise NotYet(f"not an http(s) address: {partner.base_url!r}")
    try:
        with client.opener.open(request, timeout=30) as answer:  # no redirects followed
            data = answer.read(MAX_BYTES + 1)
            claimed = answer.headers.get(HEADER_SHA256, "")
    except urllib.error.HTTPError as error:
        with error:
            raise NotYet(f"HTTP {error.code}") from error
    except OSError as error:
        raise NotYet(str(error)) from error
    if len(data) > MAX_BYTES or not data.startswith(PDF_MAGIC):
        raise NotYet("the answer is not a PDF")
    if claimed and claimed.lower() != hashlib.sha256(data).hexdigest():
        raise NotYet("the PDF does not match its checksum")
    return data


# The worker's loop: the results ready at our window whose documents are not all here, each
# tried again after a growing pause (in this worker's memory: a restart tries at once).
_pauses: dict[uuid.UUID, tuple[int, dt.datetime]] = {}
_lock = threading.Lock()


def fetch_due(*, now: dt.datetime | None = None) -> int:
    """One turn of the loop; the number of documents still missing."""
    now = now or timezone.now()
    left = 0
    waiting = ForwardedApplication.objects.filter(
        status=ForwardedApplication.Status.READY, partner__is_active=True
    ).select_related("partner")
    for forwarded in waiting:
        with _lock:
            attempts, due = _pauses.get(forwarded.ref, (0, now))
        if due > now:
            left += 1
            continue
        still = fetch(forwarded)
        left += still
        with _lock:
            if still:
                _pauses[forwarded.ref] = (attempts + 1, now + outbox.backoff(attempts + 1))
            else:
                _pauses.pop(forwarded.ref, None)
    return left


def forget_pauses() -> None:
    """Try everything at the next turn (tests; a clerk asking for the documents now)."""
    with _lock:
        _pauses.clear()
