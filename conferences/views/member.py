"""A signed-in scientist: registering, the ticket, changing answers, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences import selectors, services, tickets
from conferences.enums import RegistrationStatus
from conferences.forms import AnswersForm, RegistrationForm
from conferences.models import Registration


def _ticket(registration: Registration):
    return redirect("conferences:my_registration", pk=registration.pk)


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_public(user=request.user, slug=slug)
    if not request.user.has_perm("conferences.register"):
        return render(
            request, "conferences/member/no_profile.html", {"conference": conference}, status=403
        )
    existing = selectors.active_registration(user=request.user, conference=conference)
    if existing is not None:
        messages.info(request, _("You are already registered for this conference."))
        return _ticket(existing)
    person = selectors.person_of(request.user)
    questions = selectors.questions_of(conference)
    if request.method == "POST":
        # The service decides (and explains) eligibility; nothing is computed twice here.
        categories = [c for c in selectors.categories_of(conference) if not c.staff_only]
        form = RegistrationForm(request.POST, categories=categories, questions=questions)
        if form.is_valid():
            try:
                registration = services.registration_create(
                    conference=conference,
                    person=person,
                    category=form.chosen_category(),
                    answers=form.answers(),
                    actor=request.user,
                )
            except services.AlreadyRegistered as error:
                messages.info(request, error.messages[0])
                return _ticket(error.registration)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("You are registered. Your ticket is below."))
                else:
                    messages.warning(
                        request,
                        _("The conference is full, so you are on the waiting list (number %(n)s).")
                        % {"n": selectors.waitlist_position(registration)},
                    )
                return _ticket(registration)
        options = selectors.category_options(conference=conference, person=person)
    else:
        services.offers_expire(conference=conference)  # so that "full" is up to date
        options = selectors.category_options(conference=conference, person=person)
        available = [o for o in options if o.available]
        form = RegistrationForm(
            categories=[o.category for o in options],
            questions=questions,
            initial={"category": str(available[0].category.pk)} if len(available) == 1 else {},
        )
    return render(
        request,
        "conferences/member/register.html",
        {
            "conference": conference,
            "form": form,
            "options": options,
            "available": [o for o in options if o.available],
            "unavailable": [o for o in options if not o.available],
            "registration_open": conference.registration_is_open(),
        },
    )


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = list(selectors.registrations_of_user(user=request.user))
    return render(
        request, "conferences/member/my_registrations.html", {"registrations": registrations}
    )


def _own(request: HttpRequest, pk: int) -> Registration:
    registration = selectors.registration_of_user(user=request.user, pk=pk)
    if (
        registration.status == RegistrationStatus.OFFERED
        and registration.offer_expires_at <= timezone.now()
    ):
        # Checked lazily as well as by the beat task: pass an expired offer on now.
        services.offers_expire(conference=registration.conference)
        registration = selectors.registration_of_user(user=request.user, pk=pk)
    return registration


@login_required
def my_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    conference = registration.conference
    questions = selectors.questions_of(conference)
    now = timezone.now()
    return render(
        request,
        "conferences/member/ticket.html",
        {
            "registration": registration,
            "conference": conference,
            "answers": [(q, registration.answer_for(q)) for q in questions],
            "has_questions": bool(questions),
            "qr": tickets.qr_svg_data_uri(registration.code)
            if registration.status == RegistrationStatus.CONFIRMED
            else None,
            "code": tickets.format_code(registration.code),
            "waitlist_position": selectors.waitlist_position(registration),
            "may_change": registration.is_active
            and registration.checked_in_at is None
            and now < conference.changes_deadline,
        },
    )


@login_required
def ticket_png(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        return redirect("conferences:my_registration", pk=pk)
    response = HttpResponse(tickets.qr_png_bytes(registration.code, scale=10), "image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="ticket-{registration.conference.slug}.png"'
    )
    return response


@login_required
def change_answers(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    questions = selectors.questions_of(registration.conference)
    form = AnswersForm(request.POST or None, questions=questions, answers=registration.answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update_answers(
                registration=registration, answers=form.answers(), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answers were saved."))
            return _ticket(registration)
    return render(
        request,
        "conferences/member/answers.html",
        {"registration": registration, "conference": registration.conference, "form": form},
    )


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    error_message = ""
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            if registration.status == RegistrationStatus.OFFERED:
                messages.success(request, _("You declined the place. Thank you for telling us."))
            else:
                messages.success(request, _("Your registration is cancelled."))
            return _ticket(registration)
    return render(
        request,
        "conferences/member/cancel.html",
        {
            "registration": registration,
            "conference": registration.conference,
            "error_message": error_message,
        },
    )


@login_required
@require_POST
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    try:
        services.registration_offer_accept(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted the place: your registration is confirmed."))
    return _ticket(registration)
