"""A page's form handed to a service: the service's refusal lands on the form, next to the
field it concerns where it names one, so the page shows it with everything typed kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from gaoxin.core.errors import DomainError


def apply(form: Any, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; put its refusal on the form so nothing typed is lost."""
    try:
        action()
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def changes(form: Any) -> dict[str, Any]:
    """The values the user changed, for the service's arguments."""
    return {name: form.cleaned_data[name] for name in form.changed_data}
