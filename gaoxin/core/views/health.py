from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult

from gaoxin.core.models import WorkerHeartbeat


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and background-worker status for the load balancer and for monitoring.
    Answers 503 when the database is unreachable; a stopped worker is reported, not fatal,
    because pages still work without it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = {"status": "ok", "vendor": connection.vendor}
    except Exception as error:  # noqa: BLE001 - any failure means "down" to a health check
        return JsonResponse(
            {"status": "error", "database": {"status": "error", "error": str(error)[:200]}},
            status=503,
        )

    now = timezone.now()
    alive = WorkerHeartbeat.objects.filter(
        seen_at__gte=now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    )
    last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    worker = {
        "status": "ok" if alive.exists() else "down",
        "workers": alive.count(),
        "last_seen": last.isoformat() if last else None,
        "queued_tasks": ready.count(),
        "oldest_queued_seconds": round((now - oldest).total_seconds()) if oldest else 0,
    }
    return JsonResponse(
        {
            "status": "ok" if worker["status"] == "ok" else "degraded",
            "database": database,
            "worker": worker,
        }
    )
