"""Extra sections of the staff person page, contributed by other apps.

The person page belongs to ``members``, but a person's conference registrations (or
nominations) belong to the apps that depend on ``members``. Such an app registers a
function in its ``AppConfig.ready``::

    from members.sections import register_person_section

    register_person_section(registrations_section)

The function gets ``request`` and ``person`` and returns ``None`` (nothing to show, so
nothing is rendered) or ``(template_name, context)``. It must cost a fixed number of
queries and show only what ``request.user`` may see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from members.models import Person

SectionFunction = Callable[[HttpRequest, Person], tuple[str, dict[str, Any]] | None]
_SECTIONS: list[SectionFunction] = []


def register_person_section(function: SectionFunction) -> SectionFunction:
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


@dataclass(frozen=True)
class RenderedSection:
    html: SafeString


def person_sections(*, request: HttpRequest, person: Person) -> list[RenderedSection]:
    rendered = []
    for function in _SECTIONS:
        result = function(request, person)
        if result is None:
            continue
        template_name, context = result
        html = render_to_string(template_name, {"person": person, **context}, request=request)
        rendered.append(RenderedSection(html=SafeString(html)))
    return rendered
