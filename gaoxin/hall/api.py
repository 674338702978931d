"""The hall's figures API (GET /api/v1/hall/figures/): the figures of /hall/figures/, same
period filter and definitions (``gaoxin.hall.figures``)."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.hall import figures


class HallFiguresView(APIView):
    """Tickets and appointments per day and hour, waiting and service times (minutes, p50 and
    p90) per business, window and clerk, no-shows and the busiest hours."""

    @extend_schema(
        tags=["hall"],
        summary="Hall figures",
        parameters=[
            OpenApiParameter("start", str, description="First day (YYYY-MM-DD)."),
            OpenApiParameter("end", str, description="Last day (YYYY-MM-DD); default today."),
        ],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The figures."),
            400: OpenApiResponse(description="A filter makes no sense."),
            403: OpenApiResponse(description="The role sees no hall figures."),
        },
    )
    def get(self, request: Request) -> Response:
        require(request.user, Capability.VIEW_ALL_DEPARTMENTS)
        try:
            period = figures.parse_period(request.query_params, timezone.localdate())
        except figures.FilterError as error:
            return Response({"detail": str(error), "errors": error.errors}, status=400)
        return Response(
            {
                **figures.report(period),
                "definitions": [str(d) for d in figures.DEFINITIONS],
            }
        )


urlpatterns = [path("figures/", HallFiguresView.as_view(), name="api_hall_figures")]
