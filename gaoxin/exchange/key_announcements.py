"""A partner's new and retired keys, as its announcements tell us (the receiving side of
gaoxin.exchange.keys).

Trust rests on key continuity: an announcement is a message like any other, accepted only
when it is signed by a key of that partner we already hold (gaoxin.exchange.signing checks
the signature before the inbox applies it), and applied in the partner's order. So a new key
is vouched for by the key that signed before it, all the way back to the first one, which
our administrator pasted by hand from the partner's page. Whoever could sign such an
announcement could sign anything in the partner's name already.

A key id names one public key for good: the same announcement again changes nothing, and a
key id we hold with another public key is refused (INVALID: the message is not taken, and
the partner's new key stays pending there) rather than replaced. A retired key is never
made valid again by an announcement.
"""

from __future__ import annotations

import base64
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import audit
from gaoxin.exchange import keys
from gaoxin.exchange.models import Partner, PartnerKey, RejectedMessage
from gaoxin.exchange.signing import Rejected

Reason = RejectedMessage.Reason
KEY_ID_MAX_LENGTH = 40  # PartnerKey.key_id


def _key_id(payload: dict[str, Any]) -> str:
    key_id = payload.get("key_id")
    if not isinstance(key_id, str) or not key_id.strip() or len(key_id) > KEY_ID_MAX_LENGTH:
        raise Rejected(Reason.INVALID, _("The key announcement has no valid key id."))
    return key_id


def apply_key(partner: Partner, payload: dict[str, Any]) -> None:
    """The partner announces a new key: it verifies the partner's messages from now on."""
    key_id = _key_id(payload)
    text = payload.get("public_key")
    try:
        if not isinstance(text, str):
            raise ValueError(_("The public key is missing."))
        keys.load_public_key(text)
    except ValueError as error:
        raise Rejected(
            Reason.INVALID,
            _("The key %(key)s was announced without a valid public key: %(problem)s")
            % {"key": key_id, "problem": error},
        ) from None
    public_key = base64.b64encode(base64.b64decode(text.strip())).decode("ascii")  # canonical
    known = PartnerKey.objects.filter(partner=partner, key_id=key_id).first()
    if known is not None:
        if known.public_key == public_key:
            return  # announced again (or pasted by hand before): nothing changes
        raise Rejected(
            Reason.INVALID,
            _(
                "%(partner)s already has a key %(key)s with another public key; a key is never "
                "replaced. Its administrators must sort this out."
            )
            % {"partner": partner, "key": key_id},
        )
    PartnerKey.objects.create(partner=partner, key_id=key_id, public_key=public_key)
    audit.record(
        "exchange.partner_key_announced",
        actor=None,
        obj=partner,
        changes={"key_id": key_id, "public_key": public_key},
    )


def apply_key_retired(partner: Partner, payload: dict[str, Any]) -> None:
    """The partner retired one of its keys: what it signs is refused here from now on. A key
    we never had, or retired already, changes nothing."""
    key_id = _key_id(payload)
    key = PartnerKey.objects.select_for_update().filter(partner=partner, key_id=key_id).first()
    if key is None or key.retired_at is not None:
        return
    key.retired_at = timezone.now()
    key.save(update_fields=["retired_at"])
    audit.record(
        "exchange.partner_key_retired", actor=None, obj=partner, changes={"key_id": key_id}
    )
