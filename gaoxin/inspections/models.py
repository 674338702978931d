"""Site inspections (现场踏勘 / 远程踏勘): the request, the room calendar and the appointments.

A case reaches its inspection step (``gaoxin.catalog.steps``): the back office opens the
special procedure (特别程序) of kind ``inspection`` and the case's clock stops. The inspector
then *requests* the inspection here (:class:`Inspection`, linked to that suspension), with a
checklist of points to see; the applicant books an :class:`Appointment` (a slot of the
inspection room's calendar, ``gaoxin.inspections.hours``) on the phone, or staff book it for
them by phone. Several departments may join one inspection; their inspectors, named as
participants, are booked with the lead inspector (:class:`Attendance`), so nobody is in two
inspections at once.

The live session (``gaoxin.inspections.live``, signalling in ``signalling``):
- :class:`LiveSession`: one per appointment held by video: when the two sides first met, how
  often each connected (a reconnect counts).
- :class:`Recording`: the WebM the room's browser records (MediaRecorder), uploaded in chunks of
  two seconds (:class:`RecordingChunk`, numbered) and assembled when it stops: its length, start
  and end, size and SHA-256.
- :class:`Still`: a photo taken for a checklist point (``point`` = the index in ``checklist``).
- :class:`Instruction`: a line of text the room sent to the phone during the session ("请拍一下
  消防通道"), kept with its time; the inspection record prints them.
- :class:`ApplicantFile`: a video or photo the applicant uploads from the phone page when the
  live video fails; the inspector decides from those.
- The inspection record (勘验记录) fills the record fields of :class:`Inspection` (site, date,
  participants, findings per point, conclusion, signed by the inspector, the PDF), and its
  conclusion ends the inspection step: the special procedure ends and the clock resumes.

Recordings, stills and the applicant's files are kept until ``keep_until``
(``settings.GAOXIN_INSPECTION_RETENTION_DAYS`` after they were made: the catalog sets no period
of its own yet), then the files are removed by the daily job (``retention``); their rows, sizes
and hashes stay as the record that they existed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.cases.models import Case, Suspension
from gaoxin.core.models import Department, User


class InspectionRoom(models.Model):
    """A room with the big screen and the camera where inspectors hold remote inspections."""

    name = models.CharField(_("name"), max_length=60, unique=True)  # e.g. 远程踏勘室一
    location = models.CharField(_("location"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("inspection room")
        verbose_name_plural = _("inspection rooms")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """One site inspection of a case, from the inspector's request to its record."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a booking")
        BOOKED = "booked", _("Booked")
        HELD = "held", _("Held")
        CONCLUDED = "concluded", _("Concluded")
        CANCELLED = "cancelled", _("Cancelled")

    class Conclusion(models.TextChoices):
        PASS = "pass", _("Passed")  # 通过
        RECTIFY = "rectify", _("Rectify and re-inspect")  # 整改后复查
        FAIL = "fail", _("Failed")  # 不通过

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="inspections"
    )
    # The special procedure the case is in while the inspection runs (its clock is paused).
    suspension = models.ForeignKey(
        Suspension,
        verbose_name=_("special procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    remote = models.BooleanField(_("remote (by video)"), default=True)
    # The points to see on site, in order: ["门头照片", "消防通道", ...].
    checklist = models.JSONField(_("checklist"), default=list)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("participating departments"),
        blank=True,
        related_name="+",
    )
    participants = models.ManyToManyField(
        User,
        verbose_name=_("participating inspectors"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    # The inspection record (勘验记录), filled in by the next part.
    findings = models.JSONField(_("findings per point"), default=dict, blank=True)
    conclusion = models.CharField(
        _("conclusion"), max_length=8, choices=Conclusion.choices, blank=True, default=""
    )
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The rest of the record (勘验记录): where and when, who took part, the room's notes taken
    # during the session, the inspector's signature (the SHA-256 of the record as signed) and
    # the PDF that joins the case.
    site = models.CharField(_("site"), max_length=300, blank=True)
    record_date = models.DateField(_("date of the inspection"), null=True, blank=True)
    record_participants = models.TextField(_("participants"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    signature = models.CharField(_("signature (SHA-256)"), max_length=64, blank=True)
    record_pdf = models.FileField(
        _("inspection record (PDF)"), upload_to="inspections/records/%Y/%m/", blank=True
    )

    class Meta:
        verbose_name = _("site inspection")
        verbose_name_plural = _("site inspections")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["requested", "booked", "held"]),
                name="inspection_one_open_per_case",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


OPEN = frozenset({Inspection.Status.REQUESTED, Inspection.Status.BOOKED, Inspection.Status.HELD})
# An appointment in these states holds its room and its people at its time.
OCCUPYING = ("booked", "held")


class Appointment(models.Model):
    """A slot of the calendar booked for an inspection: the room (for a remote one), the lead
    inspector, the time. Rebooking cancels the previous appointment and makes a new one."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")
        MISSED = "missed", _("Missed")

    class Via(models.TextChoices):
        APPLICANT = "applicant", _("By the applicant, on the phone page")
        STAFF = "staff", _("By staff, on a phone call")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="appointments"
    )
    # None for an inspection on site (the inspector goes to the address).
    room = models.ForeignKey(
        InspectionRoom,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    inspector = models.ForeignKey(
        User, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    booked_via = models.CharField(_("booked"), max_length=10, choices=Via.choices)
    booked_by = models.ForeignKey(
        User,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    booked_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    # Each reminder goes out once: the worker that sets the time sends it.
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)
    reminded_soon_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start", "room"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "start"],
                condition=Q(status__in=OCCUPYING),
                name="appointment_room_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["inspector", "start"],
                condition=Q(status__in=OCCUPYING),
                name="appointment_inspector_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(status="booked"),
                name="appointment_one_booked_per_inspection",
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="appointment_ends"),
        ]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.start:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """A person taking part in an appointment: the lead inspector and each participating
    inspector. The slot's start is copied here so that the database forbids anyone being in two
    inspections at the same time, whichever role they have in each."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "start"],
                condition=Q(active=True),
                name="attendance_person_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["appointment", "person"], name="attendance_once_per_appointment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.start:%Y-%m-%d %H:%M}"


# --- The live session and what it leaves in the case ------------------------------------------


class LiveSession(models.Model):
    """The live video of one appointment: who connected when (the signalling notes it)."""

    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="live_session"
    )
    first_joined_at = models.DateTimeField(_("first connection"))
    # When both sides were first connected at once: the session began.
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    last_joined_at = models.DateTimeField(_("last connection"))
    room_joins = models.PositiveIntegerField(default=0)
    phone_joins = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    def __str__(self) -> str:
        return f"{self.appointment_id}"

    @property
    def reconnects(self) -> int:
        return max(self.phone_joins - 1, 0)


class Recording(models.Model):
    """The room's recording of the live video, assembled from its chunks when it stops."""

    class Status(models.TextChoices):
        RECORDING = "recording", _("Recording")
        FINISHED = "finished", _("Finished")

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="recordings")
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="recordings"
    )
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    length_seconds = models.FloatField(_("length (seconds)"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECORDING)
    content_type = models.CharField(max_length=60, default="video/webm")
    file = models.FileField(upload_to="inspections/recordings/%Y/%m/", blank=True)
    size = models.BigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    chunk_count = models.PositiveIntegerField(_("chunks"), default=0)
    # Chunk numbers that never arrived (a gap of a few seconds each), noted when assembled.
    missing = models.JSONField(default=list, blank=True)
    keep_until = models.DateField(_("kept until"))
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(status="recording"),
                name="recording_one_running_per_inspection",
            )
        ]
        indexes = [models.Index(fields=["keep_until"])]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.started_at:%Y-%m-%d %H:%M}"


class RecordingChunk(models.Model):
    """A few seconds of a recording as uploaded, until the recording is assembled."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="chunks")
    seq = models.PositiveIntegerField()
    file = models.FileField(upload_to="inspections/chunks/%Y/%m/")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recording", "seq"], name="recording_chunk_once")
        ]

    def __str__(self) -> str:
        return f"{self.recording_id}#{self.seq}"


class Still(models.Model):
    """A photo of a checklist point, taken by the room from the live video."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="stills")
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="stills"
    )
    point = models.PositiveSmallIntegerField(_("checklist point"))
    point_label = models.CharField(_("point"), max_length=100)
    taken_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(_("taken at"))
    content_type = models.CharField(max_length=60, default="image/jpeg")
    file = models.FileField(upload_to="inspections/stills/%Y/%m/", blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    keep_until = models.DateField(_("kept until"))
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("still")
        verbose_name_plural = _("stills")
        ordering = ["point", "taken_at"]
        indexes = [models.Index(fields=["keep_until"])]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.point_label}"


class Instruction(models.Model):
    """A line of text the room sent to the applicant's phone during the live session, as the
    signalling relayed it: kept with its time, and printed in the inspection record."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="instructions"
    )
    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, related_name="instructions"
    )
    text = models.CharField(_("instruction"), max_length=500)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        User, verbose_name=_("sent by"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.text[:30]}"


class ApplicantFile(models.Model):
    """A video or photo the applicant uploaded from the phone page (when live video fails)."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="applicant_files"
    )
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content_type = models.CharField(max_length=60)
    file = models.FileField(upload_to="inspections/applicant/%Y/%m/", blank=True)
    name = models.CharField(_("file name"), max_length=200, blank=True)
    note = models.CharField(_("what it shows"), max_length=200, blank=True)
    size = models.BigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    keep_until = models.DateField(_("kept until"))
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("applicant's file")
        verbose_name_plural = _("applicant's files")
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["keep_until"])]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.name}"
