"""A person's staff page; adding a person with a first membership; editing a person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form
from kofst.common.roles import roles_of
from members.forms import EnrolForm, PersonForm
from members.history import action_label, field_changes
from members.sections import person_sections
from members.selectors import (
    associations_managed_by,
    chapters_managed_by,
    dues_visible_to,
    person_for_staff,
    person_history,
)
from members.services.memberships import person_enrol
from members.services.people import PERSON_FIELDS, person_update


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """Every membership (with status), the dues and history the user may see."""
    person = person_for_staff(user=request.user, person_id=person_id)
    require_perm(request, "members.view_person", person)
    today = timezone.localdate()
    staff_of = roles_of(request.user).staff_of
    hq = roles_of(request.user).hq
    memberships = [
        {
            "membership": m,
            "status": m.status_on(today),
            "manageable": hq or m.association_id in staff_of,
        }
        for m in person.memberships.all()
    ]
    history = [
        {"entry": entry, "label": action_label(entry), "changes": field_changes(entry)}
        for entry in person_history(user=request.user, person=person)
    ]
    return render(
        request,
        "members/people/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "dues": list(dues_visible_to(user=request.user, person=person)),
            "history": history,
            "sections": person_sections(request=request, person=person),
            "can_edit": request.user.has_perm("members.edit_person", person),
            "can_enrol": request.user.has_perm("members.add_person"),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    """A new person and their first membership, in one form, both or neither."""
    require_perm(request, "members.add_person")
    associations = associations_managed_by(user=request.user)
    chapters = chapters_managed_by(user=request.user)
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(data, prefix="person")
    enrol_form = EnrolForm(data, prefix="membership", associations=associations, chapters=chapters)
    if len(roles_of(request.user).staff_of) == 1 and not roles_of(request.user).hq:
        enrol_form.fields["association"].initial = next(iter(roles_of(request.user).staff_of))
    if request.method == "POST" and person_form.is_valid() and enrol_form.is_valid():
        association = enrol_form.cleaned_data["association"]
        require_perm(request, "members.manage_membership", association)
        try:
            membership = person_enrol(
                actor=request.user,
                association=association,
                person_values=person_form.cleaned_data,
                **enrol_form.membership_values(),
            )
        except ValidationError as exc:
            errors_to_form(person_form, exc, enrol_form)
        else:
            messages.success(
                request,
                _("%(name)s was added as member %(number)s.")
                % {"name": membership.person.display_name, "number": membership.member_number},
            )
            return redirect("members:person_detail", person_id=membership.person_id)
    return render(
        request,
        "members/people/create.html",
        {"person_form": person_form, "enrol_form": enrol_form},
    )


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for_staff(user=request.user, person_id=person_id)
    require_perm(request, "members.edit_person", person)
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            try:
                person_update(person=person, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("members:person_detail", person_id=person.pk)
    else:
        form = PersonForm(initial=model_to_dict(person, fields=PERSON_FIELDS), instance=person)
    return render(request, "members/people/edit.html", {"person": person, "form": form})
