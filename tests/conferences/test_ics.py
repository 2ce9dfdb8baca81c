"""Calendar files: valid RFC 5545 that a calendar program reads back to the same times."""

import datetime as dt

import icalendar
from django.urls import reverse

from tests.factories.conferences import SessionFactory


def lines_of(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    return body[:-2].split(b"\r\n")


def test_programme_ics_holds_every_session_in_utc(client, conference):
    start = dt.datetime(2026, 9, 10, 9, 0, tzinfo=conference.tz)
    plenary = SessionFactory(
        conference=conference,
        title_en="Opening plenary; welcome, and keynote",
        title_ko="개회식",
        room="Ballroom A",
        speakers="Kim Minsu\n김민수",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    SessionFactory(
        conference=conference,
        starts_at=start + dt.timedelta(hours=2),
        ends_at=start + dt.timedelta(hours=3),
    )

    response = client.get(reverse("conferences:programme_ics", args=[conference.slug]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first = next(e for e in events if str(e["UID"]).startswith(f"session-{plenary.pk}@"))
    assert first.decoded("DTSTART") == dt.datetime(2026, 9, 10, 13, 0, tzinfo=dt.UTC)
    assert first.decoded("DTEND") == dt.datetime(2026, 9, 10, 14, 0, tzinfo=dt.UTC)
    assert str(first["SUMMARY"]).startswith("Opening plenary; welcome, and keynote — ")
    assert "Ballroom A" in str(first["LOCATION"])
    assert "Kim Minsu; 김민수" in str(first["DESCRIPTION"])
    assert all(len(line) <= 75 for line in lines_of(response.content))


def test_session_ics_holds_that_session_only(client, conference):
    session = SessionFactory(conference=conference, title_en="Quantum computing")
    SessionFactory(conference=conference, title_en="Other")

    response = client.get(reverse("conferences:session_ics", args=[conference.slug, session.pk]))

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]).split(" — ")[0] for e in calendar.walk("VEVENT")] == [
        "Quantum computing"
    ]
    assert calendar["VERSION"] == "2.0"


def test_programme_ics_without_sessions_is_one_all_day_event(client, conference):
    response = client.get(reverse("conferences:programme_ics", args=[conference.slug]))

    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == conference.starts_on
    assert event.decoded("DTEND") == conference.ends_on + dt.timedelta(days=1)


def test_long_hangul_lines_are_folded_without_breaking_characters(client, conference):
    title = "차세대 배터리 소재와 전고체 전지의 상용화를 위한 국제 공동 연구 세션" * 3
    session = SessionFactory(conference=conference, title_en=title, title_ko=title)

    response = client.get(reverse("conferences:session_ics", args=[conference.slug, session.pk]))

    assert all(len(line) <= 75 for line in lines_of(response.content))
    response.content.decode("utf-8")  # every folded piece is whole UTF-8
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(title)


def test_session_ics_of_another_conference_is_404(client, conference, association):
    from tests.factories.conferences import ConferenceFactory

    other = SessionFactory(conference=ConferenceFactory(organisers=[association]))

    response = client.get(reverse("conferences:session_ics", args=[conference.slug, other.pk]))

    assert response.status_code == 404
