"""What the apps' API serializers share."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from rest_framework import serializers


class FieldsBuiltOnce(serializers.ModelSerializer[Any]):
    """A model serializer that works out its fields from the model once per class, not once
    per instance: DRF's ModelSerializer inspects the model's fields anew every time it is
    used, which cost ~4 ms of the ~27 ms an accepted case takes through the API (bench/
    intake.py --profile). Each instance still gets its own copy of the fields, as DRF gives
    declared ones. Only for serializers whose fields do not depend on the instance or its
    context (no ``get_fields`` override reading ``self.context``)."""

    _built: ClassVar[dict[type, dict[str, serializers.Field[Any, Any, Any, Any]]]] = {}

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        built = FieldsBuiltOnce._built.get(type(self))
        if built is None:
            built = FieldsBuiltOnce._built[type(self)] = super().get_fields()
        return copy.deepcopy(built)
