"""The staff roster: search, filter, sort, page; bulk actions; CSV export."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kofst.common.access import require_perm
from kofst.common.csv_safe import csv_response, csv_streaming_response
from kofst.common.errors import errors_to_messages
from members.enums import MembershipStatus, MembershipType
from members.exports import ROSTER_COLUMNS, roster_rows
from members.filters import RosterFilter, shows_association
from members.forms import BulkActionForm
from members.models import Membership
from members.selectors import (
    DEFAULT_ROSTER_SORT,
    chapters_managed_by,
    memberships_selected,
    roster_memberships,
    roster_result,
)
from members.services.memberships import (
    memberships_bulk_move_chapter,
    memberships_bulk_renew,
    memberships_bulk_resign,
)
from members.views.common import safe_next

# The roster's columns: (label, ascending sort key or None, shown only with associations).
COLUMNS = [
    (_lazy("Name"), "name_latin", False),
    (_lazy("Hangul name"), "name_ko", False),
    (_lazy("Member no."), "member_number", False),
    (_lazy("Association"), "association", True),
    (_lazy("Chapter"), None, False),
    (_lazy("Type"), None, False),
    (_lazy("Affiliation"), None, False),
    (_lazy("Joined"), "joined", False),
    (_lazy("Expires"), "expires", False),
    (_lazy("Status"), None, False),
]
# The big text columns the roster never shows.
_DEFERRED = ("person__search_text", "person__search_grams", "person__keywords")


def _roster_filter(request: HttpRequest, *, for_page: bool = True) -> RosterFilter:
    memberships = roster_memberships(user=request.user)
    if for_page:
        memberships = memberships.defer(*_DEFERRED)
    return RosterFilter(request.GET or None, queryset=memberships, user=request.user)


class KnownCountPaginator(Paginator):
    """A paginator told the number of rows (counted by ``roster_result``)."""

    def __init__(self, object_list, per_page: int, count: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._known_count


STATUS_BADGE = {
    MembershipStatus.ACTIVE: "text-bg-success",
    MembershipStatus.GRACE: "text-bg-warning",
    MembershipStatus.EXPIRED: "text-bg-danger",
    MembershipStatus.RESIGNED: "text-bg-secondary",
}


@dataclass(frozen=True)
class RosterRow:
    """One roster line: the membership and its ``<tr>``, built here in one ``format_html``.

    Fifty rows of a dozen template variables each (lookups, escaping, a URL reversal and
    translations per row) were most of the page's rendering time."""

    membership: Membership
    html: str


_ROW_HTML = (
    '<tr><td><input type="checkbox" class="form-check-input roster-select" name="selected"'
    ' value="{pk}" form="bulk-form" aria-label="{select_label}"></td>'
    '<td><a href="{url}">{name_latin}</a>{email}</td>'
    '<td lang="ko"><a href="{url}">{name_ko}</a></td>'
    '<td class="font-monospace">{number}</td>{association}'
    "<td>{chapter}</td><td>{type}</td>"
    '<td class="small">{affiliation}</td>'
    '<td class="text-nowrap">{joined}</td>'
    '<td class="text-nowrap" data-expires>{expires}</td>'
    '<td><span class="badge {status_class}" data-status="{status}">{status_label}</span></td>'
    "</tr>"
)


def _rows(memberships, *, show_association: bool) -> list[RosterRow]:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    url_pattern = reverse("members:person_detail", args=[0])[:-2]  # ".../people/"
    types = {value: str(label) for value, label in MembershipType.choices}
    labels = {value: str(label) for value, label in MembershipStatus.choices}
    select = _("Select %(name)s")
    rows = []
    for m in memberships:
        status = m.status_on(today)
        person = m.person
        name_latin, name_ko = person.name_latin, person.name_ko
        html = format_html(
            _ROW_HTML,
            pk=m.pk,
            select_label=select % {"name": name_latin or name_ko},
            url=f"{url_pattern}{person.pk}/",
            name_latin=name_latin or "—",
            email=format_html('<div class="small text-muted">{}</div>', person.email)
            if person.email
            else "",
            name_ko=name_ko or "—",
            number=m.member_number,
            association=format_html("<td>{}</td>", m.association.display_code)
            if show_association
            else "",
            chapter=m.chapter.name if m.chapter else "",
            type=types.get(m.type, m.type),
            affiliation=person.affiliation,
            joined=m.joined_on.isoformat(),
            expires=m.expires_on.isoformat() if m.expires_on else "—",
            status_class=STATUS_BADGE[status],
            status=status.value,
            status_label=labels[status],
        )
        rows.append(RosterRow(membership=m, html=html))
    return rows


def _columns(current_sort: str, show_association: bool) -> list[dict]:
    """Header cells: label, the sort key its link sets (toggling), and the direction."""
    columns = []
    for label, key, association_only in COLUMNS:
        if association_only and not show_association:
            continue
        direction = ""
        if key and current_sort == key:
            direction = "asc"
        elif key and current_sort == "-" + key:
            direction = "desc"
        columns.append(
            {
                "label": label,
                "sort": ("-" + key if direction == "asc" else key) if key else None,
                "direction": direction,
            }
        )
    return columns


@login_required
@require_GET
def roster(request: HttpRequest) -> HttpResponse:
    """The list of members of the user's association(s), 50 a page, with total count."""
    require_perm(request, "members.view_roster")
    roster_filter = _roster_filter(request)
    memberships = roster_filter.qs  # validates the filter form
    cleaned = roster_filter.form.cleaned_data if roster_filter.is_bound else {}
    result = roster_result(memberships, searched=bool(cleaned.get("q")))
    paginator = KnownCountPaginator(result.memberships, settings.ROSTER_PAGE_SIZE, result.count)
    page = paginator.get_page(request.GET.get("page"))
    current_sort = cleaned.get("sort") or DEFAULT_ROSTER_SORT
    show_association = roster_filter.shows_association
    bulk_form = BulkActionForm(
        chapters=chapters_managed_by(user=request.user), show_association=show_association
    )
    context = {
        "filter": roster_filter,
        "page": page,
        "rows": _rows(page.object_list, show_association=show_association),
        "total": paginator.count,
        "capped": result.capped,
        "today": timezone.localdate(),
        "current_sort": current_sort,
        "columns": _columns(current_sort, show_association),
        "more_filters": [
            roster_filter.form[name]
            for name in roster_filter.form.fields
            if name not in ("q", "sort", "association")
        ],
        "show_association": show_association,
        "bulk_form": bulk_form,
        # The filter's cached (id, label) pairs: no chapter query, no model instances.
        "bulk_chapter_choices": [("", _("No chapter")), *roster_filter.choices.chapters],
        "can_add": request.user.has_perm("members.add_person"),
    }
    if request.htmx and request.htmx.target == "roster-results":
        return render(request, "members/partials/roster_results.html", context)
    return render(request, "members/roster/list.html", context)


@login_required
@require_GET
def roster_export(request: HttpRequest) -> HttpResponse:
    """Every row matching the current search and filters, as CSV."""
    require_perm(request, "members.export_roster")
    memberships = _roster_filter(request, for_page=False).qs
    filename = f"roster-{timezone.localdate().isoformat()}.csv"
    return csv_streaming_response(
        filename, ROSTER_COLUMNS, roster_rows(memberships.iterator(chunk_size=2000))
    )


@login_required
@require_POST
def roster_bulk(request: HttpRequest) -> HttpResponse:
    """Renew, move, resign or export the selected rows: all or none."""
    require_perm(request, "members.view_roster")
    back = safe_next(request, reverse("members:roster"))
    form = BulkActionForm(
        request.POST,
        chapters=chapters_managed_by(user=request.user),
        show_association=shows_association(request.user),
    )
    requested = {i for i in request.POST.getlist("selected") if i.isdigit()}
    selected = memberships_selected(user=request.user, ids=requested)
    if len(selected) != len(requested):
        raise Http404  # some of the rows are not the user's to act on
    if not selected:
        messages.warning(request, _("Select at least one member first."))
        return redirect(back)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    action = form.cleaned_data["action"]
    perm = "members.export_roster" if action == "export" else "members.manage_membership"
    for membership in selected:
        require_perm(request, perm, membership.association if action == "export" else membership)
    if action == "export":
        filename = f"roster-selection-{timezone.localdate().isoformat()}.csv"
        return csv_response(filename, ROSTER_COLUMNS, roster_rows(selected))
    try:
        if action == "renew":
            count = memberships_bulk_renew(
                memberships=selected, actor=request.user, years=form.cleaned_data["years"]
            )
            done = ngettext(
                "Renewed %(count)d membership.", "Renewed %(count)d memberships.", count
            )
        elif action == "move_chapter":
            count = memberships_bulk_move_chapter(
                memberships=selected, chapter=form.cleaned_data["chapter"], actor=request.user
            )
            done = ngettext("Moved %(count)d membership.", "Moved %(count)d memberships.", count)
        else:
            count = memberships_bulk_resign(
                memberships=selected, on=form.cleaned_data["on"], actor=request.user
            )
            done = ngettext(
                "Marked %(count)d membership resigned.",
                "Marked %(count)d memberships resigned.",
                count,
            )
    except ValidationError as exc:
        messages.error(request, _("Nothing was changed, because:"))
        errors_to_messages(request, exc)
        return redirect(back)
    messages.success(request, done % {"count": count})
    return redirect(back)
