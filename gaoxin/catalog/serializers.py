"""The catalog as the API shows it: read-only shapes, no rules."""

from __future__ import annotations

from rest_framework import serializers

from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core.models import Department


class DepartmentRefSerializer(serializers.ModelSerializer[Department]):
    class Meta:
        model = Department
        fields = ["code", "name", "short_name"]
        read_only_fields = fields


class MaterialSerializer(serializers.ModelSerializer[Material]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    need_label = serializers.CharField(source="get_need_display", read_only=True)

    class Meta:
        model = Material
        fields = [
            "id",
            "order",
            "name",
            "kind",
            "kind_label",
            "need",
            "need_label",
            "condition",
            "copies",
            "source",
            "standard",
            "secondary",
        ]
        read_only_fields = fields


class ItemSerializer(serializers.ModelSerializer[ServiceItem]):
    """An item as listed: enough to choose it and to start an intake (``id``)."""

    department = DepartmentRefSerializer(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    handling_label = serializers.CharField(source="get_handling_display", read_only=True)

    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "code",
            "version",
            "name",
            "kind",
            "kind_label",
            "department",
            "handling",
            "handling_label",
            "statutory_days",
            "promised_days",
            "fee",
            "online",
            "cross_zone",
            "allows_deficiency",
            "result_name",
        ]
        read_only_fields = fields


class ItemDetailSerializer(ItemSerializer):
    """One version of an item with its guide (办事指南) and its materials."""

    materials = MaterialSerializer(many=True, read_only=True)

    class Meta(ItemSerializer.Meta):
        fields = [
            *ItemSerializer.Meta.fields,
            "is_current",
            "special_procedures",
            "conditions",
            "legal_basis",
            "fee_basis",
            "location",
            "hours",
            "visits",
            "needs_inspection",
            "remote_inspection",
            "result_type",
            "materials",
        ]
        read_only_fields = fields
