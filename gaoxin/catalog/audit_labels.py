from django.utils.translation import gettext_lazy as _

from gaoxin.core.audit import ACTION_LABELS

ACTION_LABELS.update(
    {
        "catalog.create_item": _("Created a service item"),
        "catalog.create_items": _("Created service items"),
        "catalog.revise_item": _("Revised a service item"),
        "catalog.withdraw_item": _("Withdrew a service item"),
        "catalog.import": _("Imported the catalog"),
    }
)
