"""Notices handed to the applicant (受理通知书, 容缺受理通知书, 一次性告知书, 不予受理通知书).

A notice is an official document: what it says is frozen in ``Notice.content`` when it is
issued (``notice_content``), so a later change of the case or the catalog never rewrites a
document already handed out. The PDF is rendered from that snapshot by the background worker
(``schedule_render`` → ``gaoxin.cases.tasks.render_notice_task`` → ``render``), after the
layout of GB/T 9704: A4, a bold Song title, a Song/Fangsong body at 16 pt, the issuer and
date at the end with room for the seal, the number and a QR code on every page.

The texts are Chinese on purpose: the notices are Chinese official documents by law, not UI
strings, so they do not go through gettext.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gaoxin.cases.models import ApplicantKind, Case, CaseEvent, Notice, Submission
from gaoxin.catalog.models import ItemKind, Material
from gaoxin.core.identity import mask_resident_id
from gaoxin.core.models import User, Zone

# Bump when the shape of ``content`` changes, so the template can still read old notices.
CONTENT_VERSION = 1

TITLES: dict[str, str] = {
    Notice.Kind.ACCEPTANCE: "受理通知书",
    Notice.Kind.DEFICIENCY: "容缺受理通知书",
    Notice.Kind.CORRECTION: "一次性告知书",
    Notice.Kind.REFUSAL: "不予受理通知书",
}
SUBTITLES: dict[str, str] = {Notice.Kind.CORRECTION: "（补正材料通知书）"}
# The window hands these out on the owning department's behalf.
ISSUED_BY_THE_CENTER: frozenset[str] = frozenset({Notice.Kind.ACCEPTANCE, Notice.Kind.DEFICIENCY})

MATERIAL_FORMS: dict[str, str] = {
    Material.Kind.ORIGINAL: "原件",
    Material.Kind.COPY: "复印件",
    Material.Kind.ELECTRONIC: "电子件",
}
MISSING_TEXT = "未提交"
PROVISIONAL_TEXT = "（暂定，待节假日安排公布后确认）"
REMEDIES = (
    "申请人如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法提起行政诉讼。"
)
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def chinese_date(value: dt.date | None) -> str:
    """2026年11月23日 (no leading zeros, as on official documents)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def progress_path(number: str) -> str:
    return "/progress/?" + urlencode({"number": number})


def progress_url(path: str) -> str:
    base = str(getattr(settings, "PUBLIC_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL)
    return base.rstrip("/") + path


# --- What the notice says, frozen at issue time -------------------------------------------


def notice_content(case: Case, kind: str, clerk: User | None = None) -> dict[str, Any]:
    """A JSON-serialisable snapshot of everything the notice of ``kind`` says about ``case``.
    ``clerk`` is who issues it; when not given, the actor of the case's latest step."""
    if kind not in TITLES:
        raise ValueError(f"Unknown notice kind: {kind}")
    zone = Zone.current()
    zone_name = zone.name if zone else ""
    zone_short = (zone.short_name or zone.name) if zone else ""
    center = f"{zone_short}政务服务中心"
    department = case.department.name
    item = case.item
    submissions = list(case.submissions.select_related("material").order_by("material__order"))
    clerk = clerk or _clerk(case, kind)
    window = case.window or (clerk.window if clerk else None)
    today = timezone.localdate()

    content: dict[str, Any] = {
        "version": CONTENT_VERSION,
        "kind": kind,
        "title": TITLES[kind],
        "subtitle": SUBTITLES.get(kind, ""),
        "zone": {
            "name": zone_name,
            "short_name": zone_short,
            "center": center,
            "address": zone.address if zone else "",
            "phone": zone.phone if zone else "",
        },
        "issuer": center if kind in ISSUED_BY_THE_CENTER else department,
        "on_behalf_of": department if kind in ISSUED_BY_THE_CENTER else "",
        "department": department,
        "contact_phone": (
            (zone.phone if zone else "") or case.department.phone
            if kind in ISSUED_BY_THE_CENTER
            else case.department.phone or (zone.phone if zone else "")
        ),
        "receipt_number": case.receipt_number,
        "case_number": case.number or "",
        "applicant": _applicant(case),
        "item": {
            "name": item.name,
            "code": item.code,
            "version": item.version,
            "kind": item.kind,
            "is_licensing": item.kind == ItemKind.LICENSING,
            "result_name": item.result_name,
        },
        "received_date": chinese_date(timezone.localdate(case.received_at)),
        "materials_received": [
            _material(s) for s in submissions if s.state == Submission.State.RECEIVED
        ],
        "clerk": {
            "name": (clerk.full_name or clerk.username) if clerk else "",
            "window_number": f"{window.number:02d}" if window else "",
            "window_name": window.name if window else "",
        },
        "issued_on": today.isoformat(),
        "issued_date": chinese_date(today),
        "progress_path": progress_path(case.display_number),
    }
    if kind in ISSUED_BY_THE_CENTER:
        content["accepted"] = {
            "date": chinese_date(
                timezone.localdate(case.accepted_at) if case.accepted_at else None
            ),
            "deadline": chinese_date(case.deadline),
            "deadline_iso": case.deadline.isoformat() if case.deadline else "",
            "provisional": case.deadline_provisional,
            "provisional_text": PROVISIONAL_TEXT if case.deadline_provisional else "",
            "promised_days": item.promised_days,
            "statutory_days": item.statutory_days,
        }
    if kind == Notice.Kind.DEFICIENCY:
        content["deficiency"] = {
            "owed": [_material(s) for s in submissions if s.state == Submission.State.OWED],
            "due": chinese_date(case.deficiency_due),
            "due_iso": case.deficiency_due.isoformat() if case.deficiency_due else "",
            "promise": case.deficiency_promise,
        }
    if kind == Notice.Kind.CORRECTION:
        content["correction"] = {
            "problems": [
                {
                    **_material(s),
                    "state": s.state,
                    "problem": s.problem or MISSING_TEXT,
                }
                for s in submissions
                if s.state in (Submission.State.MISSING, Submission.State.FAULTY)
            ],
        }
    if kind == Notice.Kind.REFUSAL:
        content["refusal"] = {
            "reason": case.refusal_reason.strip().rstrip("。；;."),
            "basis": case.refusal_basis.strip().rstrip("。；;."),
            "authority": case.competent_authority,
            "remedies": REMEDIES,
        }
    return content


def _clerk(case: Case, kind: str) -> User | None:
    """Who issues the notice: the clerk of the action that issues it (the latest history row,
    written just before the notice), else whoever accepted or received the case."""
    event = (
        CaseEvent.objects.filter(case=case, actor__isnull=False)
        .select_related("actor__window")
        .order_by("-at", "-id")
        .first()
    )
    if event is not None and event.actor is not None:
        return event.actor
    if kind in ISSUED_BY_THE_CENTER and case.accepted_by_id:
        return case.accepted_by
    return case.received_by


def _applicant(case: Case) -> dict[str, Any]:
    is_person = case.applicant_kind == ApplicantKind.PERSON
    return {
        "kind": case.applicant_kind,
        "name": case.applicant_name,
        "id_label": "身份证号码" if is_person else "统一社会信用代码",
        # A resident ID is personal data and is masked; a credit code is public.
        "id_value": mask_resident_id(case.id_number) if is_person else case.credit_code,
        "legal_representative": "" if is_person else case.legal_representative,
        "agent_name": case.agent_name,
        "agent_id": mask_resident_id(case.agent_id_number) if case.agent_id_number else "",
        "address": case.address,
    }


def _material(submission: Submission) -> dict[str, Any]:
    material = submission.material
    return {
        "name": material.name,
        "form": MATERIAL_FORMS.get(material.kind, ""),
        "copies": submission.copies or material.copies,
    }


# --- The document ---------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """The QR code as inline SVG, sized by the stylesheet (viewBox, no width or height)."""
    return str(
        segno.make(url, error="m").svg_inline(
            omitsize=True, border=2, dark="#000", svgclass="qr-code", lineclass=None
        )
    )


def render_html(notice: Notice) -> str:
    content = notice.content
    url = progress_url(content.get("progress_path") or progress_path(notice.case.display_number))
    return render_to_string(
        "cases/notices/notice.html",
        {
            "c": content,
            "kind": content.get("kind", notice.kind),
            "number": notice.number,
            "number_css": css_string(notice.number),
            "qr": qr_svg(url),
        },
    )


def css_string(value: str) -> str:
    """``value`` escaped for use inside a double-quoted CSS string."""
    return "".join(ch if ch.isalnum() or ch in "-_ .:/（）" else f"\\{ord(ch):06x}" for ch in value)


def render_pdf(notice: Notice) -> bytes:
    """The notice as an A4 PDF. Nothing is loaded from outside: fonts by family name, the QR
    code inline."""
    from weasyprint import HTML  # heavy import: only where a PDF is made

    pdf = HTML(string=render_html(notice), base_url=None, url_fetcher=_fetch_nothing).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The notice needs no outside resource; refuse any, so nothing is ever fetched."""
    raise ValueError(f"A notice loads no outside resource: {url[:80]}")


def render(notice: Notice) -> Notice:
    """Render and store the PDF once; a second call leaves a rendered notice alone."""
    if notice.rendered_at is not None and notice.pdf:
        return notice
    data = render_pdf(notice)
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.rendered_at is not None and locked.pdf:
            return locked  # another worker got there first
        # The field's upload_to files it under notices/<year>/<month>/.
        locked.pdf.save(f"{_file_stem(locked.number)}.pdf", ContentFile(data), save=False)
        locked.rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "rendered_at"])
    notice.pdf = locked.pdf
    notice.rendered_at = locked.rendered_at
    return notice


def _file_stem(number: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in number)


def schedule_render(notice: Notice) -> None:
    """Render in the background once the transaction that issued the notice commits."""
    from gaoxin.cases.tasks import render_notice_task

    notice_id = str(notice.pk)
    transaction.on_commit(lambda: render_notice_task.enqueue(notice_id))
