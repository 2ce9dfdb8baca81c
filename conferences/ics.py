"""iCalendar (RFC 5545) files for a conference's programme and for one session.

Times are written in UTC (``…Z``); calendar programs show them in the reader's zone.
Text is escaped and lines folded at 75 octets as the RFC requires.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conferences.models import Conference, Session

PRODID = "-//KOFST Global Network//Conferences//EN"


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(lines: list[str], *, uid: str, start, end, summary, location, description, url, stamp):
    lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}"]
    if isinstance(start, dt.datetime):
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        ]
    lines += [f"SUMMARY:{_escape(summary)}", f"LOCATION:{_escape(location)}"]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += [f"URL:{url}", "END:VEVENT"]


def _location(conference: Conference, room: str = "") -> str:
    parts = [room, conference.venue, conference.city, conference.country_name]
    return ", ".join(p for p in parts if p)


def _session_description(session: Session) -> str:
    parts = []
    if session.track:
        parts.append(f"Track: {session.track}")
    if session.chairs:
        parts.append(f"Chairs: {session.chairs}")
    if session.speaker_list:
        parts.append("Speakers: " + "; ".join(session.speaker_list))
    if session.abstract:
        parts.append(session.abstract)
    return "\n".join(parts)


def calendar(conference: Conference, sessions: Iterable[Session]) -> str:
    """The whole programme; a single all-day event when there are no sessions yet."""
    stamp = _utc(timezone.now())
    url = settings.SITE_URL + reverse("conferences:programme", kwargs={"slug": conference.slug})
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "kofst.example"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(conference.title)}",
        f"X-WR-TIMEZONE:{conference.timezone}",
    ]
    sessions = list(sessions)
    if not sessions:
        _event(
            lines,
            uid=f"conference-{conference.pk}@{host}",
            start=conference.starts_on,
            end=conference.ends_on + dt.timedelta(days=1),
            summary=conference.title,
            location=_location(conference),
            description=conference.description,
            url=url,
            stamp=stamp,
        )
    for session in sessions:
        _event(
            lines,
            uid=f"session-{session.pk}@{host}",
            start=session.starts_at,
            end=session.ends_at,
            summary=f"{session.title} — {conference.title}",
            location=_location(conference, session.room),
            description=_session_description(session),
            url=url,
            stamp=stamp,
        )
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
