"""Putting a service's ``ValidationError`` in front of the user, the same way everywhere."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form


def errors_to_form(form: Form, exc: ValidationError) -> None:
    """A service's error next to the field it names, else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def errors_to_messages(request, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    """Each of a service's error messages as a message on the next page."""
    for message in exc.messages:
        messages.error(request, message)
