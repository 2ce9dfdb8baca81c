"""Staff: their conferences, setting one up (categories, questions, programme), statistics."""

import zoneinfo
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences import selectors, services
from conferences.forms import (
    CategoryForm,
    ConferenceForm,
    QuestionForm,
    SeriesForm,
    SessionForm,
)
from conferences.models import RegistrationCategory
from conferences.services.setup import (
    CATEGORY_FIELDS,
    CONFERENCE_FIELDS,
    QUESTION_FIELDS,
    SESSION_FIELDS,
)


def staff_view(view: Callable) -> Callable:
    """Signed in, and staff somewhere (else 403); the conference itself is then looked up
    through ``selectors.conference_managed`` (404 for another association's)."""

    @wraps(view)
    @login_required
    @permission_required("conferences.manage_any", raise_exception=True)
    def wrapper(request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return view(request, *args, **kwargs)

    return wrapper


def _fields(form, names: list[str]) -> dict:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def _to_manage(conference, anchor: str = "") -> HttpResponse:
    response = redirect("conferences:manage_detail", slug=conference.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@staff_view
def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = list(selectors.conferences_managed_by(user=request.user))
    return render(
        request,
        "conferences/manage/list.html",
        {
            "conferences": conferences,
            "can_add": request.user.has_perm("conferences.add_conference"),
            "can_add_series": request.user.has_perm("conferences.add_series"),
        },
    )


@staff_view
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    stats = selectors.conference_statistics(conference)
    chart = {
        "status": {"labels": [str(label) for label, _n in stats["by_status"]],
                   "values": [n for _label, n in stats["by_status"]]},
        "categories": {
            "labels": [row["category"].name for row in stats["by_category"]],
            "confirmed": [row["confirmed"] for row in stats["by_category"]],
            "waiting": [row["waiting"] for row in stats["by_category"]],
            "attended": [row["attended"] for row in stats["by_category"]],
        },
        "per_day": {"labels": [d for d, _n in stats["per_day"]],
                    "values": [n for _d, n in stats["per_day"]]},
        "words": {"confirmed": _("Confirmed"), "waiting": _("Waiting list"),
                  "attended": _("Checked in"), "registrations": _("Registrations")},
    }  # fmt: skip
    return render(
        request,
        "conferences/manage/dashboard.html",
        {
            "conference": conference,
            "stats": stats,
            "chart": chart,
            "categories": selectors.categories_of(conference),
            "questions": selectors.questions_of(conference),
            "sessions": selectors.sessions_of(conference),
        },
    )


def _zone_for(request: HttpRequest, conference=None) -> zoneinfo.ZoneInfo:
    """The zone the form's date-times are typed in: the venue's (as posted, when valid)."""
    name = request.POST.get("timezone") or (conference.timezone if conference else "")
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _conference_form(request: HttpRequest, conference=None) -> HttpResponse:
    choices = selectors.organiser_choices(user=request.user)
    with timezone.override(_zone_for(request, conference)):
        form = ConferenceForm(
            request.POST or None,
            instance=conference,
            organiser_choices=choices,
            initial=None if conference else {"timezone": settings.TIME_ZONE, "year": 2026},
        )
        if request.method == "POST" and form.is_valid():
            fields = _fields(form, CONFERENCE_FIELDS)
            try:
                if conference is None:
                    conference = services.conference_create(
                        organisers=form.cleaned_data["organisers"], actor=request.user, **fields
                    )
                else:
                    conference = services.conference_update(
                        conference=conference,
                        organisers=form.cleaned_data["organisers"],
                        actor=request.user,
                        **fields,
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The conference was saved."))
                return _to_manage(conference)
        return render(
            request,
            "conferences/manage/conference_form.html",
            {"form": form, "conference": conference},
        )


@staff_view
def conference_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("conferences.add_conference"):
        raise Http404
    return _conference_form(request)


@staff_view
def conference_edit(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    return _conference_form(request, conference)


@staff_view
def series_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("conferences.add_series"):
        raise Http404
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The series was added."))
            return redirect("conferences:manage_list")
    return render(request, "conferences/manage/series_form.html", {"form": form})


def _child(conference, related: str, pk: int | None):
    if pk is None:
        return None
    obj = getattr(conference, related).filter(pk=pk).first()
    if obj is None:
        raise Http404
    obj.conference = conference
    return obj


@staff_view
def category_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    category = _child(conference, "categories", pk)
    with timezone.override(conference.tz):
        form = CategoryForm(
            request.POST or None,
            instance=category or RegistrationCategory(conference=conference),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.category_save(
                    conference=conference,
                    category=category,
                    actor=request.user,
                    **_fields(form, CATEGORY_FIELDS),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The category was saved."))
                return _to_manage(conference, "categories")
        return render(
            request,
            "conferences/manage/child_form.html",
            {
                "conference": conference,
                "form": form,
                "title": _("Registration category"),
                "anchor": "categories",
            },
        )


@staff_view
def question_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    question = _child(conference, "questions", pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                conference=conference,
                question=question,
                actor=request.user,
                **_fields(form, QUESTION_FIELDS),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was saved."))
            return _to_manage(conference, "questions")
    return render(
        request,
        "conferences/manage/child_form.html",
        {"conference": conference, "form": form, "title": _("Question"), "anchor": "questions"},
    )


@staff_view
@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    services.question_delete(question=_child(conference, "questions", pk), actor=request.user)
    messages.success(request, _("The question was removed."))
    return _to_manage(conference, "questions")


@staff_view
def session_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    session = _child(conference, "sessions", pk)
    with timezone.override(conference.tz):
        form = SessionForm(request.POST or None, instance=session)
        if request.method == "POST" and form.is_valid():
            try:
                services.session_save(
                    conference=conference,
                    session=session,
                    actor=request.user,
                    **_fields(form, SESSION_FIELDS),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session was saved."))
                return _to_manage(conference, "programme")
        return render(
            request,
            "conferences/manage/child_form.html",
            {
                "conference": conference,
                "form": form,
                "title": _("Programme session"),
                "anchor": "programme",
            },
        )


@staff_view
@require_POST
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = selectors.conference_managed(user=request.user, slug=slug)
    services.session_delete(session=_child(conference, "sessions", pk), actor=request.user)
    messages.success(request, _("The session was removed."))
    return _to_manage(conference, "programme")
