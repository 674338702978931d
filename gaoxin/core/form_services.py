"""A page's form handed to a service: the service's refusal lands on the form, next to the
field it concerns where it names one, so the page shows it with everything typed kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

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


def save_or_show(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    done: str,
    template: str = "core/manage/form.html",
    context: dict[str, Any] | None = None,
    refused_status: int = 200,
) -> HttpResponse:
    """The add-or-edit page of a management list. A valid POST runs ``save`` (the service
    call, reading ``form.cleaned_data``): done, "Saved." and back to the list named ``done``;
    refused or invalid, the form again (with ``refused_status``), the messages by its fields
    and all typed kept. Work out the title before: validating writes what was typed onto
    the form's instance."""
    if request.method == "POST":
        if form.is_valid() and apply(form, save):
            messages.success(request, _("Saved."))
            return redirect(done)
        status = refused_status
    else:
        status = 200
    page = {"form": form, "back": reverse(done), **(context or {})}
    return render(request, template, page, status=status)
