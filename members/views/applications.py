"""Staff deciding on applications to join their association."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form
from members.applications import application_for_staff, applications_visible_to
from members.enums import ApplicationStatus
from members.manage_forms import ApproveForm, DeclineForm
from members.selectors import associations_managed_by
from members.services.applications import application_approve, application_decline

APPLICATIONS_PER_PAGE = 50


@login_required
@require_GET
def applications(request: HttpRequest) -> HttpResponse:
    """Applications to the user's associations: pending ones first, oldest first."""
    require_perm(request, "members.view_applications")
    status = request.GET.get("status", ApplicationStatus.PENDING)
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.PENDING
    associations = list(associations_managed_by(user=request.user).order_by("code"))
    code = request.GET.get("association", "")
    chosen = next((a for a in associations if a.code == code), None)
    rows = applications_visible_to(
        user=request.user, status=status, association_id=chosen.pk if chosen else None
    )
    page = Paginator(rows, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/applications/list.html",
        {
            "page": page,
            "status": status,
            "statuses": ApplicationStatus.choices,
            "associations": associations if len(associations) > 1 else [],
            "chosen": chosen,
            "filters": {"status": status, **({"association": chosen.code} if chosen else {})},
        },
    )


@login_required
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application, with approve and decline forms."""
    application = application_for_staff(user=request.user, application_id=application_id)
    require_perm(request, "members.decide_application", application)
    approve_form, decline_form = ApproveForm(), DeclineForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                approve_form = ApproveForm(request.POST)
                if approve_form.is_valid():
                    membership = application_approve(
                        application=application,
                        actor=request.user,
                        joined_on=approve_form.cleaned_data["joined_on"],
                        note=approve_form.cleaned_data["note"],
                    )
                    messages.success(
                        request,
                        _("%(name)s is now a member, number %(number)s.")
                        % {
                            "name": application.person.display_name,
                            "number": membership.member_number,
                        },
                    )
                    return redirect("members:applications")
            elif action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    application_decline(
                        application=application,
                        actor=request.user,
                        note=decline_form.cleaned_data["note"],
                    )
                    messages.success(request, _("The application was declined."))
                    return redirect("members:applications")
        except ValidationError as exc:
            errors_to_form(approve_form if action == "approve" else decline_form, exc)
        status = 400
    return render(
        request,
        "members/applications/decide.html",
        {
            "application": application,
            "approve_form": approve_form,
            "decline_form": decline_form,
            "memberships": list(
                application.person.memberships.select_related("association").order_by(
                    "association__code"
                )
            ),
        },
        status=status,
    )
