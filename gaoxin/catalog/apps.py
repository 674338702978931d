from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gaoxin.catalog"
    label = "catalog"
    verbose_name = _("Service catalog")

    def ready(self) -> None:
        from gaoxin.catalog import audit_labels  # noqa: F401
        from gaoxin.catalog.demo.seed import seed_catalog
        from gaoxin.core.demo.organisation import SEEDERS
        from gaoxin.core.navigation import NavItem, register
        from gaoxin.core.roles import Capability

        if seed_catalog not in SEEDERS:
            SEEDERS.append(seed_catalog)
        register(
            NavItem(_("Service catalog"), "catalog", "journal-bookmark", order=20),
            NavItem(
                _("Catalog import"),
                "catalog_import",
                "file-earmark-spreadsheet",
                Capability.MANAGE_CATALOG,
                _("Administration"),
                order=150,
            ),
        )
