"""Writes to awards, one module per area.

Import the functions from their modules (``awards.services.nominations`` …). Every
function is keyword-only, takes the ``actor``, runs in ``transaction.atomic()``, writes a
history entry tagged with the cycle (``changes["cycle"]``) and sends its email through
``awards.notifications`` in the same transaction. Domain errors are
``ValidationError`` with translated messages.
"""
