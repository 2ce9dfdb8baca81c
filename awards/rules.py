"""Who may do what with awards.

HQ staff run every award: create awards and cycles, seat the committee, and do what a
chair does. A cycle's chair runs that cycle: settings, assignments, discussion, decision,
announcement. Committee members review what is assigned to them. Members (signed in,
with a person record) nominate. Scores are shown to no one before the chair opens the
discussion phase, and a reviewer sees the other reviews of a candidate only after
submitting their own. Which rows a user sees is decided by ``awards.selectors``.
"""

import rules

from awards.enums import CycleStatus
from kofst.common.roles import is_committee_member, is_hq_staff, is_member, roles_of


def _cycle_id(target) -> int | None:
    """The cycle of a cycle, a candidate, a nomination or an assignment."""
    if target is None:
        return None
    if target.__class__.__name__ == "AwardCycle":
        return target.pk
    if hasattr(target, "cycle_id"):
        return target.cycle_id
    if hasattr(target, "candidate"):
        return target.candidate.cycle_id
    return None


def _cycle(target):
    if target is None:
        return None
    if target.__class__.__name__ == "AwardCycle":
        return target
    if hasattr(target, "cycle"):
        return target.cycle
    return target.candidate.cycle


@rules.predicate
def is_chair_of(user, target) -> bool:
    cycle_id = _cycle_id(target)
    return cycle_id is not None and cycle_id in roles_of(user).chair_cycles


@rules.predicate
def is_chair_anywhere(user) -> bool:
    return bool(roles_of(user).chair_cycles)


@rules.predicate
def discussion_is_open(user, target) -> bool:
    cycle = _cycle(target)
    return cycle is not None and cycle.discussion_open


@rules.predicate
def accepts_nominations(user, cycle) -> bool:
    return cycle is not None and cycle.drafting_open()


@rules.predicate
def own_review_submitted(user, assignment) -> bool:
    """The user's own (active) assignment, and they have submitted its review."""
    if assignment is None or assignment.reviewer_id != user.pk or not assignment.is_active:
        return False
    review = getattr(assignment, "review", None)  # none yet: the reverse accessor raises
    return review is not None and review.is_submitted


@rules.predicate
def is_draft_cycle(user, cycle) -> bool:
    return cycle is not None and cycle.status in (CycleStatus.DRAFT, CycleStatus.NOMINATING)


can_manage_cycle = is_hq_staff | is_chair_of

# The award management area (the list of cycles one may run).
rules.add_perm("awards.open_management", is_hq_staff | is_chair_anywhere)
# Create and edit awards and cycles; seat and unseat committee members.
rules.add_perm("awards.manage_awards", is_hq_staff)
# Object: a cycle. Settings, criteria, assignments, status, discussion, decision.
rules.add_perm("awards.manage_cycle", can_manage_cycle)
rules.add_perm("awards.edit_criteria", can_manage_cycle & is_draft_cycle)
# Object: a cycle. Scores, ranking and its export: only once the discussion is open.
rules.add_perm("awards.view_scores", can_manage_cycle & discussion_is_open)
# The member's nomination pages.
rules.add_perm("awards.nominate", is_member)
# Object: a cycle. Start a nomination in it.
rules.add_perm("awards.nominate_in", is_member & accepts_nominations)
# The reviewer's pages (which candidates: awards.selectors).
rules.add_perm("awards.review", is_committee_member)
# Object: the reviewer's own assignment. The other reviewers' scores and comments.
rules.add_perm("awards.view_peer_reviews", own_review_submitted & discussion_is_open)
