"""The navigation each role sees. Items whose URL does not exist yet are left out, so
apps add their pages to the menu simply by naming them here."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kofst.common.roles import Roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    group: str = "site"  # "manage": the staff tools menu; "me": the account menu


# Where each audience's items go in the navigation bar.
_GROUPS = {"staff": "manage", "hq": "manage", "committee": "manage"}
_MY_PAGES = {"members:me", "certificates:mine"}


# (label, url name, who sees it)
_ITEMS = [
    (_("Dashboard"), "members:dashboard", "staff"),
    (_("Roster"), "members:roster", "staff"),
    (_("Applications"), "members:applications", "staff"),
    (_("Duplicates"), "members:duplicates", "staff"),
    (_("Imports"), "members:import_list", "staff"),
    (_("Mail"), "mail:campaign_list", "staff"),
    (_("Conference admin"), "conferences:manage_list", "staff"),
    (_("Certificates"), "certificates:staff_list", "staff"),
    (_("Associations"), "associations:list", "everyone"),
    (_("Partners"), "associations:partners", "hq"),
    (_("Conferences"), "conferences:list", "everyone"),
    (_("Awards"), "awards:list", "everyone"),
    (_("Reviews"), "awards:my_reviews", "committee"),
    (_("Expert directory"), "members:directory", "signed_in"),
    (_("My profile"), "members:me", "signed_in"),
    (_("My certificates"), "certificates:mine", "signed_in"),
]


def _visible(audience: str, roles: Roles, signed_in: bool) -> bool:
    return {
        "everyone": True,
        "signed_in": signed_in,
        "staff": roles.is_staff_anywhere,
        "hq": roles.hq,
        "committee": bool(roles.committee_cycles),
    }[audience]


# The items of the staff landing page (/manage/).
STAFF_AUDIENCES = frozenset({"staff", "hq", "committee"})


def navigation_for(
    roles: Roles, *, signed_in: bool, audiences: frozenset[str] | None = None
) -> list[NavItem]:
    """The items this user sees; ``audiences`` limits them to some audiences."""
    items = []
    for label, url_name, audience in _ITEMS:
        if audiences is not None and audience not in audiences:
            continue
        if not _visible(audience, roles, signed_in):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        group = "me" if url_name in _MY_PAGES else _GROUPS.get(audience, "site")
        items.append(NavItem(label=str(label), url=url, group=group))
    return items
