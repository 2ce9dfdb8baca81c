"""Staff pages of campaigns: list, write, audience count, preview, test, send, progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_form
from kofst.mail.audience import audience_people, summarize
from kofst.mail.enums import ACTIVE_CAMPAIGN_STATES, EDITABLE_CAMPAIGN_STATES, CampaignState
from kofst.mail.forms import AudienceForm, CampaignForm, MessageSearchForm, PreviewForm, SendForm
from kofst.mail.selectors import (
    audience_person_for,
    campaign_for,
    campaign_progress,
    campaigns_sent_counts,
    campaigns_visible_to,
    message_search,
)
from kofst.mail.services.campaigns import (
    campaign_cancel,
    campaign_create,
    campaign_pause,
    campaign_people,
    campaign_render_for,
    campaign_resume,
    campaign_send,
    campaign_test_send,
    campaign_update,
)
from kofst.mail.views.common import PAGE_SIZE, audience_description

SAMPLE_SIZE = 10
POLLING_STATES = (CampaignState.SCHEDULED, CampaignState.BUILDING, CampaignState.SENDING)


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "mail.view_campaigns")
    page = Paginator(campaigns_visible_to(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = campaigns_sent_counts([c.pk for c in page.object_list])
    rows = [(campaign, counts.get(campaign.pk, {})) for campaign in page.object_list]
    return render(request, "mail/campaigns/list.html", {"page": page, "rows": rows})


@login_required
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request, "mail.add_campaign")
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(actor=request.user, **form.campaign_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Campaign saved as a draft."))
            return redirect("mail:campaign_detail", pk=campaign.pk)
    return render(request, "mail/campaigns/form.html", {"form": form, "campaign": None})


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    if campaign.state not in EDITABLE_CAMPAIGN_STATES:
        messages.warning(request, _("This campaign has been sent and can no longer be changed."))
        return redirect("mail:campaign_detail", pk=campaign.pk)
    form = CampaignForm(
        request.POST or None, user=request.user, initial=CampaignForm.initial_from(campaign)
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(campaign=campaign, actor=request.user, **form.campaign_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("mail:campaign_detail", pk=campaign.pk)
    return render(request, "mail/campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@require_GET
def audience_preview(request: HttpRequest) -> HttpResponse:
    """HTMX: how many people the filters in the form choose, and a few of them."""
    require_perm(request, "mail.add_campaign")
    form = AudienceForm(request.GET, user=request.user)
    context: dict = {"form": form}
    if form.is_valid():
        association = form.cleaned_data.get("association")
        people = audience_people(
            kind=form.cleaned_data["audience_kind"],
            filters=form.audience_filters(),
            association_id=association.pk if association else None,
        )
        context["summary"] = summarize(people, newsletter=bool(form.cleaned_data.get("newsletter")))
        context["sample"] = _sample(people)
    return render(request, "mail/partials/audience.html", context)


def _campaign(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    """403 for users without mail at all, 404 out of their scope, else the campaign."""
    require_perm(request, "mail.view_campaigns")
    campaign = campaign_for(user=request.user, pk=pk)
    require_perm(request, "mail.manage_campaign", campaign)
    return campaign


def _sample(people) -> list:  # type: ignore[no-untyped-def]
    return list(people.order_by("family_name_latin", "given_name_latin", "pk")[:SAMPLE_SIZE])


def _status_context(campaign) -> dict:  # type: ignore[no-untyped-def]
    return {
        "campaign": campaign,
        "progress": campaign_progress(campaign),
        "polling": campaign.state in POLLING_STATES,
    }


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    context = _status_context(campaign)
    context["audience_lines"] = audience_description(campaign)
    if campaign.state in EDITABLE_CAMPAIGN_STATES:
        people = campaign_people(campaign)
        context["summary"] = summarize(people, newsletter=campaign.newsletter)
        context["sample"] = _sample(people)
        context["send_form"] = SendForm()
    return render(request, "mail/campaigns/detail.html", context)


@login_required
@require_GET
def campaign_status(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX, polled: the progress bar and the actions that fit the state now."""
    campaign = _campaign(request, pk)
    return render(request, "mail/partials/status.html", _status_context(campaign))


@login_required
@require_GET
def campaign_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The message as one recipient of the audience would get it (HTMX fragment or page)."""
    campaign = _campaign(request, pk)
    form = PreviewForm(request.GET)
    form.is_valid()
    person_id = form.cleaned_data.get("person")
    people = campaign_people(campaign)
    if person_id:
        person = audience_person_for(campaign=campaign, pk=person_id)
    else:
        sample = _sample(people)
        person = sample[0] if sample else None
    language = form.cleaned_data.get("language") or None
    if language not in campaign.languages():
        language = None
    rendered = campaign_render_for(campaign, person=person, language=language, link="#")
    context = {
        "campaign": campaign,
        "person": person,
        "rendered": rendered,
        "language": language or campaign.language_for(getattr(person, "preferred_language", "en")),
    }
    template = "mail/partials/preview.html" if request.htmx else "mail/campaigns/preview.html"
    return render(request, template, context)


@login_required
@require_POST
def campaign_test(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = PreviewForm(request.POST)
    form.is_valid()
    person_id = form.cleaned_data.get("person")
    person = audience_person_for(campaign=campaign, pk=person_id) if person_id else None
    language = form.cleaned_data.get("language") or None
    if language not in campaign.languages():
        language = None
    try:
        campaign_test_send(campaign=campaign, actor=request.user, person=person, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A test message was sent to %(email)s.") % {"email": request.user.email}
        )
    return redirect("mail:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            campaign = campaign_send(
                campaign=campaign, actor=request.user, send_at=form.send_at_value()
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if campaign.state == CampaignState.SCHEDULED:
                messages.success(request, _("The campaign is scheduled."))
            else:
                messages.success(request, _("The campaign is being sent."))
            return redirect("mail:campaign_detail", pk=campaign.pk)
    context = _status_context(campaign)
    people = campaign_people(campaign)
    context.update(
        audience_lines=audience_description(campaign),
        summary=summarize(people, newsletter=campaign.newsletter),
        sample=_sample(people),
        send_form=form,
    )
    return render(request, "mail/campaigns/detail.html", context, status=400)


def _action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    campaign = _campaign(request, pk)
    try:
        campaign = service(campaign=campaign, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    if request.htmx:
        return render(request, "mail/partials/status.html", _status_context(campaign))
    return redirect("mail:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_pause_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, campaign_pause, _("Sending is paused."))


@login_required
@require_POST
def campaign_resume_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, campaign_resume, _("Sending goes on."))


@login_required
@require_POST
def campaign_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, campaign_cancel, _("The campaign is cancelled."))


@login_required
@require_GET
def campaign_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recipient of one campaign and what became of their message."""
    campaign = _campaign(request, pk)
    form = MessageSearchForm(request.GET)
    form.is_valid()
    rows = message_search(
        campaign.messages.select_related("person"),
        q=form.cleaned_data.get("q", ""),
        state=form.cleaned_data.get("state", ""),
    ).order_by("pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mail/campaigns/messages.html",
        {"campaign": campaign, "page": page, "form": form, "active": ACTIVE_CAMPAIGN_STATES},
    )
