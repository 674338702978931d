"""The cases API (/api/v1/cases/): the window desk's four outcomes, the back office's queue
and moves, delivery at the window, and the public progress look-up, for other systems.

Thin, as the pages: parse the request, call the service (or the shared query), shape the case.
The services decide; their refusals come back as
- ``IntakeRefused`` and ``StepRefused`` → 400 ``{"detail": message, "errors": {field:
  [messages]}}``,
- ``DomainError`` → 409 ``{"detail": message}``,
- ``NotAllowed`` → 403 ``{"detail": message}`` (the service's message where it gave one),
each message in the language the user chose, as on the pages.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.cases import backoffice, delivery, intake, notices, queries
from gaoxin.cases.models import Case, CaseStep, Notice, Submission
from gaoxin.cases.permissions import may_read_case
from gaoxin.cases.serializers import (
    AcceptWithDeficiencySerializer,
    CaseDetailSerializer,
    CaseSerializer,
    CatchUpSerializer,
    DecideSerializer,
    DeliverSerializer,
    ErrorSerializer,
    ExtendSerializer,
    IntakeErrorSerializer,
    IntakeSerializer,
    NewCaseSerializer,
    OpinionSerializer,
    ProgressQuerySerializer,
    ProgressSerializer,
    QueueEntrySerializer,
    QueueFilterSerializer,
    ReasonSerializer,
    RefuseSerializer,
    ResumeSerializer,
    StepErrorSerializer,
    SuspendSerializer,
)
from gaoxin.cases.views import progress as progress_page
from gaoxin.core.errors import DomainError, NotAllowed
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


class CaseApiView(APIView):
    """Maps the services' refusals to responses (see the module's docstring)."""

    # Where a service names a field otherwise than the request does: service name → request's.
    error_fields: dict[str, str] = {}

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, intake.IntakeRefused | backoffice.StepRefused):
            errors = {self.error_fields.get(name, name): msgs for name, msgs in exc.errors.items()}
            return Response(
                {"detail": exc.message, "errors": errors}, status=status.HTTP_400_BAD_REQUEST
            )
        if isinstance(exc, DomainError):
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        if isinstance(exc, NotAllowed) and str(exc):
            # DRF would answer with its own words; the service's say what is not allowed.
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        if isinstance(exc, DjangoValidationError):
            return Response(
                {"detail": "; ".join(exc.messages), "errors": _error_dict(exc)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


class IntakeView(CaseApiView):
    # The checklist is a list of objects: JSON only.
    parser_classes = [JSONParser]


def _error_dict(error: DjangoValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {}


def _actor(request: Request) -> User:
    return cast(User, request.user)


def _malformed() -> str:
    return _("The request is incomplete or malformed: see the fields marked.")


def _parse(serializer_class: type[IntakeSerializer], request: Request) -> IntakeSerializer:
    serializer = serializer_class(data=request.data)
    if not serializer.is_valid():
        raise intake.IntakeRefused(_malformed(), serializer.errors)
    return serializer


def _values(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    """The validated values of a back-office request (body or query), or a 400."""
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise backoffice.StepRefused(_malformed(), serializer.errors)
    return dict(serializer.validated_data)


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


def _case_detail(pk: int) -> Case:
    """A case with its steps, procedures and delivery as well, in a fixed number of queries."""
    return get_object_or_404(
        Case.objects.select_related(
            "item", "department", "delivery", "delivery__delivered_by"
        ).prefetch_related(
            Prefetch("submissions", queryset=Submission.objects.select_related("material")),
            "notices",
            Prefetch("steps", queryset=CaseStep.objects.select_related("department", "claimed_by")),
            "suspensions",
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
        data = serializer.to_intake(values["item"], actor)
        case = intake.end(values["outcome"], actor=actor, intake=data, **_outcome_fields(values))
        # The intake has every row the answer shows in hand (Case.remember): no second read.
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseDetail(APIView):
    @extend_schema(
        tags=["cases"],
        summary="One case",
        description=(
            "The case as the window sees it, with its back-office life: every pass through a "
            "step (opinions and who handled it), the special procedures, the clock today, the "
            "decision and the delivery."
        ),
        responses={
            200: CaseDetailSerializer,
            401: ERRORS[401],
            404: OpenApiResponse(ErrorSerializer, description="No such case, or not yours."),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        case = _case_detail(pk)
        if not may_read_case(_actor(request), case):
            raise Http404
        return Response(CaseDetailSerializer(case).data)


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
        data = serializer.to_intake(case.item, actor, case.window)
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


# --- The back office and delivery ------------------------------------------------------------

STEP_ERRORS: dict[int, Any] = {
    400: OpenApiResponse(
        StepErrorSerializer, description="The step cannot move this way; see errors."
    ),
    401: ERRORS[401],
    403: OpenApiResponse(
        ErrorSerializer,
        description="The role may not do this, or the case's step belongs to another department.",
    ),
    404: OpenApiResponse(ErrorSerializer, description="No such case."),
    409: OpenApiResponse(
        ErrorSerializer,
        description=(
            "A rule of the case refused the action (e.g. not on your desk, in a special "
            "procedure, no result yet)."
        ),
    ),
}
ACTED = {200: CaseDetailSerializer, **STEP_ERRORS}


class CaseAction(CaseApiView):
    """A back-office or delivery move on one case: parse, call the service, answer with the
    case as it is now."""

    parser_classes = [JSONParser]
    request_serializer: type[serializers.Serializer[Any]] | None = None

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        case = get_object_or_404(Case, pk=pk)
        values = _values(self.request_serializer, request.data) if self.request_serializer else {}
        self.perform(_actor(request), case, values)
        return Response(CaseDetailSerializer(_case_detail(pk)).data)


def _action(summary: str, description: str, request: Any = None) -> Any:
    return extend_schema(
        tags=["back office"],
        summary=summary,
        description=description,
        request=request,
        responses=ACTED,
    )


@_action(
    "Take up the open step (签收)",
    "Puts the case's open step on the caller's desk. A step a colleague holds stays theirs "
    "unless the caller heads the department.",
)
class Claim(CaseAction):
    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.claim(actor=actor, case=case)


@_action(
    "Pass the step on with an opinion",
    "Completes the open step (on the caller's desk) and opens the next one. Passing the "
    "certificate step (制证) issues the numbered result document; the case then waits at the "
    "delivery windows. The decision step is not passed but decided.",
    OpinionSerializer,
)
class PassStep(CaseAction):
    request_serializer = OpinionSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.pass_step(actor=actor, case=case, opinion=values["opinion"])


@_action(
    "Return the case to the previous step (退回)",
    "With the reason; the earlier step reopens on the desk of whoever handled it.",
    ReasonSerializer,
)
class ReturnStep(CaseAction):
    request_serializer = ReasonSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.return_step(actor=actor, case=case, reason=values["reason"])


@_action(
    "Grant or deny (准予 / 不予许可)",
    "At the decision step. A grant goes on to the certificate step; a denial needs its "
    "reason and legal basis, issues the decision to deny and goes to the delivery windows.",
    DecideSerializer,
)
class Decide(CaseAction):
    request_serializer = DecideSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.decide(actor=actor, case=case, **values)


@_action(
    "Start a special procedure (特别程序)",
    "The clock stops until the procedure ends; the applicant is told in writing.",
    SuspendSerializer,
)
class Suspend(CaseAction):
    request_serializer = SuspendSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.suspend(actor=actor, case=case, kind=values["kind"], reason=values["reason"])


@_action(
    "End the special procedure with its result",
    "The clock goes on and the deadline moves by the working days it stood still.",
    ResumeSerializer,
)
class EndProcedure(CaseAction):
    request_serializer = ResumeSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.resume(actor=actor, case=case, result=values["result"])


@_action(
    "Extend the limit (延长办理期限)",
    "The owning department's head, once per case, within the statutory limit; the applicant "
    "is told in writing.",
    ExtendSerializer,
)
class Extend(CaseAction):
    request_serializer = ExtendSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.extend(actor=actor, case=case, days=values["days"], reason=values["reason"])


@_action(
    "Record owed materials brought (容缺补齐)",
    "At a window or in the department. When nothing is owed any more, a wait for the "
    "materials ends and the clock goes on.",
    CatchUpSerializer,
)
class CatchUp(CaseAction):
    request_serializer = CatchUpSerializer
    error_fields = {"materials": "material_ids"}

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.catch_up(actor=actor, case=case, material_ids=values["material_ids"])


@_action(
    "End the case without a decision (终止)",
    "The owning department's head, with the reason; the applicant is told in writing.",
    ReasonSerializer,
)
class Terminate(CaseAction):
    request_serializer = ReasonSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.terminate(actor=actor, case=case, reason=values["reason"])


@_action(
    "Decide an immediate item on the spot (即办)",
    "A window clerk authorised to decide immediate items grants a case just accepted; the "
    "result is ready at once.",
)
class DecideOnTheSpot(CaseAction):
    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        backoffice.decide_on_the_spot(actor=actor, case=case)


@extend_schema(
    tags=["delivery"],
    summary="Hand the result over (出件) and complete the case",
    description=(
        "At a delivery window: collected (`pickup`) or posted (`post`). The window is the "
        "clerk's own. Send the receipt and any letter of authorisation as multipart form "
        "data; a posted result can be sent as JSON."
    ),
    request={"multipart/form-data": DeliverSerializer, "application/json": DeliverSerializer},
    responses=ACTED,
)
class Deliver(CaseAction):
    parser_classes = [MultiPartParser, JSONParser]
    request_serializer = DeliverSerializer

    def perform(self, actor: User, case: Case, values: dict[str, Any]) -> None:
        handover = delivery.Handover(**values, window=actor.window)
        delivery.deliver(actor=actor, case=case, handover=handover)


class Queue(CaseApiView, ListAPIView[CaseStep]):
    serializer_class = QueueEntrySerializer

    @extend_schema(
        tags=["back office"],
        summary="The queue: open steps, soonest deadline first",
        description=(
            "The open steps of the caller's department (for roles that see every department, "
            "of the department asked for, or of all), sorted by the case's deadline, then the "
            "step's due date."
        ),
        parameters=[QueueFilterSerializer],
        responses={
            200: QueueEntrySerializer(many=True),
            400: STEP_ERRORS[400],
            401: ERRORS[401],
            403: OpenApiResponse(
                ErrorSerializer, description="Another department's queue was asked for."
            ),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        values = _values(QueueFilterSerializer, self.request.query_params)
        return queries.queue(_actor(self.request), **values)


# --- Public progress ---------------------------------------------------------------------


class Progress(CaseApiView):
    """No login: the case number (or receipt number) and four characters the applicant knows,
    with the same limit on wrong tries as the progress page (the two share the count)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["progress"],
        summary="Progress of an application (public)",
        description=(
            "The status, the steps' times and the deadline; never a member of staff's name or "
            "opinion. After too many wrong tries an address waits (429)."
        ),
        auth=[],
        parameters=[ProgressQuerySerializer],
        responses={
            200: ProgressSerializer,
            400: OpenApiResponse(StepErrorSerializer, description="Number or check missing."),
            404: OpenApiResponse(
                ErrorSerializer, description="No application matches (counts as a wrong try)."
            ),
            429: OpenApiResponse(ErrorSerializer, description="Too many wrong tries."),
        },
    )
    def get(self, request: Request) -> Response:
        page_request = cast(HttpRequest, request)
        key = progress_page._failures_key(page_request)
        if cache.get(key, 0) >= progress_page.MAX_WRONG_TRIES:
            return Response(
                {
                    "detail": _(
                        "Too many wrong tries from this address. Please try again in 10 "
                        "minutes, or ask at any window of the service center."
                    )
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        values = _values(ProgressQuerySerializer, request.query_params)
        case = progress_page.find_case(values["number"], values["check"])
        if case is None:
            progress_page._count_wrong_try(key)
            return Response(
                {"detail": _("No application matches this number and these four characters.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        case = (
            Case.objects.select_related("item").prefetch_related("steps", "events").get(pk=case.pk)
        )
        return Response(ProgressSerializer(case).data)


urlpatterns = [
    path("", NewCase.as_view(), name="api_cases"),
    path("queue/", Queue.as_view(), name="api_queue"),
    path("progress/", Progress.as_view(), name="api_progress"),
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
    path("<int:pk>/claim/", Claim.as_view(), name="api_case_claim"),
    path("<int:pk>/pass/", PassStep.as_view(), name="api_case_pass"),
    path("<int:pk>/return/", ReturnStep.as_view(), name="api_case_return"),
    path("<int:pk>/decide/", Decide.as_view(), name="api_case_decide"),
    path(
        "<int:pk>/decide-on-the-spot/",
        DecideOnTheSpot.as_view(),
        name="api_case_decide_on_the_spot",
    ),
    path("<int:pk>/suspend/", Suspend.as_view(), name="api_case_suspend"),
    path("<int:pk>/resume/", EndProcedure.as_view(), name="api_case_resume"),
    path("<int:pk>/extend/", Extend.as_view(), name="api_case_extend"),
    path("<int:pk>/catch-up/", CatchUp.as_view(), name="api_case_catch_up"),
    path("<int:pk>/terminate/", Terminate.as_view(), name="api_case_terminate"),
    path("<int:pk>/deliver/", Deliver.as_view(), name="api_case_deliver"),
    path("notices/<uuid:pk>/pdf/", NoticePdf.as_view(), name="api_notice_pdf"),
]
