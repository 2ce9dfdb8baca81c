"""Who may do what with people, memberships and dues.

HQ staff may do everything in every association. Association staff and admins may do
it in their own association(s) only: a membership or a dues payment belongs to one
association; a person is theirs when the person holds a membership (of any status) in
one of their associations. Views ask these permissions; selectors do the scoping of
lists (``members.selectors``), so both agree.
"""

import rules

from kofst.common.roles import is_association_staff, is_hq_staff, is_staff_of, roles_of


@rules.predicate
def is_staff_of_person(user, person) -> bool:
    """The person holds a membership in one of the user's associations."""
    if person is None:
        return False
    staff_of = roles_of(user).staff_of
    if not staff_of:
        return False
    prefetched = getattr(person, "_prefetched_objects_cache", {}).get("memberships")
    if prefetched is not None:
        return any(m.association_id in staff_of for m in prefetched)
    return person.memberships.filter(association_id__in=staff_of).exists()


@rules.predicate
def is_staff_of_target(user, target) -> bool:
    """Staff of the association of an Association, a Membership, a DuesPayment or a Chapter."""
    if target is None:
        return False
    if hasattr(target, "membership_id") and not hasattr(target, "association_id"):
        target = target.membership  # a dues payment
    return is_staff_of(user, target)


@rules.predicate
def manages_roster_of(user, association) -> bool:
    """Without an association: staff of any; with one: staff of that one."""
    if association is None:
        return is_association_staff(user)
    return is_staff_of(user, association)


can_manage_any_roster = is_hq_staff | is_association_staff
can_manage_association = is_hq_staff | is_staff_of_target
can_manage_person = is_hq_staff | is_staff_of_person

# The roster page itself (no object); the rows are scoped by the selectors.
rules.add_perm("members.view_roster", can_manage_any_roster)
# Adding a person: anyone who manages some roster (the membership's association is then
# checked with ``members.manage_membership``).
rules.add_perm("members.add_person", can_manage_any_roster)
# Object: an Association (add a membership to it) or a Membership (edit, renew, resign,
# move chapter).
rules.add_perm("members.manage_membership", can_manage_association)
# Object: a Person.
rules.add_perm("members.view_person", can_manage_person)
rules.add_perm("members.edit_person", can_manage_person)
# Object: a Membership (or a DuesPayment).
rules.add_perm("members.record_dues", can_manage_association)
# Without an object: may export the rows of the roster they can see (scoped by the
# selectors); with an Association: that association's roster.
rules.add_perm("members.export_roster", is_hq_staff | manages_roster_of)


# --- Duplicates, privacy, applications, directory, dashboard -------------------------


@rules.predicate
def is_admin_of_person(user, person) -> bool:
    """The person holds a membership in an association the user is admin of."""
    if person is None:
        return False
    admin_of = roles_of(user).admin_of
    if not admin_of:
        return False
    return person.memberships.filter(association_id__in=admin_of).exists()


# The list of likely duplicates and the comparison/merge page (pairs are scoped by
# ``members.duplicates``: at least one of the two in the user's associations).
rules.add_perm("members.view_duplicates", can_manage_any_roster)
rules.add_perm("members.merge_people", can_manage_any_roster)
# Object: a Person. Export is everything held on them; erasure cannot be undone, so it
# is for HQ and the admins of one of the person's associations.
rules.add_perm("members.export_person", can_manage_person)
rules.add_perm("members.erase_person", is_hq_staff | is_admin_of_person)
# Membership applications: the list (scoped by ``members.applications``) and, with a
# JoinApplication as object, approving or declining it.
rules.add_perm("members.view_applications", can_manage_any_roster)
rules.add_perm("members.decide_application", can_manage_association)
# A signed-in user's own profile, memberships and applications; the expert directory.
rules.add_perm("members.edit_own_profile", rules.is_authenticated)
rules.add_perm("members.view_directory", rules.is_authenticated)
# The dashboard: without an object, whether the page opens at all; with an Association,
# that association's figures; the whole federation's figures are for HQ.
rules.add_perm("members.view_dashboard", is_hq_staff | manages_roster_of)
rules.add_perm("members.view_federation_dashboard", is_hq_staff)
