"""管理 › 大厅业务: the administrator sets up the hall's businesses (ticket letter, windows
serving them, items covered, places per half hour), as core's pages set up the windows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gaoxin.core import form_services
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.hall import queries, services
from gaoxin.hall.forms import BusinessForm
from gaoxin.hall.models import BusinessType


@login_required
def businesses(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    return render(
        request,
        "hall/manage/businesses.html",
        {"businesses": queries.businesses_for_management()},
    )


@login_required
def business_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    business = get_object_or_404(BusinessType, pk=pk) if pk else None
    # The title before the form's validation writes what was typed onto the instance.
    title = str(business) if business else _("New business")
    form = BusinessForm(request.POST or None, instance=business)

    def save() -> BusinessType:
        data = dict(form.cleaned_data)
        windows, items = list(data.pop("windows")), list(data.pop("items"))
        if business is None:
            return services.create_business(
                actor=request.user, windows=windows, items=items, **data
            )
        return services.update_business(
            actor=request.user, business=business, windows=windows, items=items, **data
        )

    return form_services.save_or_show(
        request,
        form,
        save,
        done="hall_manage_businesses",
        template="hall/manage/business_form.html",
        context={"business": business, "title": title},
    )
