"""Association pages: the public list and profiles; the admins' page for chapters,
committees and staff; accepting a staff invitation; HQ's partners and agreements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from associations import selectors, services
from associations.forms import (
    AgreementForm,
    ChapterForm,
    CommitteeForm,
    InviteForm,
    PartnerForm,
    SeatForm,
)
from associations.models import Association
from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form, errors_to_messages


def _managed(request: HttpRequest, code: str) -> Association:
    association = selectors.association_by_code(code=code)
    require_perm(request, "associations.manage_association", association)
    return association


def _form_page(request, *, form, title: str, back: str, status: int = 200, **extra):  # type: ignore[no-untyped-def]
    return render(
        request,
        "associations/manage/form.html",
        {"form": form, "title": title, "back": back, **extra},
        status=status,
    )


# --- Public ----------------------------------------------------------------------------


@require_GET
def association_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "associations/list.html",
        {"associations": list(selectors.associations_public())},
    )


@require_GET
def association_detail(request: HttpRequest, code: str) -> HttpResponse:
    association = selectors.association_public(code=code)
    return render(
        request,
        "associations/detail.html",
        {
            "association": association,
            "can_manage": request.user.has_perm("associations.manage_association", association),
        },
    )


# --- The admins' page --------------------------------------------------------------------


@login_required
@require_GET
def association_manage(request: HttpRequest, code: str) -> HttpResponse:
    association = _managed(request, code)
    return _manage_page(request, association)


def _manage_page(request, association, *, invite_form=None, status=200):  # type: ignore[no-untyped-def]
    public = selectors.association_public(code=association.code)
    return render(
        request,
        "associations/manage/index.html",
        {
            "association": public,
            "staff": list(selectors.staff_of_association(association=association)),
            "invitations": list(selectors.open_invitations(association=association)),
            "invite_form": invite_form or InviteForm(),
        },
        status=status,
    )


@login_required
def chapter_create(request: HttpRequest, code: str) -> HttpResponse:
    association = _managed(request, code)
    back = reverse("associations:manage", args=[association.code])
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_create(
                association=association, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The chapter was added."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form=form, title=_("New chapter"), back=back, status=status)


@login_required
def chapter_edit(request: HttpRequest, code: str, chapter_id: int) -> HttpResponse:
    association = _managed(request, code)
    chapter = selectors.chapter_of(association=association, chapter_id=chapter_id)
    back = reverse("associations:manage", args=[association.code])
    form = ChapterForm(request.POST or None, instance=chapter)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_update(chapter=chapter, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The chapter was saved."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return _form_page(
        request,
        form=form,
        title=_("Edit chapter"),
        back=back,
        status=status,
        delete_url=reverse("associations:chapter_delete", args=[association.code, chapter.pk]),
    )


@login_required
@require_POST
def chapter_delete(request: HttpRequest, code: str, chapter_id: int) -> HttpResponse:
    association = _managed(request, code)
    chapter = selectors.chapter_of(association=association, chapter_id=chapter_id)
    try:
        services.chapter_delete(chapter=chapter, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("The chapter was deleted."))
    return redirect("associations:manage", code=association.code)


@login_required
def committee_create(request: HttpRequest, code: str) -> HttpResponse:
    association = _managed(request, code)
    back = reverse("associations:manage", args=[association.code])
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.committee_create(
                association=association, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The committee was added; now seat its members."))
            return redirect("associations:committee_edit", association.code, committee.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form=form, title=_("New committee"), back=back, status=status)


@login_required
def committee_edit(request: HttpRequest, code: str, committee_id: int) -> HttpResponse:
    """The committee's details and its seats (add and remove members)."""
    association = _managed(request, code)
    committee = selectors.committee_of(association=association, committee_id=committee_id)
    form = CommitteeForm(request.POST or None, instance=committee)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.committee_update(
                    committee=committee, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The committee was saved."))
                return redirect("associations:committee_edit", association.code, committee.pk)
        status = 400
    return _committee_page(request, association, committee, form=form, status=status)


def _committee_page(request, association, committee, *, form=None, seat_form=None, status=200):  # type: ignore[no-untyped-def]
    return render(
        request,
        "associations/manage/committee.html",
        {
            "association": association,
            "committee": committee,
            "form": form or CommitteeForm(instance=committee),
            "seat_form": seat_form or SeatForm(),
        },
        status=status,
    )


@login_required
@require_POST
def committee_delete(request: HttpRequest, code: str, committee_id: int) -> HttpResponse:
    association = _managed(request, code)
    committee = selectors.committee_of(association=association, committee_id=committee_id)
    services.committee_delete(committee=committee, actor=request.user)
    messages.success(request, _("The committee was deleted."))
    return redirect("associations:manage", code=association.code)


@login_required
@require_POST
def seat_add(request: HttpRequest, code: str, committee_id: int) -> HttpResponse:
    association = _managed(request, code)
    committee = selectors.committee_of(association=association, committee_id=committee_id)
    seat_form = SeatForm(request.POST)
    if seat_form.is_valid():
        data = seat_form.cleaned_data
        person = selectors.association_member_lookup(association=association, text=data["person"])
        if person is None:
            seat_form.add_error(
                "person", _("No member of this association has this email or member number.")
            )
        else:
            try:
                services.committee_seat_add(
                    committee=committee,
                    person=person,
                    role=data["role"],
                    since=data["since"],
                    actor=request.user,
                )
            except ValidationError as exc:
                errors_to_form(seat_form, exc)
            else:
                messages.success(request, _("%(name)s was seated.") % {"name": person.display_name})
                return redirect("associations:committee_edit", association.code, committee.pk)
    return _committee_page(request, association, committee, seat_form=seat_form, status=400)


@login_required
@require_POST
def seat_remove(request: HttpRequest, code: str, committee_id: int, seat_id: int) -> HttpResponse:
    association = _managed(request, code)
    committee = selectors.committee_of(association=association, committee_id=committee_id)
    seat = next((s for s in committee.seats.all() if s.pk == seat_id), None)
    if seat is None:
        raise Http404
    services.committee_seat_remove(seat=seat, actor=request.user)
    messages.success(
        request, _("%(name)s left the committee.") % {"name": seat.person.display_name}
    )
    return redirect("associations:committee_edit", association.code, committee.pk)


@login_required
@require_POST
def staff_invite(request: HttpRequest, code: str) -> HttpResponse:
    association = _managed(request, code)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = services.staff_invite(
                association=association,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("associations:manage", code=association.code)
    return _manage_page(request, association, invite_form=form, status=400)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, code: str, invitation_id: int) -> HttpResponse:
    association = _managed(request, code)
    invitation = selectors.invitation_of(association=association, invitation_id=invitation_id)
    try:
        services.staff_invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("associations:manage", code=association.code)


@login_required
@require_POST
def staff_remove(request: HttpRequest, code: str, role_id: int) -> HttpResponse:
    association = _managed(request, code)
    role = selectors.staff_role_of(association=association, role_id=role_id)
    try:
        services.staff_role_remove(staff_role=role, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("%(email)s is no longer staff.") % {"email": role.user.email})
    return redirect("associations:manage", code=association.code)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invitation email: shows what is offered, accepts on POST."""
    require_perm(request, "associations.accept_invitation")
    invitation = services.invitation_for_token(token)
    problem = services.invitation_problem(invitation, request.user)
    if request.method == "POST" and not problem:
        try:
            role = services.staff_invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("You are now %(role)s of %(association)s.")
                % {"role": role.get_role_display().lower(), "association": role.association.name},
            )
            return redirect("associations:detail", code=role.association.code)
    status = 400 if problem and request.method == "POST" else 200
    if problem and invitation is None:
        status = 404
    return render(
        request,
        "associations/invitation.html",
        {"invitation": invitation, "problem": problem},
        status=status,
    )


# --- Partners (HQ) -------------------------------------------------------------------------


@login_required
@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    require_perm(request, "associations.manage_partners")
    today = timezone.localdate()
    partner_list = list(selectors.partners_with_agreements())
    expiring = list(selectors.agreements_expiring(today=today))
    expiring_ids = {a.pk for a in expiring}
    return render(
        request,
        "associations/partners/list.html",
        {
            "partners": partner_list,
            "expiring": expiring,
            "expiring_ids": expiring_ids,
            "today": today,
            "window_days": selectors.EXPIRING_SOON_DAYS,
        },
    )


@login_required
def partner_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "associations.manage_partners")
    back = reverse("associations:partners")
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The partner organisation was added."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return _form_page(
        request, form=form, title=_("New partner organisation"), back=back, status=status
    )


@login_required
def partner_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    require_perm(request, "associations.manage_partners")
    partner = selectors.partner_by_id(partner_id=partner_id)
    back = reverse("associations:partners")
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(partner=partner, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The partner organisation was saved."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return _form_page(
        request, form=form, title=_("Edit partner organisation"), back=back, status=status
    )


@login_required
def agreement_create(request: HttpRequest, partner_id: int) -> HttpResponse:
    require_perm(request, "associations.manage_partners")
    partner = selectors.partner_by_id(partner_id=partner_id)
    back = reverse("associations:partners")
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(partner=partner, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The agreement was added."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    title = _("New agreement with %(partner)s") % {"partner": partner.acronym}
    return _form_page(request, form=form, title=title, back=back, status=status)


@login_required
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    require_perm(request, "associations.manage_partners")
    agreement = selectors.agreement_by_id(agreement_id=agreement_id)
    back = reverse("associations:partners")
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(agreement=agreement, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    title = _("Edit agreement with %(partner)s") % {"partner": agreement.partner.acronym}
    return _form_page(request, form=form, title=title, back=back, status=status)
