"""Cross-zone handling (跨区通办) between Gaoxin deployments: who our partners are, the keys
we sign with and check against, the partner items we may receive on their behalf, and the
messages between us.

Every message goes out through ``OutboxMessage``, written in the same transaction as the
change it reports, and is delivered by the worker until the partner has acknowledged it
(at least once). The partner's ``InboxMessage`` table holds each message id once, written in
the same transaction as its effect, so a message delivered twice changes nothing the second
time (exactly-once effect). Messages to one partner are delivered in ``sequence`` order: a
status change never overtakes the forwarding of its case.

Anything refused at the inbox — unknown partner, unknown key, bad signature, a stale or
replayed request, an item not agreed — is kept in ``RejectedMessage``.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SigningKey(models.Model):
    """One of this zone's Ed25519 key pairs. The newest activated key that is not retired
    signs; older keys stay published until the partners have taken the new one, so nothing in
    flight is lost while a key is rotated.

    A rotated key is first *pending* (``activated_at`` empty): announced to every partner in a
    message signed with the old key, it signs once every active partner has acknowledged that
    message (gaoxin.exchange.keys)."""

    key_id = models.CharField(_("key id"), max_length=40, unique=True)
    # Raw 32-byte keys, base64. The private key never leaves this database.
    private_key = models.CharField(max_length=64, editable=False)
    public_key = models.CharField(_("public key"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When it began to sign; empty while its announcement waits for the partners.
    activated_at = models.DateTimeField(_("signs since"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key_id


class Partner(models.Model):
    """Another zone's deployment we exchange cases with (e.g. 西安高新区)."""

    code = models.CharField(
        _("zone code"),
        max_length=20,
        unique=True,
        help_text=_("The code the partner signs its messages with, e.g. XAGX."),
    )
    name = models.CharField(_("name"), max_length=100)
    base_url = models.URLField(_("address of its platform"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    catalog_refreshed_at = models.DateTimeField(_("catalog refreshed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner zone")
        verbose_name_plural = _("partner zones")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PartnerKey(models.Model):
    """A public key a partner signs with. Several may be valid at once while the partner
    rotates its key; a retired key no longer verifies anything."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys")
    key_id = models.CharField(_("key id"), max_length=40)
    public_key = models.CharField(_("public key"), max_length=64)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")
        ordering = ["partner", "-added_at"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "key_id"], name="partner_key_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.key_id}"


class AgreedItem(models.Model):
    """A partner's item this zone may receive on its behalf (异地代收), as the partner's
    published catalog describes it when last refreshed: enough for the window to check the
    applicant's identity and materials against the partner's list."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("item code"), max_length=40)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    department = models.CharField(_("owning department"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20)
    promised_days = models.PositiveSmallIntegerField(_("promised limit (working days)"))
    # [{"name", "kind", "requirement", "copies", "condition"}] in the partner's order.
    materials = models.JSONField(_("materials"), default=list)
    is_active = models.BooleanField(_("agreed"), default=True)
    fetched_at = models.DateTimeField(_("fetched at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreed item")
        verbose_name_plural = _("agreed items")
        ordering = ["partner", "code"]
        constraints = [models.UniqueConstraint(fields=["partner", "code"], name="agreed_item_once")]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.code} {self.name}"


class OutboxMessage(models.Model):
    """A message for a partner, delivered by the worker until acknowledged."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="outbox")
    # Per partner, from 1: the order the partner applies them in.
    sequence = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["partner", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "sequence"], name="outbox_sequence_once")
        ]
        indexes = [
            models.Index(
                fields=["partner", "sequence"],
                condition=Q(delivered_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}#{self.sequence} {self.kind}"


class InboxMessage(models.Model):
    """A message a partner sent us, applied once: the row is written in the transaction that
    applies it, so its presence means the effect is there."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="inbox")
    message_id = models.UUIDField()
    sequence = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("incoming message")
        verbose_name_plural = _("incoming messages")
        ordering = ["partner", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "message_id"], name="inbox_message_once"),
            models.UniqueConstraint(fields=["partner", "sequence"], name="inbox_sequence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}#{self.sequence} {self.kind}"


class SeenSignature(models.Model):
    """Signatures accepted in the last few minutes: the same signed request arriving again
    is a replay. A retry is signed afresh, so it is not one. Older rows are pruned: a request
    older than the allowed clock skew is refused as stale anyway."""

    digest = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.digest


class RejectedMessage(models.Model):
    class Reason(models.TextChoices):
        MALFORMED = "malformed", _("Malformed request")
        UNKNOWN_PARTNER = "unknown_partner", _("Unknown partner")
        UNKNOWN_KEY = "unknown_key", _("Unknown or retired key")
        BAD_SIGNATURE = "bad_signature", _("Bad signature")
        STALE = "stale", _("Stale request")
        REPLAY = "replay", _("Replayed request")
        NOT_AGREED = "not_agreed", _("Item not agreed")
        OUT_OF_ORDER = "out_of_order", _("Out of order")
        INVALID = "invalid", _("Invalid content")
        TOO_LARGE = "too_large", _("Request too large")

    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    partner_code = models.CharField(_("claimed partner"), max_length=20, blank=True)
    message_id = models.CharField(_("message id"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detail = models.TextField(_("detail"), blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("rejected message")
        verbose_name_plural = _("rejected messages")
        ordering = ["-received_at", "-id"]
        # A flood of junk requests must not slow down the partner pages' look-ups by code.
        indexes = [models.Index(fields=["partner_code", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.partner_code} {self.reason}"


# --- The case flow: an application received here for a partner, and one a partner received
# for us. The same ``ref`` (a UUID made by the receiving zone) names it on both sides.


class ForwardedApplication(models.Model):
    """An application this zone's window received on a partner's behalf (异地代收) and
    forwarded: its identity and materials were checked against the partner's list
    (``AgreedItem.materials``); the partner decides under its own clock and reports back."""

    class Status(models.TextChoices):
        FORWARDED = "forwarded", _("Forwarded, awaiting the partner")  # 已转报
        ACCEPTED = "accepted", _("Accepted by the partner")  # 对方已受理
        IN_PROGRESS = "in_progress", _("Being handled by the partner")  # 办理中
        CORRECTION = "correction", _("Correction requested by the partner")  # 需补正
        REFUSED = "refused", _("Refused by the partner")  # 不予受理
        READY = "ready", _("Result ready for delivery here")  # 待出件
        DELIVERED = "delivered", pgettext_lazy("forwarded application", "Delivered")  # 已出件
        ENDED = "ended", _("Ended by the partner")  # 终止 / 撤回

    ref = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner zone"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        AgreedItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    # The item as it was when received (the agreed list is refreshed later).
    item_code = models.CharField(_("item code"), max_length=40)
    item_version = models.PositiveIntegerField(_("version"))
    item_name = models.CharField(_("item"), max_length=200)
    receipt_number = models.CharField(_("receipt number"), max_length=32, unique=True)
    # Applicant and agent, in the fields of ``cases.Case`` (applicant_kind, applicant_name,
    # id_number, credit_code, legal_representative, contact_name, phone, address, agent_*).
    applicant = models.JSONField(_("applicant"), default=dict)
    # [{"name", "requirement", "state", "copies", "files": [file ids]}] in the partner's order.
    materials = models.JSONField(_("materials"), default=list)
    window = models.ForeignKey(
        "core.Window", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_by = models.ForeignKey(
        "core.User", verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.FORWARDED
    )
    # What the partner reports: its case number, its status and deadline.
    remote_number = models.CharField(_("partner's case number"), max_length=32, blank=True)
    remote_status = models.CharField(_("partner's status"), max_length=20, blank=True)
    remote_deadline = models.DateField(_("partner's deadline"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application received for a partner")
        verbose_name_plural = _("applications received for partners")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["received_by", "-received_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt_number


class IncomingApplication(models.Model):
    """An application a partner's window received on this zone's behalf: it waits here until
    a clerk of ours accepts it (受理, which creates the ``cases.Case``), asks for a
    correction or refuses it; the partner is told each step."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for acceptance")  # 待受理
        ACCEPTED = "accepted", _("Accepted")  # 已受理
        CORRECTION = "correction", _("Correction requested")  # 需补正
        REFUSED = "refused", _("Refused")  # 不予受理

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner zone"), on_delete=models.PROTECT, related_name="+"
    )
    ref = models.UUIDField()
    item = models.ForeignKey(
        "catalog.ServiceItem", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    receipt_number = models.CharField(_("partner's receipt number"), max_length=32)
    applicant = models.JSONField(_("applicant"), default=dict)
    materials = models.JSONField(_("materials"), default=list)
    received_at = models.DateTimeField(_("received at the partner"))
    received_by_name = models.CharField(_("received by"), max_length=100, blank=True)
    received_window = models.CharField(_("window"), max_length=100, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_application",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("reason or correction asked for"), blank=True)

    class Meta:
        verbose_name = _("application received by a partner")
        verbose_name_plural = _("applications received by partners")
        ordering = ["-arrived_at"]
        constraints = [models.UniqueConstraint(fields=["partner", "ref"], name="incoming_once")]
        indexes = [models.Index(fields=["status", "arrived_at"])]

    def __str__(self) -> str:
        return self.receipt_number


class ExchangeFile(models.Model):
    """A scan of a material travelling between zones: kept by the sender for its outbox and
    by the receiver once its message arrived (the file's own message, sent before the
    application's, so an application never arrives without its scans)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    ref = models.UUIDField(db_index=True)  # the application's
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8)  # pdf, jpg, png
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to="exchange/%Y/%m/")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class ApplicationEvent(models.Model):
    """One line of the shared history: each side writes the same lines (its own, and those
    the other side reported), so both show the same status history."""

    ref = models.UUIDField(db_index=True)
    at = models.DateTimeField()
    zone = models.CharField(max_length=20)  # the code of the zone where it happened
    action = models.CharField(max_length=40)
    status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["ref", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ref", "zone", "action", "at"], name="application_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.action}"
