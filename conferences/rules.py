"""Who may do what with conferences. Decided here and nowhere else.

Staff of an organising association manage their conferences (setup, registrants,
payments, check-in); KOFST headquarters manage all of them. Published conferences are
public; drafts only to those who manage them. A registration is its person's and the
managers'.
"""

import rules

from conferences.enums import ConferenceStatus
from kofst.common.roles import (
    is_association_staff,
    is_authenticated,
    is_hq_staff,
    is_member,
    roles_of,
)


@rules.predicate
def is_organiser_staff(user, conference) -> bool:
    """Staff (or admin) of one of the conference's organising associations."""
    if conference is None:
        return False
    staff_of = roles_of(user).staff_of
    return bool(staff_of) and bool(staff_of & conference.organiser_ids)


@rules.predicate
def is_published(user, conference) -> bool:
    return conference is not None and conference.status != ConferenceStatus.DRAFT


@rules.predicate
def is_own_registration(user, registration) -> bool:
    person_id = roles_of(user).person_id
    return (
        registration is not None and person_id is not None and registration.person_id == person_id
    )


@rules.predicate
def manages_registration_conference(user, registration) -> bool:
    return registration is not None and (
        is_hq_staff(user) or is_organiser_staff(user, registration.conference)
    )


can_manage_conference = is_hq_staff | is_organiser_staff

rules.add_perm("conferences.view_conference", is_published | can_manage_conference)
rules.add_perm("conferences.manage_conference", can_manage_conference)
rules.add_perm("conferences.check_in", can_manage_conference)
# The staff area at all (its lists are then scoped by selectors).
rules.add_perm("conferences.manage_any", is_hq_staff | is_association_staff)
rules.add_perm("conferences.add_conference", is_hq_staff | is_association_staff)
rules.add_perm("conferences.add_series", is_hq_staff | is_association_staff)
rules.add_perm("conferences.change_series", is_hq_staff)
rules.add_perm("conferences.register", is_authenticated & is_member)
rules.add_perm(
    "conferences.view_registration", is_own_registration | manages_registration_conference
)
rules.add_perm("conferences.change_own_registration", is_own_registration)
rules.add_perm("conferences.manage_registration", manages_registration_conference)
