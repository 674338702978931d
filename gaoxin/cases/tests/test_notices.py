"""Notices: what each of the four says, frozen when it is issued, rendered to an A4 PDF by the
background worker."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from gaoxin.cases import intake, notices
from gaoxin.cases.intake import Applicant, Intake, MaterialCheck
from gaoxin.cases.models import Case, Notice, Submission
from gaoxin.cases.tasks import render_notice_task
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import services as core_services
from gaoxin.core.identity import mask_resident_id
from gaoxin.core.models import Department, Window
from gaoxin.core.tests.factories import WindowFactory, credit_code, resident_id

APPLICANT_ID = resident_id(order=321)
REFUSAL_REASON = "申请事项依法不属于本机关职权范围"
REFUSAL_BASIS = "《中华人民共和国行政许可法》第三十二条第一款第（二）项"
PROMISE = "本单位承诺于约定期限内补齐食品安全管理制度文本，逾期未补齐的，自愿承担相应责任。"


# --- Set-up: a zone, a window with its clerk, an item ---------------------------------------


@pytest.fixture
def window(db) -> Window:
    return WindowFactory(number=1, name="综合受理窗口", kind=Window.Kind.INTAKE)


@pytest.fixture
def window_clerk(clerk, window):
    clerk.window = window
    clerk.save()
    return clerk


@pytest.fixture
def item(approval_bureau: Department, zone) -> ServiceItem:
    return make_item(approval_bureau, name="食品经营许可")


def person() -> Applicant:
    return Applicant(kind="person", name="李娜", id_number=APPLICANT_ID, phone="13891234567")


def enterprise() -> Applicant:
    return Applicant(
        kind="enterprise",
        name="咸阳华星电子科技有限公司",
        credit_code=credit_code(),
        legal_representative="王建华",
        phone="029-33261234",
        agent_name="赵强",
        agent_id_number=resident_id(order=555),
    )


def checks(
    item: ServiceItem, states: dict[str, tuple[str, str]] | None = None
) -> list[MaterialCheck]:
    """Everything received (conditional materials do not apply), except ``states``:
    material name → (state, problem)."""
    result = []
    for material in item.materials.all():
        state, problem = (states or {}).get(material.name, ("", ""))
        if not state:
            state = (
                Submission.State.NOT_APPLICABLE
                if material.need == Material.Need.CONDITIONAL
                else Submission.State.RECEIVED
            )
        copies = material.copies if state == Submission.State.RECEIVED else 0
        result.append(MaterialCheck(material.pk, state, problem, copies))
    return result


def issue(kind: str, clerk, window: Window, item: ServiceItem) -> Case:
    """A case whose intake ended with a notice of ``kind``."""
    if kind == Notice.Kind.ACCEPTANCE:
        return intake.accept(actor=clerk, intake=Intake(item, person(), checks(item), window))
    if kind == Notice.Kind.DEFICIENCY:
        owed = checks(item, {"食品安全管理制度文本": (Submission.State.OWED, "")})
        return intake.accept_with_deficiency(
            actor=clerk,
            intake=Intake(item, enterprise(), owed, window),
            due=timezone.localdate() + dt.timedelta(days=1),
            promise=PROMISE,
        )
    if kind == Notice.Kind.CORRECTION:
        wrong = checks(
            item,
            {
                "营业执照": (Submission.State.MISSING, ""),
                "食品经营许可申请书": (Submission.State.FAULTY, "未加盖公章"),
            },
        )
        return intake.request_correction(actor=clerk, intake=Intake(item, person(), wrong, window))
    return intake.refuse(
        actor=clerk,
        intake=Intake(item, person(), checks(item), window),
        reason=REFUSAL_REASON,
        basis=REFUSAL_BASIS,
        authority="咸阳市市场监督管理局",
    )


def poppler(tool: str, *args: str) -> bytes:
    """Run one of Debian's poppler-utils on files this test wrote."""
    executable = shutil.which(tool)
    assert executable, f"{tool} is not installed (apt-get install poppler-utils)"
    return subprocess.run([executable, *args], check=True, capture_output=True).stdout


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    text = poppler("pdftotext", "-enc", "UTF-8", str(path), "-").decode()
    return "".join(text.split())  # lines break anywhere in Chinese text


def first_page_ink(pdf: bytes, tmp_path: Path) -> float:
    """The share of the first page (rendered at 50 dpi) that is not white."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    poppler("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p"))
    (png,) = tmp_path.glob("p*.png")
    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        assert (width, height) == pytest.approx((413, 585), abs=2)  # A4 at 50 dpi
        dark = sum(grey.histogram()[:200])
    return dark / (width * height)


# --- Each kind says what it must ------------------------------------------------------------

TITLES = {
    Notice.Kind.ACCEPTANCE: "受理通知书",
    Notice.Kind.DEFICIENCY: "容缺受理通知书",
    Notice.Kind.CORRECTION: "一次性告知书",
    Notice.Kind.REFUSAL: "不予受理通知书",
}


@pytest.mark.parametrize("kind", list(TITLES))
def test_each_notice_renders_to_an_a4_pdf_with_its_title_number_and_applicant(
    kind, window_clerk, window, item, tmp_path
):
    case = issue(kind, window_clerk, window, item)
    notice = case.notices.get()
    assert notice.kind == kind

    pdf = notices.render_pdf(notice)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert TITLES[kind] in text
    assert notice.number in text
    assert case.applicant_name in text
    assert case.display_number in text
    assert "扫码查询办理进度" in text
    assert "—1—" in text  # the page number, GB/T 9704 style
    assert notice.content["issued_date"] in text
    assert first_page_ink(pdf, tmp_path) > 0.02


def test_the_acceptance_notice_cites_the_law_and_gives_the_deadline(
    window_clerk, window, item, tmp_path
):
    case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    content = case.notices.get().content
    assert content["title"] == "受理通知书"
    # The window hands it out on the owning department's behalf.
    assert content["issuer"] == "咸阳高新区政务服务中心"
    assert content["on_behalf_of"] == "行政审批服务局"
    assert content["case_number"] == case.number
    assert content["receipt_number"] == case.receipt_number
    assert content["item"] == {
        "name": "食品经营许可",
        "code": item.code,
        "version": 1,
        "kind": "licensing",
        "is_licensing": True,
        "result_name": "食品经营许可证",
    }
    assert content["accepted"]["deadline"] == notices.chinese_date(case.deadline)
    assert content["accepted"]["promised_days"] == 5
    assert content["clerk"] == {
        "name": "王丽",
        "window_number": "01",
        "window_name": "综合受理窗口",
    }
    assert [m["name"] for m in content["materials_received"]] == [
        "食品经营许可申请书",
        "营业执照",
        "食品安全管理制度文本",
    ]
    assert content["progress_path"] == f"/progress/?number={case.number}"
    json.dumps(content)  # stored as JSON

    text = pdf_text(notices.render_pdf(case.notices.get()), tmp_path)
    assert "经审查，申请材料齐全、符合法定形式" in text
    assert "《中华人民共和国行政许可法》第三十二条第一款第（五）项" in text
    assert f"将于{content['accepted']['deadline']}前" in text
    assert "行政审批服务局" in text
    assert "食品安全管理制度文本" in text
    assert "王丽" in text
    # The resident ID is personal data: masked on the notice.
    assert mask_resident_id(APPLICANT_ID) in text
    assert APPLICANT_ID not in text


def test_a_deadline_in_a_year_without_holidays_is_marked_provisional(
    window_clerk, window, item, tmp_path
):
    case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    assert case.deadline_provisional  # no calendar year entered in this test
    content = case.notices.get().content
    assert content["accepted"]["provisional"] is True
    assert content["accepted"]["provisional_text"] == "（暂定，待节假日安排公布后确认）"
    assert "（暂定，待节假日安排公布后确认）" in pdf_text(
        notices.render_pdf(case.notices.get()), tmp_path
    )


def test_a_deadline_counted_on_a_known_calendar_is_not_provisional(window_clerk, window, item):
    core_services.seed_calendar_from_package()
    case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    if case.deadline_provisional:  # today's date reaches past the package's last year
        pytest.skip("the deadline falls into a year the calendar package does not know")
    accepted = case.notices.get().content["accepted"]
    assert accepted["provisional"] is False
    assert accepted["provisional_text"] == ""


def test_the_deficiency_notice_lists_what_is_owed_by_when_and_the_promise(
    window_clerk, window, item, tmp_path
):
    case = issue(Notice.Kind.DEFICIENCY, window_clerk, window, item)
    content = case.notices.get().content
    assert content["issuer"] == "咸阳高新区政务服务中心"
    assert content["deficiency"]["owed"] == [
        {"name": "食品安全管理制度文本", "form": "原件", "copies": 1}
    ]
    assert content["deficiency"]["due"] == notices.chinese_date(case.deficiency_due)
    assert content["deficiency"]["promise"] == PROMISE
    # An enterprise: its credit code is public and shown in full; the agent's ID is masked.
    assert content["applicant"]["id_label"] == "统一社会信用代码"
    assert content["applicant"]["id_value"] == case.credit_code
    assert content["applicant"]["agent_id"] == mask_resident_id(case.agent_id_number)

    text = pdf_text(notices.render_pdf(case.notices.get()), tmp_path)
    assert f"请于{content['deficiency']['due']}前补齐下列材料" in text
    assert "".join(PROMISE.split()) in text
    assert case.credit_code in text
    assert case.agent_id_number not in text


def test_the_correction_notice_tells_everything_to_complete_at_once(
    window_clerk, window, item, tmp_path
):
    case = issue(Notice.Kind.CORRECTION, window_clerk, window, item)
    content = case.notices.get().content
    assert content["title"] == "一次性告知书"
    assert content["subtitle"] == "（补正材料通知书）"
    assert content["issuer"] == "行政审批服务局"
    assert content["case_number"] == ""
    assert content["progress_path"] == f"/progress/?number={case.receipt_number}"
    assert [(p["name"], p["problem"]) for p in content["correction"]["problems"]] == [
        ("食品经营许可申请书", "未加盖公章"),
        ("营业执照", "未提交"),
    ]

    text = pdf_text(notices.render_pdf(case.notices.get()), tmp_path)
    assert "（补正材料通知书）" in text
    assert "第三十二条第一款第（四）项" in text
    assert "一次性告知你（单位）需要补正的全部内容" in text
    assert "未加盖公章" in text
    assert "未提交" in text
    assert "咸阳高新区政务服务中心01号窗口" in text


def test_the_refusal_notice_gives_reason_basis_authority_and_remedies(
    window_clerk, window, item, tmp_path
):
    case = issue(Notice.Kind.REFUSAL, window_clerk, window, item)
    content = case.notices.get().content
    assert content["issuer"] == "行政审批服务局"
    assert content["refusal"] == {
        "reason": REFUSAL_REASON,
        "basis": REFUSAL_BASIS,
        "authority": "咸阳市市场监督管理局",
        "remedies": notices.REMEDIES,
    }

    text = pdf_text(notices.render_pdf(case.notices.get()), tmp_path)
    assert f"经审查，{REFUSAL_REASON}。根据{REFUSAL_BASIS}的规定，决定不予受理。" in text
    assert "请向咸阳市市场监督管理局提出申请" in text
    assert (
        "申请人如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
        "或者在六个月内依法提起行政诉讼。"
    ) in text


def page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = poppler("pdfinfo", str(path)).decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def test_every_page_carries_the_number_the_page_number_and_the_qr_code(
    window_clerk, window, item, tmp_path
):
    # An enterprise through an agent, with what it owes: a notice of more than one page.
    case = issue(Notice.Kind.DEFICIENCY, window_clerk, window, item)
    notice = case.notices.get()
    pdf = notices.render_pdf(notice)
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = "".join(
            poppler("pdftotext", "-f", str(page), "-l", str(page), str(path), "-").decode().split()
        )
        assert f"编号：{notice.number}" in text
        assert f"—{page}—" in text
        assert "扫码查询办理进度" in text


def test_the_qr_code_on_every_page_reads_as_the_progress_page(
    window_clerk, window, item, tmp_path, settings
):
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        pytest.skip("zbarimg (Debian zbar-tools) is not installed")
    settings.PUBLIC_BASE_URL = "https://zwfw.xygx.gov.cn"
    case = issue(Notice.Kind.DEFICIENCY, window_clerk, window, item)
    pdf = notices.render_pdf(case.notices.get())
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    poppler("pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "qr"))
    images = sorted(tmp_path.glob("qr*.png"))
    assert len(images) == page_count(pdf, tmp_path)
    others = []
    for image in images:
        decoded = subprocess.run(
            [zbarimg, "--quiet", "--raw", str(image)], check=True, capture_output=True
        ).stdout.decode()
        codes = decoded.split()
        assert f"https://zwfw.xygx.gov.cn/progress/?number={case.number}" in codes
        others += [code for code in codes if "/progress/" not in code]
    # Besides, once, near the end: the rating link of the 好差评, when the ratings are installed.
    assert len(others) <= 1


# --- A notice handed out never changes --------------------------------------------------------


def test_the_notice_keeps_what_it_said_when_the_case_and_catalog_change(
    window_clerk, window, item, approval_bureau, tmp_path
):
    case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    notice = case.notices.get()
    before = json.loads(json.dumps(notice.content))

    Case.objects.filter(pk=case.pk).update(
        applicant_name="张三", deadline=case.deadline + dt.timedelta(days=30)
    )
    ServiceItem.objects.filter(pk=item.pk).update(name="食品经营许可（新）", promised_days=3)
    Material.objects.filter(item=item).update(name="改名的材料")
    Department.objects.filter(pk=approval_bureau.pk).update(name="另一个局")
    Window.objects.filter(pk=window.pk).update(name="改名的窗口")

    notice = Notice.objects.get(pk=notice.pk)
    assert notice.content == before
    text = pdf_text(notices.render_pdf(notice), tmp_path)
    assert "李娜" in text
    assert "张三" not in text
    assert "另一个局" not in text
    assert "改名的材料" not in text


# --- Rendering in the background ------------------------------------------------------------


def test_issuing_a_notice_enqueues_its_rendering_after_commit(
    window_clerk, window, item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    notice = case.notices.get()
    assert not DBTaskResult.objects.exists()  # nothing queued before the commit

    for callback in callbacks:
        callback()

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "gaoxin.cases.tasks.render_notice_task"
    assert queued.args_kwargs == {"args": [str(notice.pk)], "kwargs": {}}
    assert notice.rendered_at is None


def test_the_task_stores_the_pdf_once(window_clerk, window, item):
    case = issue(Notice.Kind.ACCEPTANCE, window_clerk, window, item)
    notice = case.notices.get()

    render_notice_task.call(str(notice.pk))

    notice.refresh_from_db()
    assert notice.rendered_at is not None
    assert notice.pdf.name.startswith("notices/")
    assert notice.pdf.name.endswith(f"/{notice.number}.pdf")
    with notice.pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    first = (notice.pdf.name, notice.rendered_at)

    render_notice_task.call(str(notice.pk))  # a second run (a retried task) does nothing
    notices.render(notice)
    notice.refresh_from_db()
    assert (notice.pdf.name, notice.rendered_at) == first


def test_the_task_for_a_notice_that_is_gone_does_nothing(db):
    assert render_notice_task.call(str(uuid.uuid4())) is None


def test_the_worker_renders_a_notice_issued_in_a_committed_transaction(
    transactional_db, window_clerk, window, item, settings
):
    settings.WORKER_HEARTBEAT_SECONDS = 60
    case = issue(Notice.Kind.REFUSAL, window_clerk, window, item)  # commits: autocommit
    notice = case.notices.get()
    assert DBTaskResult.objects.count() == 1

    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)

    notice.refresh_from_db()
    assert notice.rendered_at is not None
    with notice.pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# --- Small parts ----------------------------------------------------------------------------


def test_dates_are_written_the_chinese_way():
    assert notices.chinese_date(dt.date(2026, 11, 23)) == "2026年11月23日"
    assert notices.chinese_date(dt.date(2027, 1, 5)) == "2027年1月5日"
    assert notices.chinese_date(None) == ""


def test_the_qr_code_points_at_the_public_progress_page(settings):
    path = notices.progress_path("XYGX20261123000001")
    assert path == "/progress/?number=XYGX20261123000001"
    del settings.PUBLIC_BASE_URL
    assert notices.public_url(path) == "http://127.0.0.1:8000" + path
    settings.PUBLIC_BASE_URL = "https://zwfw.xygx.gov.cn/"
    assert notices.public_url(path) == "https://zwfw.xygx.gov.cn" + path
    svg = notices.qr_svg(notices.public_url(path))
    assert svg.startswith("<svg") and "viewBox" in svg


def test_a_number_cannot_break_out_of_the_stylesheet():
    escaped = notices.css_string('A-1"}</style>')
    assert escaped == "A-1\\000022\\00007d\\00003c/style\\00003e"
    assert not set("\"{}<>;'") & set(escaped.replace("\\", ""))
