"""Who may do what with mail.

Headquarters staff: every campaign and every message, and KOFST-wide campaigns (no
association). Association staff and admins: campaigns of their own association(s), and
the messages of those associations. Nobody else. The lists are scoped by
``kofst.mail.selectors`` in the same way; a campaign or message out of scope is a 404.
"""

import rules

from kofst.common.roles import is_association_staff, is_hq_staff, is_staff_of

can_use_mail = is_hq_staff | is_association_staff

# The campaign list and the "new campaign" page (no object).
rules.add_perm("mail.view_campaigns", can_use_mail)
rules.add_perm("mail.add_campaign", can_use_mail)
# Object: a Campaign (or an Association, for a new campaign of it). Without an
# association the campaign is KOFST-wide: headquarters only.
rules.add_perm("mail.manage_campaign", is_hq_staff | is_staff_of)
# Looking messages up by recipient (no object), and one message with its history.
rules.add_perm("mail.view_messages", can_use_mail)
rules.add_perm("mail.view_message", is_hq_staff | is_staff_of)
