"""The core API (/api/v1/): who the caller is. Clients call it to check their token."""

from __future__ import annotations

from typing import cast

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.core.models import Department, User, Window
from gaoxin.core.serializers import FieldsBuiltOnce


class _DepartmentSerializer(FieldsBuiltOnce):
    class Meta:
        model = Department
        fields = ["code", "name", "short_name"]
        read_only_fields = fields


class _WindowSerializer(FieldsBuiltOnce):
    class Meta:
        model = Window
        fields = ["id", "number", "name", "kind"]
        read_only_fields = fields


class MeSerializer(FieldsBuiltOnce):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    department = _DepartmentSerializer(read_only=True, allow_null=True)
    window = _WindowSerializer(read_only=True, allow_null=True)
    capabilities = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "username",
            "full_name",
            "role",
            "role_label",
            "department",
            "window",
            "capabilities",
        ]
        read_only_fields = fields

    def get_capabilities(self, user: User) -> list[str]:
        return sorted(str(capability) for capability in user.capabilities)


class Me(APIView):
    """The account the request is authenticated as."""

    @extend_schema(tags=["account"], summary="The caller's account", responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(cast(User, request.user)).data)


urlpatterns = [path("me/", Me.as_view(), name="api_me")]
