from typing import Any

from django.core.management.base import BaseCommand

from gaoxin.core import services


class Command(BaseCommand):
    help = (
        "Load official holidays and make-up working days from chinesecalendar for every year it "
        "knows. Days entered by an administrator are kept."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = services.seed_calendar_from_package()
        years = services.package_years()
        self.stdout.write(f"{written} days written; years {years[0]}–{years[-1]} known.")
