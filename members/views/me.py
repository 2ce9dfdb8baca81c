"""A signed-in scientist's own pages: profile and consents, memberships and dues,
applications to join an association."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form, errors_to_messages
from members.applications import own_application, own_applications, own_dues, own_memberships
from members.me_forms import ApplyForm, ProfileForm
from members.services.applications import application_submit, application_withdraw
from members.services.people import person_update
from members.services.profile import OWN_PROFILE_FIELDS, person_for_user


@login_required
def me(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.edit_own_profile")
    person = person_for_user(user=request.user)
    today = timezone.localdate()
    memberships = [(m, m.status_on(today)) for m in own_memberships(person=person)]
    return render(
        request,
        "members/me/home.html",
        {
            "person": person,
            "memberships": memberships,
            "dues": list(own_dues(person=person)),
            "applications": list(own_applications(person=person)),
            "profile_incomplete": not (person.name_ko or person.name_latin),
        },
    )


@login_required
def me_edit(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.edit_own_profile")
    person = person_for_user(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=person)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in OWN_PROFILE_FIELDS}
            try:
                person_update(person=person, actor=request.user, **values)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("members:me")
        return render(request, "members/me/edit.html", {"form": form, "person": person}, status=400)
    form = ProfileForm(initial=model_to_dict(person, OWN_PROFILE_FIELDS), instance=person)
    return render(request, "members/me/edit.html", {"form": form, "person": person})


@login_required
def me_apply(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.edit_own_profile")
    person = person_for_user(user=request.user)
    if request.method == "POST":
        form = ApplyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                application_submit(
                    person=person,
                    association=data["association"],
                    type=data["type"],
                    chapter=data["chapter"],
                    message=data["message"],
                    actor=request.user,
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Your application to %(association)s was sent.")
                    % {"association": data["association"].display_code},
                )
                return redirect("members:me")
        return render(request, "members/me/apply.html", {"form": form}, status=400)
    initial = {}
    code = request.GET.get("association", "")
    if code:
        initial["association"] = (
            ApplyForm.base_fields["association"].queryset.filter(code=code.lower()).first()
        )
    return render(request, "members/me/apply.html", {"form": ApplyForm(initial=initial)})


@login_required
@require_POST
def me_application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    require_perm(request, "members.edit_own_profile")
    # Not ``person_for_user``: withdrawing someone else's application must not create a
    # profile on the way to its 404.
    application = own_application(user=request.user, application_id=application_id)
    try:
        application_withdraw(application=application, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("members:me")
