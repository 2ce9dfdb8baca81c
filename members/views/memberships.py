"""One membership: add to a known person, edit, renew, resign, record dues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form
from members.forms import (
    DuesForm,
    EnrolForm,
    MembershipEditForm,
    RenewForm,
    ResignForm,
)
from members.selectors import (
    associations_managed_by,
    chapters_managed_by,
    membership_for_staff,
    person_for_staff,
)
from members.services.dues import dues_record
from members.services.memberships import (
    membership_create,
    membership_renew,
    membership_resign,
    membership_update,
)


def _done(request: HttpRequest, membership, message: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    messages.success(request, message)
    return redirect("members:person_detail", person_id=membership.person_id)


@login_required
def membership_create_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """Enrol a person the user can already see in (another of) the user's associations."""
    person = person_for_staff(user=request.user, person_id=person_id)
    require_perm(request, "members.add_person")
    held = {m.association_id for m in person.memberships.all()}
    associations = associations_managed_by(user=request.user).exclude(pk__in=held)
    form = EnrolForm(
        request.POST if request.method == "POST" else None,
        associations=associations,
        chapters=chapters_managed_by(user=request.user).exclude(association_id__in=held),
    )
    if request.method == "POST" and form.is_valid():
        association = form.cleaned_data["association"]
        require_perm(request, "members.manage_membership", association)
        try:
            membership = membership_create(
                person=person,
                association=association,
                actor=request.user,
                **form.membership_values(),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return _done(
                request,
                membership,
                _("Membership %(number)s in %(association)s added.")
                % {"number": membership.member_number, "association": association.display_code},
            )
    return render(
        request,
        "members/memberships/create.html",
        {"person": person, "membership": None, "form": form},
    )


@login_required
def membership_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = membership_for_staff(user=request.user, membership_id=membership_id)
    require_perm(request, "members.manage_membership", membership)
    chapters = chapters_managed_by(user=request.user).filter(
        association_id=membership.association_id
    )
    if request.method == "POST":
        form = MembershipEditForm(request.POST, chapters=chapters)
        if form.is_valid():
            try:
                membership_update(membership=membership, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                return _done(request, membership, _("The changes were saved."))
    else:
        form = MembershipEditForm(
            initial=model_to_dict(membership, fields=MembershipEditForm.Meta.fields),
            chapters=chapters,
        )
    return render(
        request,
        "members/memberships/edit.html",
        {"person": membership.person, "membership": membership, "form": form},
    )


@login_required
def membership_renew_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = membership_for_staff(user=request.user, membership_id=membership_id)
    require_perm(request, "members.manage_membership", membership)
    form = RenewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            renewed = membership_renew(
                membership=membership,
                actor=request.user,
                years=form.cleaned_data["years"] or None,
                until=form.cleaned_data["until"] if not form.cleaned_data["years"] else None,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return _done(
                request,
                membership,
                _("Renewed: %(membership)s now expires on %(date)s.")
                % {"membership": membership.member_number, "date": date_format(renewed.expires_on)},
            )
    return render(
        request,
        "members/memberships/renew.html",
        {"person": membership.person, "membership": membership, "form": form},
    )


@login_required
def membership_resign_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = membership_for_staff(user=request.user, membership_id=membership_id)
    require_perm(request, "members.manage_membership", membership)
    form = ResignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_resign(membership=membership, on=form.cleaned_data["on"], actor=request.user)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return _done(
                request,
                membership,
                _("Membership %(number)s marked resigned.") % {"number": membership.member_number},
            )
    return render(
        request,
        "members/memberships/resign.html",
        {"person": membership.person, "membership": membership, "form": form},
    )


@login_required
def dues_create(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = membership_for_staff(user=request.user, membership_id=membership_id)
    require_perm(request, "members.record_dues", membership)
    form = DuesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            payment = dues_record(membership=membership, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return _done(
                request,
                membership,
                _("Payment of %(amount)s %(currency)s recorded.")
                % {"amount": payment.amount, "currency": payment.currency},
            )
    return render(
        request,
        "members/memberships/dues.html",
        {"person": membership.person, "membership": membership, "form": form},
    )
