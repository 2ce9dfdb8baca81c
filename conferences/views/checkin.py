"""The door: check-in by scanning or typing a ticket code, and the attendance list."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from conferences import selectors, services
from conferences.forms import CheckInForm
from conferences.tickets import format_code
from conferences.views.manage import staff_view


@staff_view
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the page. POST: check one code in; an HTMX request gets just the result."""
    conference = selectors.conference_managed(user=request.user, slug=slug)
    result = None
    error = ""
    form = CheckInForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.registration_check_in(
                    conference=conference, value=form.cleaned_data["code"], actor=request.user
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
        else:
            error = " ".join(form.errors.get("code", []))
    context = {
        "conference": conference,
        "form": CheckInForm() if request.method == "POST" else form,
        "result": result,
        "registration": result.registration if result else None,
        "code": format_code(result.registration.code) if result else "",
        "error": error,
        "attended": selectors.attendance(conference).count(),
    }
    if request.htmx:
        return render(request, "conferences/partials/checkin_result.html", context)
    return render(request, "conferences/manage/checkin.html", context)


@staff_view
def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    page = Paginator(selectors.attendance(conference), 100).get_page(request.GET.get("page"))
    return render(
        request, "conferences/manage/attendance.html", {"conference": conference, "page": page}
    )
