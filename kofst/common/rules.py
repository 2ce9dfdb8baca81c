"""Permissions for the pages ``kofst.common`` serves itself."""

import rules

from kofst.common.roles import is_committee_member, is_staff_anywhere

# The staff landing page /manage/: staff of any association (or HQ), and committee members.
rules.add_perm("common.open_staff_area", is_staff_anywhere | is_committee_member)
