"""A member's nominations: start, draft, attach PDFs, submit, withdraw; and the
permission-checked download of attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors
from awards.forms import (
    AttachmentForm,
    CosignerForm,
    NewNomineeForm,
    NominationTextForm,
    PickNomineeForm,
)
from awards.models import AwardCycle
from awards.models.nominations import MAX_ATTACHMENTS
from awards.services import nominations as services
from kofst.common.access import perm_required
from kofst.common.errors import errors_to_form, errors_to_messages
from members.models import Person


def _nominator(request: HttpRequest) -> Person:
    from kofst.common.roles import roles_of

    return get_object_or_404(Person, pk=roles_of(request.user).person_id)


@perm_required("awards.nominate")
def my_nominations(request: HttpRequest) -> HttpResponse:
    nominations = list(selectors.nominations_of(user=request.user))
    open_cycles = [c for c in selectors.cycles_open_for_nomination() if c.drafting_open()]
    return render(
        request,
        "awards/nominations/my_list.html",
        {"nominations": nominations, "open_cycles": open_cycles},
    )


def _search_action(path: str) -> str:
    """Where the result buttons post: only our own pick-a-person URLs, never elsewhere."""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if path.startswith("/") and match.view_name in SEARCH_ACTIONS:
        return path
    return ""


SEARCH_ACTIONS = {"awards:nomination_start", "awards:cosigner_add"}


@perm_required("awards.nominate")
def nominee_search(request: HttpRequest) -> HttpResponse:
    """HTMX: roster people matching ``q`` (names and affiliations only)."""
    hits = selectors.nominee_search(user=request.user, term=request.GET.get("q", ""))
    return render(
        request,
        "awards/partials/person_results.html",
        {
            "hits": hits,
            "query": request.GET.get("q", ""),
            "action_url": _search_action(request.GET.get("action", "")),
            "button_label": request.GET.get("label", "") or _("Choose"),
        },
    )


@perm_required("awards.nominate")
def nomination_start(request: HttpRequest, code: str, year: int) -> HttpResponse:
    cycle = get_object_or_404(
        AwardCycle.objects.select_related("award"), award__code=code, year=year
    )
    if not request.user.has_perm("awards.nominate_in", cycle):
        raise Http404
    nominator = _nominator(request)
    query = request.GET.get("q", "")
    new_form = NewNomineeForm(prefix="new")
    pick_error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "new":
                new_form = NewNomineeForm(request.POST, prefix="new")
                if new_form.is_valid():
                    nomination = services.nomination_start(
                        cycle=cycle,
                        nominator=nominator,
                        new_nominee=new_form.cleaned_data,
                        actor=request.user,
                    )
                    return redirect("awards:nomination_edit", nomination.pk)
            else:
                pick = PickNomineeForm(request.POST)
                if pick.is_valid():
                    person = selectors.nominable_person(
                        user=request.user, pk=pick.cleaned_data["person"]
                    )
                    nomination = services.nomination_start(
                        cycle=cycle, nominator=nominator, nominee=person, actor=request.user
                    )
                    return redirect("awards:nomination_edit", nomination.pk)
                pick_error = _("Choose the nominee from the search results.")
        except ValidationError as exc:
            if request.POST.get("action") == "new":
                errors_to_form(new_form, exc)
            else:
                pick_error = " ".join(exc.messages)
    hits = selectors.nominee_search(user=request.user, term=query) if query else []
    return render(
        request,
        "awards/nominations/start.html",
        {
            "cycle": cycle,
            "query": query,
            "hits": hits,
            "new_form": new_form,
            "pick_error": pick_error,
        },
    )


def _edit_page(
    request: HttpRequest,
    nomination,
    *,
    form: NominationTextForm | None = None,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    cosigner_query = request.GET.get("cq", "")
    cosigner_hits = (
        selectors.nominee_search(user=request.user, term=cosigner_query)
        if cosigner_query and nomination.is_draft
        else []
    )
    attachments = list(nomination.attachments.all())
    return render(
        request,
        "awards/nominations/edit.html",
        {
            "nomination": nomination,
            "cycle": nomination.cycle,
            "form": form or NominationTextForm(instance=nomination),
            "attachments": attachments,
            "attachment_form": attachment_form or AttachmentForm(),
            "can_attach": nomination.is_draft and len(attachments) < MAX_ATTACHMENTS,
            "max_attachments": MAX_ATTACHMENTS,
            "cosigners": list(nomination.cosigners.all()),
            "cosigner_query": cosigner_query,
            "cosigner_hits": cosigner_hits,
            "window_open": nomination.cycle.nominations_open(),
        },
        status=status,
    )


@perm_required("awards.nominate")
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    form = NominationTextForm(instance=nomination)
    if request.method == "POST":
        form = NominationTextForm(request.POST, instance=nomination)
        if form.is_valid():
            try:
                services.nomination_update(
                    nomination=nomination, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your draft was saved."))
                return redirect("awards:nomination_edit", nomination.pk)
            except ValidationError as exc:
                errors_to_form(form, exc)
    return _edit_page(request, nomination, form=form)


@require_POST
@perm_required("awards.nominate")
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(
                nomination=nomination,
                file=upload,
                name=upload.name,
                kind=form.cleaned_data["kind"],
                actor=request.user,
            )
            messages.success(request, _("The PDF was attached."))
            return redirect("awards:nomination_edit", nomination.pk)
        except ValidationError as exc:
            errors_to_form(form, exc)
    return _edit_page(request, nomination, attachment_form=form, status=400)


@require_POST
@perm_required("awards.nominate")
def attachment_delete(request: HttpRequest, pk: int, public_id) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    attachment = next((a for a in nomination.attachments.all() if a.public_id == public_id), None)
    if attachment is None:
        raise Http404
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
        messages.success(request, _("The attachment was removed."))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:nomination_edit", nomination.pk)


@require_POST
@perm_required("awards.nominate")
def cosigner_add(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    form = CosignerForm(request.POST)
    if form.is_valid():
        person = selectors.nominable_person(user=request.user, pk=form.cleaned_data["person"])
        try:
            services.cosigner_add(nomination=nomination, person=person, actor=request.user)
            messages.success(request, _("%(name)s was added as a co-signer.") % {"name": person})
        except ValidationError as exc:
            errors_to_messages(request, exc)
    return redirect("awards:nomination_edit", nomination.pk)


@require_POST
@perm_required("awards.nominate")
def cosigner_remove(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    person = next((p for p in nomination.cosigners.all() if p.pk == person_id), None)
    if person is None:
        raise Http404
    try:
        services.cosigner_remove(nomination=nomination, person=person, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:nomination_edit", nomination.pk)


@require_POST
@perm_required("awards.nominate")
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    try:
        services.nomination_submit(nomination=nomination, actor=request.user)
        messages.success(
            request,
            _("Your nomination was submitted. A confirmation was sent to your email address."),
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:nomination_edit", nomination.pk)


@require_POST
@perm_required("awards.nominate")
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_of(user=request.user, pk=pk)
    try:
        services.nomination_withdraw(nomination=nomination, actor=request.user)
        messages.success(request, _("Your nomination was withdrawn."))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:nomination_edit", nomination.pk)


@login_required
def attachment_download(request: HttpRequest, public_id) -> HttpResponse:
    """The only way to an attachment: checked against the user on every request."""
    attachment = selectors.attachment_for_user(user=request.user, public_id=public_id)
    try:
        handle = services.private_storage().open(attachment.storage_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    except PermissionError as exc:  # pragma: no cover — storage misconfigured
        raise PermissionDenied from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
