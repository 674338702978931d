"""Delivery at the window (综合窗口出件): the result reaches the applicant, and the case is
completed (办结).

Any window clerk hands out results. At pick-up the recipient's ID number is checked against
the case: the applicant (a person), or the agent recorded at intake; anyone else needs the
applicant's letter of authorisation. A signed receipt or a photo of it is kept. By post, the
address and the tracking number are recorded. Either way the applicant is sent the 办结通知.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases import history
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.models import ApplicantKind, Case, Delivery, Notice, PendingUpload
from gaoxin.cases.workflow import Status, check_move
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.identity import normalise_resident_id, validate_resident_id
from gaoxin.core.models import User, Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.sending import send_later
from gaoxin.core.uploads import JPEG, PDF, PNG, check_upload

# A letter of authorisation and a receipt come as a scan or a photo.
DELIVERY_KINDS = (PDF, JPEG, PNG)
# The files a hand-over keeps besides its typed fields, each uploaded and held as it was chosen
# (intake.hold_upload) and named in the delivery form by its id (``<slot>_upload``).
SLOTS = ("authorisation", "receipt")


@dataclass
class Handover:
    method: str
    recipient_name: str = ""
    recipient_id_number: str = ""
    by_agent: bool = False
    # An uploaded file, or a PendingUpload the clerk's desk held (intake.hold_upload).
    authorisation: Any = None
    receipt: Any = None  # the signed receipt, or a photo of it
    address: str = ""
    carrier: str = ""
    tracking_number: str = ""
    window: Window | None = None

    @classmethod
    def from_form(
        cls, form: BaseForm, *, held: Mapping[str, PendingUpload], window: Window | None
    ) -> Handover:
        """The hand-over a valid delivery form (cases.forms.DeliveryForm, or one like it)
        describes, with the files ``held`` for it (:func:`held_uploads`), at ``window``: by
        post, the address, carrier and tracking number, and the receipt; otherwise who
        collects, with the letter of authorisation and the receipt."""
        data = form.cleaned_data
        given = {"method": data["method"], "receipt": held.get("receipt"), "window": window}
        if data["method"] == Delivery.Method.POST:
            return cls(
                address=data["address"],
                carrier=data["carrier"],
                tracking_number=data["tracking_number"],
                **given,
            )
        return cls(
            recipient_name=data["recipient_name"],
            recipient_id_number=data["recipient_id_number"],
            by_agent=data["by_agent"],
            authorisation=held.get("authorisation"),
            **given,
        )


def held_uploads(form: BaseForm, owner: User) -> dict[str, PendingUpload]:
    """The files ``owner`` uploaded for the hand-over a valid delivery form describes, by
    slot (:data:`SLOTS`); an id that is not one of theirs is left out."""
    wanted = {slot: form.cleaned_data.get(f"{slot}_upload") for slot in SLOTS}
    ids = [value for value in wanted.values() if isinstance(value, UUID)]
    found = {u.pk: u for u in PendingUpload.objects.filter(pk__in=ids, owner=owner)}
    return {slot: found[value] for slot, value in wanted.items() if value in found}


def identity_matches(case: Case, id_number: str) -> bool:
    """The recipient is the applicant (a person) or the agent on record."""
    id_number = normalise_resident_id(id_number)
    known = {case.agent_id_number}
    if case.applicant_kind == ApplicantKind.PERSON:
        known.add(case.id_number)
    return bool(id_number) and id_number in known - {""}


@transaction.atomic
def deliver(*, actor: User, case: Case, handover: Handover) -> Case:
    require(actor, Capability.SERVE_AT_WINDOW)
    case = _awaiting(case)
    return _complete(actor, case, handover, check_handover(case, handover))


@transaction.atomic
def deliver_at_partner(*, clerk: User, case: Case, handover: Handover) -> Case:
    """跨区通办: the partner zone that received the application handed the result out at its
    window (it checked who collected it, or posted it) and told us in a signed message. The
    case is completed here as delivered there; ``clerk`` is recorded as ours (the clerk who
    accepted the application), and no one of ours is asked for a permission."""
    case = _awaiting(case)
    if handover.method != Delivery.Method.PARTNER:
        raise DomainError(_("A result handed out at the partner zone is recorded as such."))
    return _complete(clerk, case, handover, {})


def _awaiting(case: Case) -> Case:
    case = Case.objects.select_for_update().select_related("item").get(pk=case.pk)
    if case.status != Status.AWAITING_DELIVERY:
        raise DomainError(
            _("A case that is %(status)s has no result to hand out.")
            % {"status": Status(case.status).label}
        )
    return case


def _complete(actor: User, case: Case, handover: Handover, errors: dict[str, list[str]]) -> Case:
    now = timezone.now()
    delivery = Delivery(
        case=case,
        method=handover.method,
        recipient_name=handover.recipient_name.strip(),
        recipient_id_number=normalise_resident_id(handover.recipient_id_number),
        by_agent=handover.by_agent,
        address=handover.address.strip(),
        carrier=handover.carrier.strip(),
        tracking_number=handover.tracking_number.strip(),
        window=handover.window,
        delivered_at=now,
        delivered_by=actor,
    )
    files: dict[str, tuple[Any, str]] = {}
    held: list[PendingUpload] = []
    for name in ("authorisation", "receipt"):
        upload = getattr(handover, name)
        if isinstance(upload, PendingUpload):
            # A file the clerk uploaded ahead of the hand-over: checked when it was held.
            if upload.owner_id != actor.pk:
                raise NotAllowed(_("This upload belongs to someone else."))
            held.append(upload)
            files[name] = (upload.file.open("rb"), upload.kind)
        elif upload:
            try:
                files[name] = (upload, check_upload(upload, kinds=DELIVERY_KINDS))
            except ValidationError as error:
                errors[name] = list(error.messages)
    if errors:
        raise StepRefused(_("The hand-over is not complete."), errors)
    for name, (content, kind) in files.items():
        getattr(delivery, name).save(f"{case.number}-{name}.{kind}", content, save=False)
    for upload in held:
        upload.file.close()
        _forget_after_commit(upload)
    delivery.save()
    before = case.status
    check_move(before, Status.COMPLETED)
    case.status = Status.COMPLETED
    case.completed_at = now
    case.save()
    history.record(
        actor,
        case,
        "deliver",
        before,
        case.status,
        data={"method": handover.method},
        notice_kind=Notice.Kind.COMPLETION,
    )
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.number}）已办结，"
        + _sms_result(delivery),
    )
    return case


def _sms_result(delivery: Delivery) -> str:
    if delivery.method == Delivery.Method.POST or delivery.tracking_number:
        return f"结果已寄出，快递单号{delivery.tracking_number}。"
    if delivery.method == Delivery.Method.PARTNER:
        return "结果已在受理地窗口交付。"
    return "结果已由您本人或代理人领取。"


def check_handover(case: Case, handover: Handover) -> dict[str, list[str]]:
    """What is wrong with a hand-over, by field (empty when it may go ahead)."""
    errors: dict[str, list[str]] = {}
    if handover.method == Delivery.Method.PICKUP:
        if not handover.recipient_name.strip():
            errors["recipient_name"] = [_("Enter the name of the person collecting.")]
        id_number = normalise_resident_id(handover.recipient_id_number)
        try:
            validate_resident_id(id_number)
        except ValidationError as error:
            errors["recipient_id_number"] = list(error.messages)
        else:
            if not identity_matches(case, id_number):
                if not handover.by_agent:
                    errors["recipient_id_number"] = [
                        _(
                            "This ID number is neither the applicant's nor the agent's on "
                            "record. Someone else collects as an agent, with the letter of "
                            "authorisation."
                        )
                    ]
                elif not handover.authorisation:
                    errors["authorisation"] = [
                        _("An agent hands in the applicant's letter of authorisation.")
                    ]
        if not handover.receipt:
            errors["receipt"] = [_("Attach the signed receipt or a photo of it.")]
    elif handover.method == Delivery.Method.POST:
        if not handover.address.strip():
            errors["address"] = [_("Enter the postal address.")]
        if not handover.tracking_number.strip():
            errors["tracking_number"] = [_("Enter the tracking number.")]
    else:
        errors["method"] = [_("Choose pick-up or post.")]
    return errors


def _forget_after_commit(upload: PendingUpload) -> None:
    """The delivery keeps its own copy; the held file goes once the hand-over is committed."""
    name, storage = upload.file.name, upload.file.storage
    upload.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
