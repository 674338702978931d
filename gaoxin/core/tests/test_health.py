"""/healthz tells monitoring whether the database answers and a worker is running."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from gaoxin.core.models import WorkerHeartbeat


def test_without_a_worker_the_platform_is_degraded_but_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["status"] == "ok"
    assert body["worker"]["status"] == "down"
    assert body["status"] == "degraded"


def test_a_recent_heartbeat_means_the_worker_is_up(client, db):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="app1", pid=123, started_at=now, seen_at=now
    )
    body = client.get(reverse("healthz")).json()
    assert body["status"] == "ok"
    assert body["worker"]["workers"] == 1


def test_a_stale_heartbeat_means_the_worker_is_down(client, db):
    old = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="app1", pid=123, started_at=old, seen_at=old
    )
    assert client.get(reverse("healthz")).json()["worker"]["status"] == "down"


@task()
def report_heartbeat() -> int:
    return WorkerHeartbeat.objects.count()


def test_the_worker_runs_tasks_beats_while_it_runs_and_clears_when_it_stops(
    transactional_db, settings
):
    settings.WORKER_HEARTBEAT_SECONDS = 60  # only the first, synchronous beat in this test
    result = report_heartbeat.enqueue()
    # --batch: run what is queued and stop, like a worker shut down cleanly.
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.return_value == 1  # the task saw its own worker's heartbeat
    assert not WorkerHeartbeat.objects.exists()
