"""The rating figures API (GET /api/v1/ratings/figures/): the figures of the rating figures
page, with the same filters and definitions (``gaoxin.evaluations.queries``)."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.evaluations import queries
from gaoxin.evaluations.models import Encounter
from gaoxin.evaluations.serializers import RatingFilterErrorSerializer, RatingReportSerializer


class RatingFiguresView(APIView):
    """The figures of 好差评 for a period and a scope, and their rows grouped as asked."""

    @extend_schema(
        tags=["ratings"],
        summary="Rating figures",
        parameters=[
            OpenApiParameter(
                "period", str, enum=list(queries.PERIODS), description="Default: year."
            ),
            OpenApiParameter("start", str, description="First day (YYYY-MM-DD), with custom."),
            OpenApiParameter("end", str, description="Last day (YYYY-MM-DD), with custom."),
            OpenApiParameter("department", str, description="Department code."),
            OpenApiParameter(
                "encounter", str, enum=list(Encounter.values), description="Default: every one."
            ),
            OpenApiParameter(
                "group_by", str, enum=list(queries.GROUPS), description="Default: department."
            ),
        ],
        responses={
            200: RatingReportSerializer,
            400: OpenApiResponse(
                RatingFilterErrorSerializer, description="A filter makes no sense."
            ),
            403: OpenApiResponse(description="The role sees no rating figures."),
        },
    )
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        try:
            filters = queries.parse_filters(request.user, request.query_params, today)
        except queries.FilterError as error:
            return Response({"detail": str(error), "errors": error.errors}, status=400)
        rows = queries.breakdown(filters, filters.group_by, today)
        figures = (
            queries.total(rows)
            if filters.group_by not in queries.AT_THE_WINDOW
            else queries.total(queries.breakdown(filters, filters.trend_by, today))
        )
        report = queries.Report(
            filters=filters, today=today, figures=figures, trend=[], departments=[], rows=rows
        )
        return Response(RatingReportSerializer(report).data)


urlpatterns = [path("figures/", RatingFiguresView.as_view(), name="api_rating_figures")]
