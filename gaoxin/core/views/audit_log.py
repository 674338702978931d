from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from gaoxin.core import queries
from gaoxin.core.forms import AuditFilterForm
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability


@login_required
def audit_log(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.VIEW_AUDIT_LOG)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(queries.audit_entries(filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "core/partials/audit_rows.html" if request.htmx else "core/audit_log.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})
