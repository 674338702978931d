"""The statistics API (GET /api/v1/stats/): the figures of the statistics page, with the same
filters and the same definitions (``gaoxin.stats.queries``), and the sections other apps add
under the table (``gaoxin.stats.sections``), each under its key in ``sections``."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.stats import queries, sections


def _rate(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True, **kwargs
    )


class FiguresSerializer(serializers.Serializer[queries.Figures]):
    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    refused = serializers.IntegerField()
    corrections = serializers.IntegerField(help_text="One-time notices issued.")
    completed = serializers.IntegerField()
    completed_granted = serializers.IntegerField()
    completed_denied = serializers.IntegerField()
    completed_on_time = serializers.IntegerField()
    completed_late = serializers.IntegerField()
    terminated = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    accepted_immediate = serializers.IntegerField()
    used_days = serializers.IntegerField(help_text="Working days used, summed over completed.")
    promised_days = serializers.IntegerField(help_text="Promised limits, summed over completed.")
    in_progress = serializers.IntegerField(help_text="Now, whatever the period.")
    overdue = serializers.IntegerField(help_text="Now, whatever the period.")
    completion_rate = _rate(help_text="Completed ÷ accepted in the period, per cent.")
    on_time_rate = _rate(help_text="Completed with the result ready by the deadline, per cent.")
    average_used_days = _rate()
    average_promised_days = _rate()
    immediate_share = _rate(help_text="Accepted cases of immediate items, per cent.")


class CompressionSerializer(serializers.Serializer[queries.Compression]):
    items = serializers.IntegerField()
    immediate_items = serializers.IntegerField()
    promised_days = serializers.IntegerField()
    statutory_days = serializers.IntegerField()
    promised_to_statutory = _rate(source="ratio", help_text="Σ promised ÷ Σ statutory, per cent.")
    compression = _rate(help_text="1 − Σ promised ÷ Σ statutory, per cent.")
    immediate_share = _rate(help_text="Immediate items among the current items, per cent.")


class DepartmentSerializer(serializers.Serializer[queries.DepartmentRow]):
    code = serializers.CharField(source="department.code")
    name = serializers.CharField(source="department.name")
    figures = FiguresSerializer()
    compression = CompressionSerializer()


class BucketSerializer(serializers.Serializer[queries.Bucket]):
    start = serializers.DateField()
    # Declared fields leave the class (DRF's metaclass): no clash with Field.label at run time.
    label = serializers.CharField()  # type: ignore[assignment]
    figures = FiguresSerializer()


class FiltersSerializer(serializers.Serializer[queries.Filters]):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    department = serializers.CharField(source="department.code", allow_null=True, default=None)
    item = serializers.CharField(source="item_code")
    window = serializers.IntegerField(source="window.number", allow_null=True, default=None)


class DashboardSerializer(serializers.Serializer[queries.Dashboard]):
    filters = FiltersSerializer()
    today = serializers.DateField(help_text="The day in progress and overdue are counted on.")
    figures = FiguresSerializer()
    compression = CompressionSerializer(help_text="The current catalog.")
    departments = DepartmentSerializer(many=True)
    by_month = serializers.BooleanField(help_text="Series by month (else by day).")
    series = BucketSerializer(many=True)


class SectionsSerializer(serializers.Serializer[dict[str, Any]]):
    """One field per registered section, its data through the section's serializer (plain
    JSON without one), null when the section has nothing to show. The fields are made when
    first asked for (at a reading or when the schema is drawn), after every app registered
    its sections. The data come from the serializer's context (``sections``: key → data)."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        for section in sections.registered():
            if section.serializer is not None:
                fields[section.key] = section.serializer(allow_null=True, required=False)
            else:
                fields[section.key] = serializers.JSONField(allow_null=True, required=False)
        return fields

    def get_attribute(self, instance: Any) -> Any:
        return self.context.get("sections", {})


class StatsSerializer(DashboardSerializer):
    sections = SectionsSerializer(
        help_text="What other apps add under the table, each under its key; null when it does "
        "not apply to this zone."
    )


class FilterErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    # A declared field, as above.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class StatsView(APIView):
    """The figures for a period and a scope (the whole zone, or a department, item, window)."""

    @extend_schema(
        tags=["statistics"],
        summary="Statistics of cases",
        parameters=[
            OpenApiParameter(
                "period", str, enum=list(queries.PERIODS), description="Default: year."
            ),
            OpenApiParameter("start", str, description="First day (YYYY-MM-DD), with custom."),
            OpenApiParameter("end", str, description="Last day (YYYY-MM-DD), with custom."),
            OpenApiParameter("department", str, description="Department code."),
            OpenApiParameter("item", str, description="Item code (all versions)."),
            OpenApiParameter("window", int, description="Window number."),
        ],
        responses={
            200: StatsSerializer,
            400: OpenApiResponse(FilterErrorSerializer, description="A filter makes no sense."),
            403: OpenApiResponse(description="The role sees no statistics."),
        },
    )
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        try:
            filters = queries.parse_filters(request.user, request.query_params, today)
        except queries.FilterError as error:
            return Response({"detail": str(error), "errors": error.errors}, status=400)
        shown = {s.key: s.data for s in sections.compute(filters, today)}
        board = queries.dashboard(filters, today)
        return Response(StatsSerializer(board, context={"sections": shown}).data)


urlpatterns = [path("", StatsView.as_view(), name="api_stats")]
