"""Writes to people, memberships and dues, one module per area.

Import the functions from their modules (``members.services.memberships`` …). Every
function is keyword-only, takes the ``actor``, runs in ``transaction.atomic()``, writes a
history entry with ``kofst.common.audit.audit_record`` and keeps ``Person.search_text`` /
``search_grams`` up to date (``members.services.people.person_refresh_search``).
"""
