"""What the mail views share."""

from django.utils.translation import gettext as _

from associations.models import Association, Chapter
from awards.models import AwardCycle
from conferences.enums import RegistrationStatus
from conferences.models import Conference
from kofst.common.countries import country_name
from kofst.mail.models import Campaign
from members.enums import CareerStage, MembershipStatus, MembershipType, ScienceField

PAGE_SIZE = 50


def audience_description(campaign: Campaign) -> list[tuple[str, str]]:
    """The campaign's filters in words: ``[(label, values), …]``."""
    audience = campaign.audience
    lines: list[tuple[str, str]] = [(_("Audience"), campaign.get_audience_kind_display())]
    if audience.get("associations"):
        codes = Association.objects.filter(pk__in=audience["associations"]).order_by("code")
        lines.append((_("Associations"), ", ".join(a.display_code for a in codes)))
    if audience.get("chapters"):
        chapters = Chapter.objects.filter(pk__in=audience["chapters"]).order_by("name_en")
        lines.append((_("Chapters"), ", ".join(c.name for c in chapters)))
    labelled = [
        ("statuses", _("Membership status"), MembershipStatus),
        ("types", _("Membership type"), MembershipType),
        ("fields", _("Fields of science"), ScienceField),
        ("career_stages", _("Career stages"), CareerStage),
    ]
    for key, label, choices in labelled:
        if audience.get(key):
            names = dict(choices.choices)
            lines.append((label, ", ".join(str(names.get(v, v)) for v in audience[key])))
    if audience.get("conference"):
        conference = Conference.objects.filter(pk=audience["conference"]).first()
        lines.append((_("Conference"), conference.title if conference else "—"))
    if audience.get("registration_statuses"):
        names = dict(RegistrationStatus.choices)
        statuses = ", ".join(str(names.get(v, v)) for v in audience["registration_statuses"])
        lines.append((_("Registration status"), statuses))
    if audience.get("award_cycle"):
        cycle = AwardCycle.objects.select_related("award").filter(pk=audience["award_cycle"])
        lines.append((_("Award cycle"), str(cycle.first() or "—")))
    if audience.get("countries"):
        lines.append(
            (_("Countries of residence"), ", ".join(country_name(c) for c in audience["countries"]))
        )
    return lines
