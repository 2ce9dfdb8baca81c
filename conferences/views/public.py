"""Public pages: the conferences per series, one edition, its programme and calendars."""

import datetime as dt
from collections import OrderedDict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from conferences import ics, selectors
from conferences.models import ConferenceSeries


def conference_list(request: HttpRequest) -> HttpResponse:
    series_code = request.GET.get("series", "")
    conferences = selectors.conferences_public(user=request.user, series_code=series_code)
    upcoming, past = selectors.upcoming_and_past(conferences)
    return render(
        request,
        "conferences/public/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "series_list": list(selectors.series_all()),
            "series_code": series_code,
            "can_manage": request.user.has_perm("conferences.manage_any"),
        },
    )


def series_detail(request: HttpRequest, code: str) -> HttpResponse:
    series = get_object_or_404(ConferenceSeries, code=code)
    conferences = selectors.conferences_public(user=request.user, series_code=series.code)
    upcoming, past = selectors.upcoming_and_past(conferences)
    return render(
        request,
        "conferences/public/series.html",
        {"series": series, "upcoming": upcoming, "past": past},
    )


def conference_detail(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_public(user=request.user, slug=slug)
    categories = [c for c in selectors.categories_of(conference) if not c.staff_only]
    registration = selectors.active_registration(user=request.user, conference=conference)
    return render(
        request,
        "conferences/public/detail.html",
        {
            "conference": conference,
            "categories": categories,
            "registration": registration,
            "registration_open": conference.registration_is_open(),
            "session_count": conference.sessions.count(),
            "can_manage": request.user.has_perm("conferences.manage_conference", conference),
        },
    )


def _timetable(conference, sessions) -> list[dict]:
    """Days (at the venue) → time slots → the sessions running in parallel."""
    days: OrderedDict[dt.date, OrderedDict] = OrderedDict()
    for session in sessions:
        start = timezone.localtime(session.starts_at, conference.tz)
        end = timezone.localtime(session.ends_at, conference.tz)
        slots = days.setdefault(start.date(), OrderedDict())
        slots.setdefault((start, end), []).append(session)
    return [
        {
            "day": day,
            "slots": [
                {"starts": start, "ends": end, "sessions": items}
                for (start, end), items in slots.items()
            ],
        }
        for day, slots in days.items()
    ]


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_public(user=request.user, slug=slug)
    sessions = selectors.sessions_of(conference)
    return render(
        request,
        "conferences/public/programme.html",
        {
            "conference": conference,
            "days": _timetable(conference, sessions),
            "tracks": sorted({s.track for s in sessions if s.track}),
        },
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.conference_public(user=request.user, slug=slug)
    body = ics.calendar(conference, selectors.sessions_of(conference))
    return _ics_response(body, f"{conference.slug}.ics")


def session_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = selectors.conference_public(user=request.user, slug=slug)
    session = conference.sessions.filter(pk=pk).first()
    if session is None:
        raise Http404
    body = ics.calendar(conference, [session])
    return _ics_response(body, f"{conference.slug}-session-{session.pk}.ics")
