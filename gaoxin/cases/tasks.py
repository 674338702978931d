"""Background work of the cases app, run by the database-backed worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from gaoxin.cases import notices
from gaoxin.cases.models import Notice


@task()
def render_notice_task(notice_id: str) -> None:
    """Render a notice's PDF. A notice deleted in the meantime is nothing to do."""
    notice = Notice.objects.select_related("case").filter(pk=notice_id).first()
    if notice is None:
        return
    notices.render(notice)
