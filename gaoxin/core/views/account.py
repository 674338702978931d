from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.core import services
from gaoxin.core.forms import OwnPasswordForm
from gaoxin.core.http import StaffRequest


@login_required
def change_password(request: StaffRequest) -> HttpResponse:
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_password(
                actor=request.user, user=request.user, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form.add_error("password", error)
        else:
            # Changing the password ends other sessions but keeps this one signed in.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Password changed."))
            return redirect("start")
    return render(request, "core/change_password.html", {"form": form})
