"""Turning a campaign's text into one recipient's email, and the HTML around any email.

Staff write plain text with placeholders such as ``{{ name }}``; the text part is that
text with the values filled in, the HTML part is the same text escaped, with links and
paragraphs, inside ``templates/emails/base.html`` (no remote images, styles inline).
Placeholders are a fixed list filled by simple substitution, never Django template code,
so a campaign cannot reach anything but these values; every value is HTML-escaped.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

# name → what staff see in the form's help.
PLACEHOLDERS = {
    "name": _("the name in the message's language"),
    "name_ko": _("the name in Hangul"),
    "name_latin": _("the name in Latin letters"),
    "association": _("the association's name"),
    "member_number": _("the member number"),
    "expiry_date": _("the membership's expiry date"),
    "personal_link": _("a link to the member's own page"),
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@lru_cache(maxsize=1)
def personal_link() -> str:
    """The member's own page (they sign in to reach it)."""
    try:
        return site_url(reverse("members:me"))
    except NoReverseMatch:
        return site_url("/")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS})


def recipient_values(*, person, context: dict, language: str) -> dict[str, str]:
    """The placeholder values for one recipient (``context`` as stored on the row)."""
    name_ko = person.name_ko if person else ""
    name_latin = person.name_latin if person else ""
    if language == "ko":
        name = name_ko or name_latin
        association = context.get("association_ko") or context.get("association_en", "")
    else:
        name = name_latin or name_ko
        association = context.get("association_en") or context.get("association_ko", "")
    expiry = _date_text(context["expires_on"], language) if context.get("expires_on") else ""
    return {
        "name": name,
        "name_ko": name_ko,
        "name_latin": name_latin,
        "association": association,
        "member_number": context.get("member_number", ""),
        "expiry_date": expiry,
        "personal_link": personal_link(),
    }


@lru_cache(maxsize=4096)
def _date_text(iso: str, language: str) -> str:
    with translation.override(language):
        return formats.date_format(dt.date.fromisoformat(iso))


def fill_text(template: str, values: dict[str, str]) -> str:
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


_SLOT = "\x01"  # marks a placeholder while the HTML around it is prepared once


@lru_cache(maxsize=64)
def _html_pieces(template: str) -> tuple[str, ...]:
    """The template as escaped HTML with links and paragraphs, split around its known
    placeholders: literal, name, literal, name, …, literal. Made once per template."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER_RE.finditer(template):
        parts.append(urlize(template[position : match.start()], autoescape=True))
        name = match.group(1)
        parts.append(f"{_SLOT}{name}{_SLOT}" if name in PLACEHOLDERS else escape(match.group(0)))
        position = match.end()
    parts.append(urlize(template[position:], autoescape=True))
    return tuple(text_html_paragraphs("".join(parts)).split(_SLOT))


def fill_html(template: str, values: dict[str, str]) -> SafeString:
    """Escaped text with links and paragraphs; each value escaped (links stay links)."""
    pieces = _html_pieces(template)
    out = list(pieces)
    for index in range(1, len(pieces), 2):
        name = pieces[index]
        value = " ".join(values.get(name, "").split())
        if name == "personal_link" and value:
            out[index] = f'<a href="{escape(value)}">{escape(value)}</a>'
        else:
            out[index] = str(escape(value))
    return mark_safe("".join(out))  # noqa: S308 (literal parts and values escaped)


def text_html_paragraphs(escaped: str) -> SafeString:
    """Blank lines make paragraphs, single line breaks ``<br>`` (input already escaped)."""
    text = escaped.replace("\r\n", "\n").strip()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return mark_safe(  # noqa: S308 (every piece was escaped above)
        "\n".join("<p>" + p.strip().replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    )


def plain_to_html(text: str) -> SafeString:
    return text_html_paragraphs(urlize(text, autoescape=True))


_BODY, _LINK = "\x00kofst-body\x00", "\x00kofst-link\x00"


@lru_cache(maxsize=16)
def _layout(language: str, with_link: bool) -> str:
    """``emails/base.html`` rendered once per language, with slots for body and link."""
    with translation.override(language):
        return render_to_string(
            "emails/base.html",
            {
                "body": mark_safe(_BODY),  # noqa: S308 (a marker, replaced below)
                "unsubscribe_url": _LINK if with_link else "",
                "language": language,
            },
        )


def wrap_html(*, inner: str, language: str, unsubscribe_url: str = "") -> str:
    """A complete HTML document around a message's HTML body."""
    document = _layout(language, bool(unsubscribe_url))
    return document.replace(_BODY, inner).replace(_LINK, escape(unsubscribe_url))


def unsubscribe_footer_text(*, language: str, unsubscribe_url: str) -> str:
    with translation.override(language):
        return render_to_string(
            "emails/unsubscribe_footer.txt", {"unsubscribe_url": unsubscribe_url}
        ).strip()


def render_campaign(
    campaign, *, person, context: dict, language: str, unsubscribe_url: str = "", wrap=True
) -> Rendered:
    """The email one recipient of ``campaign`` gets (or would get: previews, test sends).

    ``html`` is the whole document, or with ``wrap=False`` only the message's fragment.
    """
    subject_template, body_template = campaign.content(language)
    values = recipient_values(person=person, context=context, language=language)
    subject = " ".join(fill_text(subject_template, values).split())
    text = fill_text(body_template, values).strip()
    inner = fill_html(body_template, values)
    if unsubscribe_url:
        footer = unsubscribe_footer_text(language=language, unsubscribe_url=unsubscribe_url)
        text = f"{text}\n\n-- \n{footer}"
    if not wrap:
        return Rendered(subject=subject, text=text, html=inner)
    html = wrap_html(inner=inner, language=language, unsubscribe_url=unsubscribe_url)
    return Rendered(subject=subject, text=text, html=html)


def render_template_email(template: str, context: dict, *, language: str) -> Rendered:
    """``templates/emails/<template>/{subject.txt, body.txt[, body.html]}`` in ``language``.

    ``html`` is a fragment for ``wrap_html``: ``body.html`` when the template has one,
    otherwise the text made into paragraphs.
    """
    with translation.override(language):
        subject = render_to_string(f"emails/{template}/subject.txt", context)
        text = render_to_string(f"emails/{template}/body.txt", context).strip()
        try:
            inner = render_to_string(f"emails/{template}/body.html", context)
        except TemplateDoesNotExist:
            inner = plain_to_html(text)
    return Rendered(subject=" ".join(subject.split()), text=text, html=inner)
