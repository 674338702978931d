"""The catalog API (/api/v1/catalog/): read-only, through the same queries as the catalog pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from gaoxin.catalog import queries
from gaoxin.catalog.models import ItemKind, ServiceItem
from gaoxin.catalog.serializers import ItemDetailSerializer, ItemSerializer

# As on the catalog page: a search box holds a few characters, never a document.
QUERY_MAX = 50


class _VersionParams(serializers.Serializer[None]):
    version = serializers.IntegerField(min_value=1, required=False)


@extend_schema(
    tags=["catalog"],
    summary="Search the current catalog",
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            description=(
                "A few characters of the name, the code, the pinyin (gongshang) or the pinyin "
                "initials (gsdj). Names that start with the query come first."
            ),
        ),
        OpenApiParameter("department", OpenApiTypes.STR, description="Department code."),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=ItemKind.values),
    ],
)
class ItemList(generics.ListAPIView[ServiceItem]):
    """Current items, searched as the catalog page searches them."""

    serializer_class = ItemSerializer

    def get_queryset(self) -> QuerySet[ServiceItem]:
        params = self.request.query_params
        return queries.search_items(
            params.get("q", "").strip()[:QUERY_MAX],
            department=params.get("department", ""),
            kind=params.get("kind", ""),
        )


@extend_schema(
    tags=["catalog"],
    summary="One item with its materials",
    parameters=[
        OpenApiParameter(
            "version",
            OpenApiTypes.INT,
            description="An earlier version of the item; the current one when left out.",
        )
    ],
)
class ItemDetail(generics.RetrieveAPIView[ServiceItem]):
    """The current version of an item, or the one asked for, with its checklist of materials."""

    serializer_class = ItemDetailSerializer
    queryset = ServiceItem.objects.none()  # for the schema; the object comes from the query

    def get_object(self) -> ServiceItem:
        params = _VersionParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        item = queries.item_version(self.kwargs["code"], params.validated_data.get("version"))
        if item is None:
            raise Http404
        return item


urlpatterns = [
    path("items/", ItemList.as_view(), name="api_catalog_items"),
    path("items/<str:code>/", ItemDetail.as_view(), name="api_catalog_item"),
]
