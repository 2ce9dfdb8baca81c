"""Privacy requests on one person: export everything held (JSON) and erase.

The person page shows these actions through a section (``privacy_section``), registered
below when the URLconf imports this module.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kofst.common.access import require_perm
from members.manage_forms import EraseForm
from members.models import Person
from members.sections import register_person_section
from members.selectors import person_for_staff
from members.services.privacy import person_erase, person_export


@login_required
@require_POST
def person_export_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """Download everything held on the person as a JSON file (the export is recorded)."""
    person = person_for_staff(user=request.user, person_id=person_id)
    require_perm(request, "members.export_person", person)
    data = person_export(person=person, actor=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def person_erase_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """Confirm, then erase the person's personal data (statistics are kept)."""
    person = person_for_staff(user=request.user, person_id=person_id)
    require_perm(request, "members.erase_person", person)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person_erase(person=person, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The personal data of record #%(id)s was erased.") % {"id": person.pk}
            )
            return redirect("members:person_detail", person_id=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "members/privacy/erase.html", {"person": person, "form": form}, status=status
    )


def privacy_section(request: HttpRequest, person: Person):  # type: ignore[no-untyped-def]
    """Export and erase buttons on the staff person page, for those who may use them."""
    can_export = request.user.has_perm("members.export_person", person)
    can_erase = person.erased_at is None and request.user.has_perm("members.erase_person", person)
    if not (can_export or can_erase):
        return None
    return (
        "members/privacy/section.html",
        {"can_export": can_export, "can_erase": can_erase},
    )


register_person_section(privacy_section)
