"""What every case service writes besides the case itself: the history row, the audit entry
and, where the applicant is told in writing, the notice (rendered by the worker after commit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gaoxin.cases import notice_links
from gaoxin.cases.models import Case, CaseEvent, Notice
from gaoxin.core import audit
from gaoxin.core.models import User

# Two letters per kind in a notice's number, distinct so no two documents share a number.
NOTICE_CODES: dict[str, str] = {
    Notice.Kind.ACCEPTANCE: "AC",
    Notice.Kind.DEFICIENCY: "DE",
    Notice.Kind.CORRECTION: "CO",
    Notice.Kind.REFUSAL: "RE",
    Notice.Kind.RESULT: "JD",  # 决定
    Notice.Kind.DENIAL: "BY",  # 不予
    Notice.Kind.SUSPENSION: "TB",  # 特别程序
    Notice.Kind.RESUMPTION: "TJ",  # 特别程序结果
    Notice.Kind.EXTENSION: "YQ",  # 延期
    Notice.Kind.TERMINATION: "ZZ",  # 终止
    Notice.Kind.COMPLETION: "BJ",  # 办结
}
assert set(NOTICE_CODES) == set(Notice.Kind.values)
assert len(set(NOTICE_CODES.values())) == len(NOTICE_CODES)


# Called with each history row and its case, inside the transaction that writes them: apps
# above this one (the statistics' summary counts) keep their own figures in step without
# this app importing them. Filled in their AppConfig.ready().
EVENT_LISTENERS: list[Callable[[CaseEvent, Case], None]] = []
# The same, called once with the rows one call of ``log_all`` writes together (an intake's
# receipt and its end), in order: the statistics add them up into one update per row.
BATCH_LISTENERS: list[Callable[[list[CaseEvent], Case], None]] = []


def listen(listener: Callable[[CaseEvent, Case], None]) -> None:
    if listener not in EVENT_LISTENERS:
        EVENT_LISTENERS.append(listener)


def listen_all(listener: Callable[[list[CaseEvent], Case], None]) -> None:
    if listener not in BATCH_LISTENERS:
        BATCH_LISTENERS.append(listener)


@dataclass(frozen=True)
class Move:
    """One history row to write: the action and the status before and after it."""

    action: str
    before: str
    after: str
    note: str = ""
    data: dict[str, Any] | None = None


def log(
    case: Case,
    actor: User | None,
    action: str,
    before: str,
    after: str,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    return log_all(case, actor, [Move(action, before, after, note, data)])[0]


def log_all(case: Case, actor: User | None, moves: Sequence[Move]) -> list[CaseEvent]:
    """The history rows of ``moves``, in order, written in one statement."""
    events = [
        CaseEvent(
            case=case,
            actor=actor,
            action=move.action,
            from_status=move.before,
            to_status=move.after,
            note=move.note,
            data=move.data or {},
        )
        for move in moves
    ]
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        CaseEvent.objects.bulk_create(events)
    for event in events:
        for listener in EVENT_LISTENERS:
            listener(event, case)
    for batch_listener in BATCH_LISTENERS:
        batch_listener(events, case)
    return events


def issue_notice(actor: User | None, case: Case, kind: str) -> Notice:
    """Freeze the notice's content now and render its PDF once the transaction commits."""
    return _issue(_draft_notice(actor, case, kind))


def _draft_notice(actor: User | None, case: Case, kind: str) -> Notice:
    """The notice with its content frozen, not yet numbered nor saved."""
    from gaoxin.cases.notices import notice_content

    content = notice_content(case, kind, clerk=actor)
    # What apps above this one add (the rating link of the 好差评), frozen with the rest.
    content.update(notice_links.additions(case, kind, content))
    return Notice(case=case, kind=kind, created_by=actor, content=content)


def _issue(notice: Notice) -> Notice:
    from gaoxin.cases.notices import number_fields, schedule_render

    case = notice.case
    issued = 0 if case.being_received else case.notices.filter(kind=notice.kind).count()
    notice.number = f"{case.display_number}-{NOTICE_CODES[notice.kind]}{issued + 1:02d}"
    # The case's numbers as they are now: a caller may take them after the draft was made.
    notice.content.update(number_fields(case))
    notice.save(force_insert=True)
    if case.being_received:
        case.remember("notices", [notice])
    schedule_render(notice)
    return notice


def record(
    actor: User | None,
    case: Case,
    action: str,
    before: str,
    after: str,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    notice_kind: str = "",
    before_numbering: Callable[[], None] | None = None,
    earlier: Sequence[Move] = (),
) -> Notice | None:
    """The history row, the notice (if any) and the audit entry of one action on a case.
    ``earlier`` are rows of the same transaction written with it, before it (an intake's
    receipt, with the intake's end).

    ``before_numbering`` runs after the history row and the notice's content are written and
    before the notice takes the case's number: an intake takes its numbers there, so the day's
    counters stay locked only for the last few writes before its commit."""
    log_all(case, actor, [*earlier, Move(action, before, after, note, data)])
    draft = _draft_notice(actor, case, notice_kind) if notice_kind else None
    if before_numbering is not None:
        before_numbering()
    notice = _issue(draft) if draft is not None else None
    changes: dict[str, Any] = {"status": [before, after], **(data or {})}
    if notice is not None:
        changes["notice"] = notice.number
    audit.record(f"cases.{action}", actor=actor, obj=case, changes=changes)
    return notice
