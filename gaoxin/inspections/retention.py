"""Recordings, stills and the applicant's files are kept until their ``keep_until`` date (the
retention period, ``settings.GAOXIN_INSPECTION_RETENTION_DAYS``), then their files are removed
by the daily job registered in the app's ready(). The rows stay, with their sizes and SHA-256,
as the record that the files existed and what they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gaoxin.inspections.models import ApplicantFile, Recording, Still


def purge_expired(today: dt.date) -> int:
    """Remove the files kept past their date; returns how many were removed."""
    removed = 0
    now = timezone.now()
    querysets: list[QuerySet[Any]] = [
        Recording.objects.filter(status=Recording.Status.FINISHED),
        Still.objects.all(),
        ApplicantFile.objects.all(),
    ]
    for rows in querysets:
        for row in rows.filter(keep_until__lt=today, purged_at__isnull=True).iterator():
            if row.file:
                row.file.delete(save=False)
            row.purged_at = now
            row.save(update_fields=["file", "purged_at"])
            removed += 1
    return removed
