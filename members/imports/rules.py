"""Who may import into and export from a roster.

HQ staff: any association. Association staff and admins: their own association(s) only.
Imported by the imports' views and selectors, which is where these are asked.
"""

import rules

from kofst.common.roles import is_association_staff, is_hq_staff, is_staff_of


@rules.predicate
def imports_into(user, association) -> bool:
    """Without an object: staff of some association; with one: staff of that one."""
    if association is None:
        return is_association_staff(user)
    return is_staff_of(user, association)


@rules.predicate
def is_staff_of_job(user, job) -> bool:
    return job is not None and is_staff_of(user, job.association_id)


# No object: the imports pages at all; an Association: importing into it.
rules.add_perm("members.import_roster", is_hq_staff | imports_into)
# An ImportJob: its pages, its error report.
rules.add_perm("members.view_import", is_hq_staff | is_staff_of_job)
