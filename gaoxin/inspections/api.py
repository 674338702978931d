"""The inspection figures API (GET /api/v1/inspections/figures/): the figures of the figures
page, with the same filters, scopes and definitions (``gaoxin.inspections.figures``)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.inspections import figures


def _decimal(help_text: str, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        coerce_to_string=False,
        allow_null=True,
        help_text=help_text,
        **kwargs,
    )


class InspectionFiguresSerializer(serializers.Serializer[figures.Figures]):
    requested = serializers.IntegerField(help_text="Inspections requested in the period.")
    booked = serializers.IntegerField(
        help_text="Inspections first booked in the period (a booking again does not count)."
    )
    held = serializers.IntegerField(help_text="Appointments held, by the day of the slot.")
    held_remote = serializers.IntegerField(help_text="Of them, held by video.")
    remote_share = _decimal("Held by video ÷ held, per cent.")
    missed = serializers.IntegerField(
        help_text="Appointments of remote inspections whose slot ended without the applicant."
    )
    concluded = serializers.IntegerField(help_text="Inspection records signed in the period.")
    passed = serializers.IntegerField()
    rectify = serializers.IntegerField(help_text="Concluded: rectify and re-inspect.")
    failed = serializers.IntegerField()
    working_days = serializers.IntegerField(
        help_text="Working days from request to conclusion, summed over the concluded."
    )
    average_working_days = _decimal("Working days from request to conclusion, average.")
    within_claim = serializers.IntegerField(
        help_text="Concluded within the zone's claim (at most 5 working days)."
    )
    within_claim_share = _decimal("Within the claim ÷ concluded, per cent.")
    sessions = serializers.IntegerField(help_text="Held video sessions with a recording.")
    sessions_unrecorded = serializers.IntegerField(
        help_text="Held video sessions without a recording (left out of the average)."
    )
    average_session_seconds = _decimal("Recorded length of a session, average, in seconds.")
    average_session_minutes = _decimal("The same in minutes.")


class InspectionRowSerializer(serializers.Serializer[figures.Row]):
    key = serializers.CharField(help_text="The department's code.")
    # Declared fields leave the class (DRF's metaclass): no clash with Field.label at run time.
    label = serializers.CharField()  # type: ignore[assignment]
    figures = InspectionFiguresSerializer()


class InspectionFiltersSerializer(serializers.Serializer[figures.Filters]):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    department = serializers.CharField(source="department.code", allow_null=True, default=None)


class InspectionReportSerializer(serializers.Serializer[figures.Report]):
    filters = InspectionFiltersSerializer()
    claim_days = serializers.IntegerField(help_text="The zone's claim, in working days.")
    total = InspectionFiguresSerializer(help_text="The period and scope as a whole.")
    rows = InspectionRowSerializer(many=True, help_text="By department.")


class InspectionErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    # A declared field leaves the class (DRF's metaclass): no clash with Serializer.errors.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class InspectionFiguresView(APIView):
    """The figures of site inspections for a period and a scope, by department."""

    @extend_schema(
        tags=["inspections"],
        summary="Inspection figures",
        parameters=[
            OpenApiParameter(
                "period", str, enum=list(figures.PERIODS), description="Default: year."
            ),
            OpenApiParameter("start", str, description="First day (YYYY-MM-DD), with custom."),
            OpenApiParameter("end", str, description="Last day (YYYY-MM-DD), with custom."),
            OpenApiParameter("department", str, description="Department code."),
        ],
        responses={
            200: InspectionReportSerializer,
            400: OpenApiResponse(InspectionErrorSerializer, description="A filter makes no sense."),
            403: OpenApiResponse(description="The role sees no inspection figures."),
        },
    )
    def get(self, request: Request) -> Response:
        try:
            today = timezone.localdate()
            filters = figures.parse_filters(request.user, request.query_params, today)
        except figures.FilterError as error:
            return Response({"detail": str(error), "errors": error.errors}, status=400)
        report = figures.report(filters)
        return Response(InspectionReportSerializer(report).data)


urlpatterns = [
    path("figures/", InspectionFiguresView.as_view(), name="api_inspection_figures"),
]
