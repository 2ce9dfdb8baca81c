"""Likely duplicates: the list, the side-by-side comparison with a merge preview, the
merge itself and 'not the same person'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kofst.common.access import require_perm
from kofst.common.errors import errors_to_messages
from members.duplicates import (
    MAX_GROUP,
    all_candidates,
    candidates_visible_to,
    pair_for_staff,
    pair_reasons,
    pair_rows,
)
from members.manage_forms import MergeForm
from members.models import Person
from members.services.merge import merge_preview, people_mark_not_duplicate, person_merge

PAIRS_PER_PAGE = 25


@login_required
@require_GET
def duplicates(request: HttpRequest) -> HttpResponse:
    """Pairs of records that are probably one person, best-founded first, 25 a page."""
    require_perm(request, "members.view_duplicates")
    found = all_candidates()
    candidates = candidates_visible_to(user=request.user, found=found)
    paginator = Paginator(candidates, PAIRS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "members/duplicates/list.html",
        {
            "page": page,
            "rows": pair_rows(list(page.object_list)),
            "total": paginator.count,
            "too_common": found.too_common,
            "left_out": found.left_out,
            "computed_at": found.computed_at,
            "max_group": MAX_GROUP,
        },
    )


def _default_keep(low: Person, high: Person) -> Person:
    """The record with a login, else with more memberships, else the older one."""

    def weight(person: Person) -> tuple:
        return (person.user_id is not None, len(person.memberships.all()), -person.pk)

    return max((low, high), key=weight)


def _pair(request: HttpRequest, first_id: int, second_id: int):  # type: ignore[no-untyped-def]
    require_perm(request, "members.merge_people")
    low, high = pair_for_staff(user=request.user, first_id=first_id, second_id=second_id)
    wanted = request.POST.get("keep") or request.GET.get("keep")
    if wanted and str(wanted).isdigit() and int(wanted) in (low.pk, high.pk):
        keep = low if int(wanted) == low.pk else high
    else:
        keep = _default_keep(low, high)
    drop = high if keep is low else low
    return keep, drop


def _compare_context(keep: Person, drop: Person, form: MergeForm | None = None) -> dict:
    preview = merge_preview(keep=keep, drop=drop)
    return {
        "keep": keep,
        "drop": drop,
        "preview": preview,
        "form": form or MergeForm(preview=preview),
        "reasons": pair_reasons(keep, drop),
    }


@login_required
@require_GET
def duplicate_compare(request: HttpRequest, first_id: int, second_id: int) -> HttpResponse:
    """Both records side by side; pick which stays and whose value wins per field."""
    keep, drop = _pair(request, first_id, second_id)
    return render(request, "members/duplicates/compare.html", _compare_context(keep, drop))


@login_required
@require_POST
def duplicate_merge(request: HttpRequest, first_id: int, second_id: int) -> HttpResponse:
    keep, drop = _pair(request, first_id, second_id)
    preview = merge_preview(keep=keep, drop=drop)
    form = MergeForm(request.POST, preview=preview)
    if form.is_valid():
        try:
            kept = person_merge(
                keep=keep, drop=drop, take_from_drop=form.take_from_drop(), actor=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Record #%(drop)s was merged into #%(keep)s.")
                % {"drop": drop.pk, "keep": kept.pk},
            )
            if request.user.has_perm("members.view_person", kept):
                return redirect("members:person_detail", person_id=kept.pk)
            return redirect("members:duplicates")
    context = _compare_context(keep, drop, form)
    return render(request, "members/duplicates/compare.html", context, status=400)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, first_id: int, second_id: int) -> HttpResponse:
    """'Not the same person': the pair is never proposed again."""
    keep, drop = _pair(request, first_id, second_id)
    try:
        people_mark_not_duplicate(first=keep, second=drop, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect(reverse("members:duplicate_compare", args=[first_id, second_id]))
    messages.success(
        request,
        _("Records #%(a)s and #%(b)s are marked as different people.")
        % {"a": min(keep.pk, drop.pk), "b": max(keep.pk, drop.pk)},
    )
    return redirect("members:duplicates")
