"""Notices handed to the applicant: at intake (受理通知书, 容缺受理通知书, 一次性告知书, 不予受理
通知书) and from the back office (准予 / 不予行政许可决定书, 特别程序告知书 and its result, 延长办理
期限告知书, 终止办理通知书, 办结通知书).

A notice is an official document: what it says is frozen in ``Notice.content`` when it is
issued (``notice_content``), so a later change of the case or the catalog never rewrites a
document already handed out. The PDF is rendered from that snapshot by the background worker
(``schedule_render`` → ``gaoxin.cases.tasks.render_notice_task`` → ``render``), after the
layout of GB/T 9704: A4, a bold Song title, a Song/Fangsong body at 16 pt, the issuer and
date at the end with room for the seal, the number and a QR code on every page. A notice after
a service the applicant may rate (好差评) carries a second QR code at the end: its rating link,
added to the content when it is issued by a provider the ratings app registers
(``notice_links``).

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

from gaoxin.cases.backoffice import DEFICIENCY_LAPSED
from gaoxin.cases.models import (
    ApplicantKind,
    Case,
    CaseEvent,
    Decision,
    Delivery,
    Notice,
    Submission,
    Suspension,
)
from gaoxin.catalog.models import ItemKind, Material, ResultType
from gaoxin.core.identity import mask_resident_id
from gaoxin.core.models import User, Zone

# Bump when the shape of ``content`` changes, so the template can still read old notices.
CONTENT_VERSION = 1

TITLES: dict[str, str] = {
    Notice.Kind.ACCEPTANCE: "受理通知书",
    Notice.Kind.DEFICIENCY: "容缺受理通知书",
    Notice.Kind.CORRECTION: "一次性告知书",
    Notice.Kind.REFUSAL: "不予受理通知书",
    Notice.Kind.RESULT: "准予行政许可决定书",
    Notice.Kind.DENIAL: "不予行政许可决定书",
    Notice.Kind.SUSPENSION: "特别程序告知书",
    Notice.Kind.RESUMPTION: "特别程序结果告知书",
    Notice.Kind.EXTENSION: "延长办理期限告知书",
    Notice.Kind.TERMINATION: "终止办理通知书",
    Notice.Kind.COMPLETION: "办结通知书",
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
# The same rights, told in a decision (决定书) rather than a notice (通知书).
DECISION_REMEDIES = REMEDIES.replace("本通知书", "本决定书")

# The back office's documents: the title of a decision follows the item (a licence is granted
# by a 准予行政许可决定书; other items get a decision on their application, or a plain result).
BACK_OFFICE: frozenset[str] = frozenset(
    {
        Notice.Kind.RESULT,
        Notice.Kind.DENIAL,
        Notice.Kind.SUSPENSION,
        Notice.Kind.RESUMPTION,
        Notice.Kind.EXTENSION,
        Notice.Kind.TERMINATION,
        Notice.Kind.COMPLETION,
    }
)
GRANT_TITLE_OTHER = "准予办理决定书"
RESULT_TITLE_PLAIN = "办理结果通知书"
DENIAL_TITLE_OTHER = "不予办理决定书"
DOCUMENT_RESULT_TYPES = frozenset({ResultType.CERTIFICATE, ResultType.APPROVAL, ResultType.FILING})

# Special procedures (特别程序) as the applicant reads them; Suspension.Kind's labels are UI
# strings, these are the document's words.
PROCEDURE_NAMES: dict[str, str] = {
    Suspension.Kind.INSPECTION: "现场踏勘",
    Suspension.Kind.EXPERT_REVIEW: "专家评审",
    Suspension.Kind.HEARING: "听证",
    Suspension.Kind.TESTING: "检验、检测",
    Suspension.Kind.PUBLIC_NOTICE: "公示",
    Suspension.Kind.SOLICITING_OPINIONS: "征求意见",
    Suspension.Kind.DEFICIENCY: "补齐容缺材料",
}
# Article 45 of the Licensing Law names hearings, testing and expert review among the
# procedures whose time does not count; the others stop the clock under local rules.
LICENSING_LAW_ART_45 = frozenset(
    {Suspension.Kind.EXPERT_REVIEW, Suspension.Kind.HEARING, Suspension.Kind.TESTING}
)
LICENSING_LAW = "《中华人民共和国行政许可法》"
DELIVERY_CENTER_WINDOW = "综合出件窗口"
RATING_HOTLINE = "12345"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def chinese_date(value: dt.date | None) -> str:
    """2026年11月23日 (no leading zeros, as on official documents)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def progress_path(number: str) -> str:
    return "/progress/?" + urlencode({"number": number})


def public_url(path: str) -> str:
    """A path of the public site made absolute (``settings.PUBLIC_BASE_URL``), for a QR code."""
    base = str(getattr(settings, "PUBLIC_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL)
    return base.rstrip("/") + path


# --- What the notice says, frozen at issue time -------------------------------------------


def number_fields(case: Case) -> dict[str, Any]:
    """What a notice says that comes from the case's numbers."""
    return {
        "receipt_number": case.receipt_number,
        "case_number": case.number or "",
        "progress_path": progress_path(case.display_number),
    }


def _submissions(case: Case) -> list[Submission]:
    # The intake that issues the notice has its submissions in hand (Case.remember).
    if "submissions" in getattr(case, "_prefetched_objects_cache", {}):
        return list(case.submissions.all())
    return list(case.submissions.select_related("material").order_by("material__order"))


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
    submissions = _submissions(case)
    clerk = clerk or _clerk(case, kind)
    window = case.window or (clerk.window if clerk else None)
    today = timezone.localdate()

    content: dict[str, Any] = {
        "version": CONTENT_VERSION,
        "kind": kind,
        "title": title_for(kind, case),
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
        **number_fields(case),
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
    if kind in BACK_OFFICE:
        content.update(_back_office(case, kind, submissions, today))
    return content


def title_for(kind: str, case: Case) -> str:
    """The document's title. A decision is titled after the item: 准予 / 不予行政许可决定书 for a
    licence (行政许可法 第三十八条), 准予 / 不予办理决定书 for other items whose result is a
    document, 办理结果通知书 where the result is something else."""
    licensing = case.item.kind == ItemKind.LICENSING
    if kind == Notice.Kind.RESULT and not licensing:
        if case.item.result_type in DOCUMENT_RESULT_TYPES:
            return GRANT_TITLE_OTHER
        return RESULT_TITLE_PLAIN
    if kind == Notice.Kind.DENIAL and not licensing:
        return DENIAL_TITLE_OTHER
    return TITLES[kind]


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _back_office(
    case: Case, kind: str, submissions: list[Submission], today: dt.date
) -> dict[str, Any]:
    """What a back-office document says beyond the common part: the handling of the case so
    far (``handling``) and the facts of the act it tells (one block per kind)."""
    item = case.item
    licensing = item.kind == ItemKind.LICENSING
    owed = [_material(s) for s in submissions if s.state == Submission.State.OWED]
    accepted_on = _local_date(case.accepted_at)
    title = title_for(kind, case)
    out: dict[str, Any] = {
        # How the document calls itself in its text.
        "document": "本" + title[-3:],
        "handling": {
            "accepted_date": chinese_date(accepted_on),
            "deadline": chinese_date(case.deadline),
            "deadline_iso": _iso(case.deadline),
            "provisional": case.deadline_provisional,
            "provisional_text": PROVISIONAL_TEXT if case.deadline_provisional else "",
            "promised_days": item.promised_days,
            "statutory_days": item.statutory_days,
            "extended_days": case.extended_days,
            "suspended_days": case.suspended_days,
        },
    }
    if kind in (Notice.Kind.RESULT, Notice.Kind.DENIAL, Notice.Kind.COMPLETION):
        out["decision"] = _decision(case, licensing)
    if kind in (Notice.Kind.SUSPENSION, Notice.Kind.RESUMPTION):
        out["procedure"] = _procedure(case, licensing, owed)
    if kind == Notice.Kind.EXTENSION:
        previous = _previous_deadline(case)
        out["extension"] = {
            "days": case.extended_days,
            "reason": case.extension_reason.strip().rstrip("。；;."),
            "previous_deadline": chinese_date(previous),
            "deadline": chinese_date(case.deadline),
            "total_days": item.promised_days + case.extended_days,
            "statutory_days": item.statutory_days,
        }
    if kind == Notice.Kind.TERMINATION:
        reason = case.termination_reason.strip().rstrip("。；;.")
        lapsed = reason == DEFICIENCY_LAPSED and bool(owed)
        out["termination"] = {
            "reason": reason,
            "lapsed": lapsed,
            "owed": owed if lapsed else [],
            "due": chinese_date(case.deficiency_due) if lapsed else "",
            "due_iso": _iso(case.deficiency_due) if lapsed else "",
            "date": chinese_date(_local_date(case.completed_at) or today),
            "remedies": REMEDIES,
        }
    if kind == Notice.Kind.COMPLETION:
        out["completion"] = _completion(case, today)
    return out


def _decision(case: Case, licensing: bool) -> dict[str, Any]:
    item = case.item
    granted = case.decision == Decision.GRANTED
    decided_on = _local_date(case.decided_at)
    return {
        "granted": granted,
        "licensing": licensing,
        # The title of the decision document itself, as a completion notice names it.
        "title": title_for(Notice.Kind.RESULT if granted else Notice.Kind.DENIAL, case),
        "date": chinese_date(decided_on),
        "date_iso": _iso(decided_on),
        "result_number": case.result_number if granted else "",
        "result_name": item.result_name,
        "result_type": item.result_type,
        "is_document": item.result_type in DOCUMENT_RESULT_TYPES,
        "is_certificate": item.result_type == ResultType.CERTIFICATE,
        "legal_basis": item.legal_basis.strip(),
        "reason": "" if granted else case.decision_reason.strip().rstrip("。；;."),
        "basis": "" if granted else case.decision_basis.strip().rstrip("。；;."),
        "remedies": "" if granted else DECISION_REMEDIES,
    }


def _procedure(case: Case, licensing: bool, owed: list[dict[str, Any]]) -> dict[str, Any]:
    """The latest special procedure: the one just started (告知书) or just ended (结果告知书)."""
    suspension = case.suspensions.order_by("-started_at", "-id").first()
    if suspension is None:
        raise ValueError(f"Case {case.pk} has no special procedure to tell of.")
    name = PROCEDURE_NAMES.get(suspension.kind, suspension.get_kind_display())
    reason = suspension.reason.strip().rstrip("。；;.")
    deficiency = suspension.kind == Suspension.Kind.DEFICIENCY
    started_on = _local_date(suspension.started_at)
    ended_on = _local_date(suspension.ended_at)
    return {
        "kind": suspension.kind,
        "name": name,
        # The reason is told only where it adds to the procedure's name.
        "reason": "" if _says_only(reason, name) else reason,
        "law": (
            f"{LICENSING_LAW}第四十五条"
            if licensing and suspension.kind in LICENSING_LAW_ART_45
            else ""
        ),
        "started_date": chinese_date(started_on),
        "started_iso": _iso(started_on),
        "ended_date": chinese_date(ended_on),
        "ended_iso": _iso(ended_on),
        "result": suspension.result.strip().rstrip("。；;."),
        "working_days": suspension.working_days,
        "owed": owed if deficiency else [],
        "due": chinese_date(case.deficiency_due) if deficiency else "",
    }


def _says_only(reason: str, name: str) -> bool:
    """``reason`` says no more than the procedure's name ("等待补齐容缺材料", "现场踏勘")."""
    words = reason
    for filler in ("等待", "需要", "需", "进行", "组织", "申请人"):
        words = words.replace(filler, "")
    return words.strip() in ("", name)


def _previous_deadline(case: Case) -> dt.date | None:
    event = case.events.filter(action="extend").order_by("-at", "-id").first()
    before = (event.data or {}).get("before") if event else None
    try:
        return dt.date.fromisoformat(before) if before else None
    except ValueError:
        return None


def _completion(case: Case, today: dt.date) -> dict[str, Any]:
    delivery = Delivery.objects.filter(case=case).select_related("window").first()
    completed_on = _local_date(case.completed_at) or today
    out: dict[str, Any] = {
        "date": chinese_date(completed_on),
        "date_iso": _iso(completed_on),
        "method": delivery.method if delivery else "",
        "delivered_date": "",
        "recipient_name": "",
        "by_agent": False,
        "window_number": "",
        "window_name": "",
        "address": "",
        "carrier": "",
        "tracking_number": "",
        "hotline": RATING_HOTLINE,
    }
    if delivery is None:
        return out
    out["delivered_date"] = chinese_date(_local_date(delivery.delivered_at))
    if delivery.method == Delivery.Method.PICKUP:
        window = delivery.window or delivery.delivered_by.window
        out.update(
            recipient_name=delivery.recipient_name,
            by_agent=delivery.by_agent,
            window_number=f"{window.number:02d}" if window else "",
            window_name=window.name if window else DELIVERY_CENTER_WINDOW,
        )
    else:
        out.update(
            address=delivery.address,
            carrier=delivery.carrier,
            tracking_number=delivery.tracking_number,
        )
    return out


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
    url = public_url(content.get("progress_path") or progress_path(notice.case.display_number))
    # The rating link (好差评), where an app added one when the notice was issued
    # (``notice_links``): a second QR code at the end, left of the issuer and the date.
    rating = content.get("rating") or {}
    return render_to_string(
        "cases/notices/notice.html",
        {
            "c": content,
            "kind": content.get("kind", notice.kind),
            "number": notice.number,
            "number_css": css_string(notice.number),
            "qr": qr_svg(url),
            "rating_qr": qr_svg(public_url(rating["path"])) if rating.get("path") else "",
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
