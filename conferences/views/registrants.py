"""Staff: the registrant list, its export, one registration (payment, status, history)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences import exports, selectors, services
from conferences.forms import PaymentForm, RegistrantFilterForm, StaffRegistrationForm
from conferences.tickets import format_code
from conferences.views.manage import staff_view
from kofst.common.csv_safe import csv_streaming_response
from kofst.common.errors import errors_to_form

PAGE_SIZE = getattr(settings, "CONFERENCE_REGISTRANTS_PAGE_SIZE", 50)


def _filtered(request: HttpRequest, conference):
    categories = selectors.categories_of(conference)
    questions = selectors.questions_of(conference)
    form = RegistrantFilterForm(
        request.GET or None, conference=conference, categories=categories, questions=questions
    )
    data: dict = {}
    if form.is_bound:
        # A filter that does not validate is shown with its error and left out; the
        # others still apply (cleaned_data holds the valid ones).
        form.is_valid()
        data = form.cleaned_data
    registrations = selectors.registrants(
        conference=conference,
        search=data.get("q") or "",
        status=data.get("status") or "",
        category_id=data.get("category"),
        payment=data.get("payment") or "",
        answers=form.answer_filters() if data else {},
    )
    return form, registrations, categories, questions


@staff_view
def registrant_list(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    form, registrations, _categories, _questions = _filtered(request, conference)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    for registration in page.object_list:
        registration.conference = conference
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "conferences/manage/registrants.html",
        {
            "conference": conference,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@staff_view
def registrant_csv(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    _form, registrations, _categories, questions = _filtered(request, conference)
    rows = exports.registrant_rows(conference, registrations.iterator(chunk_size=500), questions)
    return csv_streaming_response(
        f"{conference.slug}-registrants.csv", exports.registrant_header(questions), rows
    )


@staff_view
def registrant_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    _form, registrations, _categories, questions = _filtered(request, conference)
    rows = exports.registrant_rows(conference, registrations.iterator(chunk_size=500), questions)
    body = exports.xlsx_bytes(exports.registrant_header(questions), rows, title=conference.slug)
    response = HttpResponse(body, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-registrants.xlsx"'
    return response


@staff_view
def registration_add(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    questions = selectors.questions_of(conference)
    form = StaffRegistrationForm(request.POST or None, conference=conference, questions=questions)
    if request.method == "POST" and form.is_valid():
        person = selectors.person_by_email(form.cleaned_data["email"])
        if person is None:
            form.add_error("email", _("Nobody with this email address is in the roster."))
        else:
            try:
                registration = services.registration_create(
                    conference=conference,
                    person=person,
                    category=form.cleaned_data["category"],
                    answers=form.answers(),
                    actor=request.user,
                    by_staff=True,
                )
            except services.AlreadyRegistered as error:
                form.add_error("email", error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is registered: %(status)s.")
                    % {"name": person.display_name, "status": registration.get_status_display()},
                )
                return redirect(
                    "conferences:registration_manage", slug=conference.slug, pk=registration.pk
                )
    return render(
        request,
        "conferences/manage/registration_add.html",
        {"conference": conference, "form": form},
    )


@staff_view
def registration_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    registration = selectors.registration_managed(conference=conference, pk=pk)
    form = PaymentForm(
        request.POST or None,
        initial={
            "payment_status": registration.payment_status,
            "amount_paid": registration.amount_paid
            if registration.amount_paid is not None
            else registration.amount_due,
            "paid_on": registration.paid_on or timezone.localdate(),
            "reference": registration.payment_reference,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_record_payment(
                registration=registration,
                payment_status=form.cleaned_data["payment_status"],
                amount_paid=form.cleaned_data["amount_paid"],
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The payment was recorded."))
            return redirect(request.path)
    questions = selectors.questions_of(conference)
    return render(
        request,
        "conferences/manage/registration_detail.html",
        {
            "conference": conference,
            "registration": registration,
            "form": form,
            "code": format_code(registration.code),
            "answers": [(q, registration.answer_for(q)) for q in questions],
            "history": list(selectors.history_of(registration)[:50]),
            "waitlist_position": selectors.waitlist_position(registration),
        },
    )


def _action(request: HttpRequest, slug: str, pk: int, run, done: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    registration = selectors.registration_managed(conference=conference, pk=pk)
    try:
        run(registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("conferences:registration_manage", slug=conference.slug, pk=registration.pk)


@staff_view
@require_POST
def registration_promote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _action(
        request,
        slug,
        pk,
        lambda r: services.registration_promote(registration=r, actor=request.user),
        _("Moved off the waiting list: confirmed."),
    )


@staff_view
@require_POST
def registration_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _action(
        request,
        slug,
        pk,
        lambda r: services.registration_cancel(registration=r, actor=request.user, by_staff=True),
        _("The registration was cancelled."),
    )
