"""Putting a service's ``ValidationError`` in front of the user, the same way everywhere."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form


def errors_to_form(form: Form, exc: ValidationError, *other_forms: Form) -> None:
    """A service's error next to the field it names (on the first of the forms that has
    that field), else at the top of ``form``."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    forms = (form, *other_forms)
    for field, errors in exc.message_dict.items():
        target = next((f for f in forms if field in f.fields), None)
        if target is None:
            form.add_error(None, errors)
        else:
            target.add_error(field, errors)


def errors_to_messages(request, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    """Each of a service's error messages as a message on the next page."""
    for message in exc.messages:
        messages.error(request, message)
