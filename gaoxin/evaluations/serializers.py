"""The figures of 好差评 as the API shows them (``gaoxin.evaluations.api``): the same figures,
filters and definitions as the page (``gaoxin.evaluations.queries``). Shape only."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gaoxin.evaluations import queries


def _rate(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True, **kwargs
    )


class LevelsSerializer(serializers.Serializer[Any]):
    """Ratings per level, 5 非常满意 to 1 非常不满意."""

    very_satisfied = serializers.IntegerField(source="5")
    satisfied = serializers.IntegerField(source="4")
    fairly_satisfied = serializers.IntegerField(source="3")
    dissatisfied = serializers.IntegerField(source="2")
    very_dissatisfied = serializers.IntegerField(source="1")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return super().to_representation({str(k): v for k, v in instance.items()})


class RatingFiguresSerializer(serializers.Serializer[queries.Figures]):
    total = serializers.IntegerField(help_text="Counted ratings given in the period.")
    satisfied = serializers.IntegerField(help_text="Ratings of 满意 or 非常满意.")
    good = serializers.IntegerField(help_text="Ratings that are not bad: 基本满意 or better.")
    bad = serializers.IntegerField(help_text="Ratings of 不满意 or 非常不满意.")
    by_level = LevelsSerializer()
    satisfaction_rate = _rate(
        source="satisfaction_percent", help_text="Satisfied or better ÷ all ratings, per cent."
    )
    good_rate = _rate(source="good_percent", help_text="Not bad ÷ all ratings, per cent.")
    encounters = serializers.IntegerField(
        help_text="Services that ended in the period: intakes, deliveries, completed cases."
    )
    rated_encounters = serializers.IntegerField(help_text="Of them, rated (whenever).")
    coverage = _rate(source="coverage_percent", help_text="Rated ÷ encounters, per cent.")
    opened = serializers.IntegerField(help_text="Rectifications of the period's bad ratings.")
    rectified_on_time = serializers.IntegerField(help_text="Answered by the rectify-by date.")
    rectified_late = serializers.IntegerField(help_text="Answered after the rectify-by date.")
    open_overdue = serializers.IntegerField(help_text="Not answered, rectify-by date passed.")
    open_in_time = serializers.IntegerField(help_text="Not answered, still within time.")
    called_back_on_time = serializers.IntegerField()
    called_back_late = serializers.IntegerField()


class RowSerializer(serializers.Serializer[queries.Row]):
    key = serializers.CharField(
        help_text="Department code, window number, clerk's username, item code, YYYY-MM or "
        "YYYY-MM-DD; empty for ratings with no window or clerk."
    )
    # Declared fields leave the class (DRF's metaclass): no clash with Field.label at run time.
    label = serializers.CharField()  # type: ignore[assignment]
    figures = RatingFiguresSerializer()


class RatingFiltersSerializer(serializers.Serializer[queries.Filters]):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    department = serializers.CharField(source="department.code", allow_null=True, default=None)
    encounter = serializers.CharField(help_text="Empty: every encounter.")
    group_by = serializers.CharField()


class RatingReportSerializer(serializers.Serializer[queries.Report]):
    filters = RatingFiltersSerializer()
    today = serializers.DateField(help_text="The day open rectifications are counted on.")
    figures = RatingFiguresSerializer(help_text="The period and scope as a whole.")
    rows = RowSerializer(many=True, help_text="Grouped by ``group_by``, without a total.")


class RatingFilterErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    # A declared field, as above.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )
