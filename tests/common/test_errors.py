"""errors_to_form: the one way a service's ValidationError reaches the forms of a page."""

from django import forms
from django.core.exceptions import ValidationError

from kofst.common.errors import errors_to_form


class PersonForm(forms.Form):
    email = forms.CharField(required=False)


class EnrolForm(forms.Form):
    member_number = forms.CharField(required=False)


def bound(form_class):  # type: ignore[no-untyped-def]
    form = form_class({})
    form.is_valid()
    return form


def test_each_message_goes_to_the_first_form_with_its_field():
    person, enrol = bound(PersonForm), bound(EnrolForm)
    error = ValidationError({"email": "Taken.", "member_number": "Taken too.", "other": "Odd."})

    errors_to_form(person, error, enrol)

    assert person.errors["email"] == ["Taken."]
    assert enrol.errors["member_number"] == ["Taken too."]
    assert person.non_field_errors() == ["Odd."]  # a field no form has: top of the first
    assert enrol.non_field_errors() == []


def test_an_error_without_fields_goes_to_the_top_of_the_first_form():
    person = bound(PersonForm)

    errors_to_form(person, ValidationError(["One.", "Two."]))

    assert person.non_field_errors() == ["One.", "Two."]
