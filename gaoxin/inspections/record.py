"""The inspection record (勘验记录) as an A4 PDF, in the notices' layout (GB/T 9704 after
``gaoxin.cases.notices``: its stylesheet, the case number and a QR code to the progress page on
every page). The text is a Chinese official document, not UI strings: no gettext here.

It lists the site, the date, who took part, each checklist point with the finding and the
stills taken of it (with their SHA-256), the recordings (start, length, SHA-256), the files the
applicant uploaded, the instructions the room sent to the phone during the session with their
times, the conclusion, and the inspector's signature: the name, the time and the
SHA-256 of the record as signed (``live.record_digest``).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from gaoxin.cases.notices import chinese_date, css_string, progress_path, public_url, qr_svg
from gaoxin.inspections.models import Inspection

CONCLUSION_TEXT = {"pass": "通过", "rectify": "整改后复查", "fail": "不通过"}


def _minutes(seconds: float | None) -> str:
    if not seconds:
        return "—"
    whole = round(seconds)
    return f"{whole // 60}分{whole % 60:02d}秒"


def context(inspection: Inspection) -> dict[str, Any]:
    case = inspection.case
    stills = list(inspection.stills.order_by("point", "taken_at"))
    points = [
        {
            "n": i + 1,
            "label": label,
            "finding": inspection.findings.get(str(i), ""),
            "stills": [s for s in stills if s.point == i],
        }
        for i, label in enumerate(inspection.checklist)
    ]
    recordings = [
        {
            "start": timezone.localtime(r.started_at),
            "length": _minutes(r.length_seconds),
            "size": r.size,
            "sha256": r.sha256,
            "missing": len(r.missing),
        }
        for r in inspection.recordings.order_by("started_at")
    ]
    number = case.display_number
    return {
        "inspection": inspection,
        "case": case,
        "number": number,
        "number_css": css_string(number),
        "qr": qr_svg(public_url(progress_path(number))),
        "date": chinese_date(inspection.record_date),
        "points": points,
        "recordings": recordings,
        "applicant_files": list(inspection.applicant_files.order_by("uploaded_at")),
        "instructions": [
            {"at": timezone.localtime(i.sent_at), "text": i.text}
            for i in inspection.instructions.order_by("sent_at", "pk")
        ],
        "conclusion": CONCLUSION_TEXT.get(inspection.conclusion, ""),
        "remote": inspection.remote,
        "inspector": inspection.concluded_by,
        "signed_at": timezone.localtime(inspection.concluded_at)
        if inspection.concluded_at
        else None,
        "department": case.department,
    }


def render_html(inspection: Inspection) -> str:
    return render_to_string("inspections/record.html", context(inspection))


def render_pdf(inspection: Inspection) -> bytes:
    from weasyprint import HTML  # heavy import: only where a PDF is made

    from gaoxin.cases.notices import _fetch_nothing

    pdf = HTML(
        string=render_html(inspection), base_url=None, url_fetcher=_fetch_nothing
    ).write_pdf()
    assert pdf is not None
    return bytes(pdf)
