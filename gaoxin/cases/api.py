"""The intake API (/api/v1/cases/): the window desk's four outcomes for other systems.

Thin, as the desk page: parse the request, call the intake service, shape the case. The
services decide; their refusals come back as
- ``IntakeRefused`` → 400 ``{"detail": message, "errors": {field: [messages]}}``,
- ``DomainError`` → 409 ``{"detail": message}``,
- ``NotAllowed`` → 403 (a ``PermissionDenied``, answered by DRF).
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.cases import intake, notices
from gaoxin.cases.models import Case, Notice, Submission
from gaoxin.cases.permissions import may_read_case
from gaoxin.cases.serializers import (
    AcceptWithDeficiencySerializer,
    CaseSerializer,
    ErrorSerializer,
    IntakeErrorSerializer,
    IntakeSerializer,
    NewCaseSerializer,
    RefuseSerializer,
)
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability

ERRORS: dict[int, Any] = {
    400: OpenApiResponse(
        IntakeErrorSerializer, description="The intake cannot end this way; see errors."
    ),
    401: OpenApiResponse(ErrorSerializer, description="No valid token."),
    403: OpenApiResponse(ErrorSerializer, description="The role does not serve at a window."),
    409: OpenApiResponse(
        ErrorSerializer, description="A rule of the case refused the action (e.g. not open)."
    ),
}

EXAMPLE = OpenApiExample(
    "Accept a complete application",
    request_only=True,
    value={
        "item": 12,
        "window": 1,
        "outcome": "accept",
        "kind": "person",
        "name": "李娜",
        "id_number": "610402199005173218",
        "phone": "13891234567",
        "checks": [
            {"material": 101, "state": "received", "copies": 1},
            {"material": 102, "state": "received", "copies": 1},
            {"material": 103, "state": "not_applicable"},
        ],
    },
)


class IntakeView(APIView):
    """Maps the intake services' refusals to responses (see the module's docstring)."""

    # The checklist is a list of objects: JSON only.
    parser_classes = [JSONParser]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, intake.IntakeRefused):
            return Response(
                {"detail": exc.message, "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST
            )
        if isinstance(exc, DomainError):
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        if isinstance(exc, DjangoValidationError):
            return Response(
                {"detail": "; ".join(exc.messages), "errors": _error_dict(exc)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


def _error_dict(error: DjangoValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {}


def _actor(request: Request) -> User:
    return cast(User, request.user)


def _parse(serializer_class: type[IntakeSerializer], request: Request) -> IntakeSerializer:
    serializer = serializer_class(data=request.data)
    if not serializer.is_valid():
        raise intake.IntakeRefused(
            _("The request is incomplete or malformed: see the fields marked."),
            serializer.errors,
        )
    return serializer


def _outcome_fields(values: dict[str, Any]) -> dict[str, Any]:
    names = ("due", "promise", "reason", "basis", "authority")
    return {name: values[name] for name in names if values.get(name) is not None}


def _case(pk: int) -> Case:
    """A case with what its representation shows, in a fixed number of queries."""
    return get_object_or_404(
        Case.objects.select_related("item", "department").prefetch_related(
            Prefetch("submissions", queryset=Submission.objects.select_related("material")),
            "notices",
        ),
        pk=pk,
    )


class NewCase(IntakeView):
    @extend_schema(
        tags=["cases"],
        summary="Receive an application and end its intake",
        description=(
            "Creates the case and ends the intake as `outcome` says: `accept`, "
            "`accept_with_deficiency` (with `due` and `promise`), `request_correction` "
            "(一次性告知) or `refuse` (with `reason`, `basis` and, where another authority is "
            "responsible, `authority`). A refused intake creates nothing. Notices are issued "
            "with the case; their PDF is rendered in the background."
        ),
        request=NewCaseSerializer,
        responses={201: CaseSerializer, **ERRORS},
        examples=[EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        require(actor, Capability.SERVE_AT_WINDOW)
        serializer = _parse(NewCaseSerializer, request)
        values = serializer.validated_data
        data = serializer.to_intake(values["item"], actor.window)
        case = intake.end(values["outcome"], actor=actor, intake=data, **_outcome_fields(values))
        return Response(CaseSerializer(_case(case.pk)).data, status=status.HTTP_201_CREATED)


class CaseDetail(APIView):
    @extend_schema(
        tags=["cases"],
        summary="One case",
        responses={
            200: CaseSerializer,
            401: ERRORS[401],
            404: OpenApiResponse(ErrorSerializer, description="No such case, or not yours."),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        case = _case(pk)
        if not may_read_case(_actor(request), case):
            raise Http404
        return Response(CaseSerializer(case).data)


class NoticePdf(APIView):
    @extend_schema(
        tags=["cases"],
        summary="A notice as PDF (rendered now if the worker has not yet)",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            401: ERRORS[401],
            404: OpenApiResponse(ErrorSerializer, description="No such notice, or not yours."),
        },
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        notice = get_object_or_404(Notice.objects.select_related("case"), pk=pk)
        if not may_read_case(_actor(request), notice.case):
            raise Http404
        notice = notices.render(notice)
        return FileResponse(notice.pdf.open("rb"), content_type="application/pdf")


class ResumeIntake(IntakeView):
    """An application waiting at the window (received, or back after a correction), ended."""

    outcome = ""
    serializer_class: type[IntakeSerializer] = IntakeSerializer

    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        require(actor, Capability.SERVE_AT_WINDOW)
        case = get_object_or_404(Case.objects.select_related("item__department", "window"), pk=pk)
        serializer = _parse(self.serializer_class, request)
        data = serializer.to_intake(case.item, actor.window or case.window)
        case = intake.end(
            self.outcome,
            actor=actor,
            intake=data,
            case=case,
            **_outcome_fields(serializer.validated_data),
        )
        return Response(CaseSerializer(_case(case.pk)).data)


RESUMED = {200: CaseSerializer, 404: OpenApiResponse(description="No such case."), **ERRORS}


class ResumeAccept(ResumeIntake):
    outcome = "accept"

    @extend_schema(
        tags=["cases"],
        summary="Accept a waiting application",
        request=IntakeSerializer,
        responses=RESUMED,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class ResumeAcceptWithDeficiency(ResumeIntake):
    outcome = "accept_with_deficiency"
    serializer_class = AcceptWithDeficiencySerializer

    @extend_schema(
        tags=["cases"],
        summary="Accept a waiting application with deficiency (容缺受理)",
        request=AcceptWithDeficiencySerializer,
        responses=RESUMED,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class ResumeRequestCorrection(ResumeIntake):
    outcome = "request_correction"

    @extend_schema(
        tags=["cases"],
        summary="Ask again for materials (一次性告知)",
        request=IntakeSerializer,
        responses=RESUMED,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class ResumeRefuse(ResumeIntake):
    outcome = "refuse"
    serializer_class = RefuseSerializer

    @extend_schema(
        tags=["cases"],
        summary="Refuse a waiting application (不予受理)",
        request=RefuseSerializer,
        responses=RESUMED,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


urlpatterns = [
    path("", NewCase.as_view(), name="api_cases"),
    path("<int:pk>/", CaseDetail.as_view(), name="api_case"),
    path("<int:pk>/accept/", ResumeAccept.as_view(), name="api_case_accept"),
    path(
        "<int:pk>/accept-with-deficiency/",
        ResumeAcceptWithDeficiency.as_view(),
        name="api_case_accept_with_deficiency",
    ),
    path(
        "<int:pk>/request-correction/",
        ResumeRequestCorrection.as_view(),
        name="api_case_request_correction",
    ),
    path("<int:pk>/refuse/", ResumeRefuse.as_view(), name="api_case_refuse"),
    path("notices/<uuid:pk>/pdf/", NoticePdf.as_view(), name="api_notice_pdf"),
]
