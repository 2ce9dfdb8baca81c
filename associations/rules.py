"""Who may do what with associations, their chapters, committees, staff and partners.

Association pages are public. An association's admins (and HQ) run its chapters,
committees and staff; plain staff run its roster (``members.rules``) but not its staff
list. Partner organisations and cooperation agreements are KOFST's: HQ only.
"""

import rules

from kofst.common.roles import is_admin_of, is_hq_staff

# Object: an Association.
rules.add_perm("associations.view_association", rules.always_allow)
rules.add_perm("associations.manage_association", is_hq_staff | is_admin_of)
# Accepting an invitation needs a signed-in user; the invitation itself decides the rest.
rules.add_perm("associations.accept_invitation", rules.is_authenticated)
rules.add_perm("associations.manage_partners", is_hq_staff)
