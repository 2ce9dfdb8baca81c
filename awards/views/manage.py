"""The chair's and HQ's pages under /manage/awards/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors
from awards.enums import CYCLE_TRANSITIONS, CycleStatus
from awards.forms import (
    AssignForm,
    AwardForm,
    CriterionFormSet,
    CycleForm,
    DecisionForm,
    SeatForm,
)
from awards.models import Assignment, Award, AwardCycle, Candidate, CommitteeSeat
from awards.services import assignments as assignment_services
from awards.services import cycles as cycle_services
from awards.services import decisions as decision_services
from awards.services.cycles import CYCLE_FIELDS, CriterionInput
from kofst.accounts.models import User
from kofst.common.access import perm_required, require_perm
from kofst.common.csv_safe import csv_response
from kofst.common.errors import errors_to_form, errors_to_messages

PAGE_SIZE = 50


@perm_required("awards.open_management")
def manage_list(request: HttpRequest) -> HttpResponse:
    cycles = list(selectors.cycles_managed_by(user=request.user))
    awards = (
        list(Award.objects.order_by("code"))
        if request.user.has_perm("awards.manage_awards")
        else []
    )
    return render(request, "awards/manage/list.html", {"cycles": cycles, "awards": awards})


@perm_required("awards.manage_awards")
def award_create(request: HttpRequest) -> HttpResponse:
    return _award_form(request, None)


@perm_required("awards.manage_awards")
def award_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _award_form(request, get_object_or_404(Award, code=code))


def _award_form(request: HttpRequest, award: Award | None) -> HttpResponse:
    form = AwardForm(instance=award)
    if request.method == "POST":
        form = AwardForm(request.POST, instance=award)
        if form.is_valid():
            try:
                cycle_services.award_save(award=award, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The award was saved."))
                return redirect("awards:manage_list")
            except ValidationError as exc:
                errors_to_form(form, exc)
    return render(request, "awards/manage/award_form.html", {"form": form, "award": award})


def _cycle_form(request: HttpRequest, *, award: Award, cycle: AwardCycle | None) -> HttpResponse:
    tz = cycle.tzinfo if cycle else AwardCycle().tzinfo
    with timezone.override(tz):
        form = CycleForm(instance=cycle)
        if request.method == "POST":
            form = CycleForm(request.POST, instance=cycle)
            if form.is_valid():
                values = {name: form.cleaned_data[name] for name in CYCLE_FIELDS}
                try:
                    saved = cycle_services.cycle_save(
                        cycle=cycle, award=award, actor=request.user, **values
                    )
                    messages.success(request, _("The cycle was saved."))
                    return redirect("awards:cycle_manage", saved.pk)
                except ValidationError as exc:
                    errors_to_form(form, exc)
        return render(
            request,
            "awards/manage/cycle_form.html",
            {"form": form, "award": award, "cycle": cycle, "timezone_name": tz.key},
        )


@perm_required("awards.manage_awards")
def cycle_create(request: HttpRequest, code: str) -> HttpResponse:
    return _cycle_form(request, award=get_object_or_404(Award, code=code), cycle=None)


@perm_required("awards.open_management")
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    return _cycle_form(request, award=cycle.award, cycle=cycle)


@perm_required("awards.open_management")
def cycle_manage(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    candidates = selectors.candidates_for_manager(cycle=cycle)
    progress = {
        "candidates": sum(1 for c in candidates if not c.is_withdrawn),
        "nominations": sum(c.nomination_count for c in candidates),
        "assignments": sum(c.reviewer_count for c in candidates if not c.is_withdrawn),
        "submitted": sum(c.submitted_count for c in candidates if not c.is_withdrawn),
        "understaffed": sum(
            1
            for c in candidates
            if not c.is_withdrawn and c.reviewer_count < cycle.reviewers_per_nomination
        ),
    }
    next_status = CYCLE_TRANSITIONS.get(cycle.status)
    return render(
        request,
        "awards/manage/cycle.html",
        {
            "cycle": cycle,
            "criteria": list(cycle.criteria.all()),
            "seats": list(cycle.seats.select_related("user").order_by("role", "user__email")),
            "progress": progress,
            "next_status": CycleStatus(next_status) if next_status else None,
            "can_manage_awards": request.user.has_perm("awards.manage_awards"),
            "can_view_scores": request.user.has_perm("awards.view_scores", cycle),
        },
    )


@perm_required("awards.open_management")
def criteria_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    editable = request.user.has_perm("awards.edit_criteria", cycle)
    initial = [
        {
            "name_en": c.name_en,
            "name_ko": c.name_ko,
            "weight": c.weight,
            "description_en": c.description_en,
            "description_ko": c.description_ko,
        }
        for c in cycle.criteria.all()
    ]
    formset = CriterionFormSet(initial=initial, prefix="criteria")
    error = ""
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if formset.is_valid():
            criteria = [
                CriterionInput(
                    name_en=f.cleaned_data["name_en"],
                    name_ko=f.cleaned_data.get("name_ko", ""),
                    weight=f.cleaned_data["weight"],
                    description_en=f.cleaned_data.get("description_en", ""),
                    description_ko=f.cleaned_data.get("description_ko", ""),
                )
                for f in formset.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and f.cleaned_data.get("name_en")
            ]
            try:
                cycle_services.criteria_replace(cycle=cycle, criteria=criteria, actor=request.user)
                messages.success(request, _("The criteria were saved."))
                return redirect("awards:cycle_manage", cycle.pk)
            except ValidationError as exc:
                error = " ".join(exc.messages)
    return render(
        request,
        "awards/manage/criteria.html",
        {"cycle": cycle, "formset": formset, "editable": editable, "error": error},
    )


@perm_required("awards.open_management")
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    can_edit = request.user.has_perm("awards.manage_awards")
    form = SeatForm()
    if request.method == "POST":
        require_perm(request, "awards.manage_awards")
        form = SeatForm(request.POST)
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            if user is None:
                form.add_error("email", _("No account uses this email address."))
            else:
                try:
                    cycle_services.seat_add(
                        cycle=cycle, user=user, role=form.cleaned_data["role"], actor=request.user
                    )
                    messages.success(request, _("%(user)s joined the committee.") % {"user": user})
                    return redirect("awards:committee", cycle.pk)
                except ValidationError as exc:
                    errors_to_form(form, exc)
    seats = list(cycle.seats.select_related("user").order_by("role", "user__email"))
    return render(
        request,
        "awards/manage/committee.html",
        {"cycle": cycle, "seats": seats, "form": form, "can_edit": can_edit},
    )


@require_POST
@perm_required("awards.manage_awards")
def seat_remove(request: HttpRequest, pk: int, seat_id: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    seat = get_object_or_404(CommitteeSeat, pk=seat_id, cycle=cycle)
    try:
        cycle_services.seat_remove(seat=seat, actor=request.user)
        messages.success(request, _("%(user)s left the committee.") % {"user": seat.user})
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:committee", cycle.pk)


@require_POST
@perm_required("awards.open_management")
def cycle_advance(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    try:
        cycle = cycle_services.cycle_advance(
            cycle=cycle, to_status=request.POST.get("to", ""), actor=request.user
        )
        messages.success(
            request, _("The cycle is now “%(status)s”.") % {"status": cycle.get_status_display()}
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:cycle_manage", cycle.pk)


@require_POST
@perm_required("awards.open_management")
def discussion_open(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    try:
        cycle_services.discussion_open(cycle=cycle, actor=request.user)
        messages.success(
            request,
            _(
                "The discussion is open: reviewers who submitted now see each other's scores, "
                "and the ranking is available."
            ),
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:cycle_manage", cycle.pk)


@perm_required("awards.open_management")
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    page = Paginator(selectors.candidates_for_manager(cycle=cycle), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "awards/manage/candidates.html", {"cycle": cycle, "page": page})


@perm_required("awards.open_management")
def candidate_manage(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_for_manager(user=request.user, pk=pk)
    cycle = candidate.cycle
    can_view_scores = request.user.has_perm("awards.view_scores", cycle)
    return render(
        request,
        "awards/manage/candidate.html",
        {
            "candidate": candidate,
            "cycle": cycle,
            "nominations": selectors.candidate_dossier(candidate=candidate),
            "assignments": selectors.candidate_assignments(candidate=candidate),
            "conflicts": selectors.candidate_conflicts(candidate=candidate),
            "criteria": list(cycle.criteria.all()),
            "reviews": (
                selectors.review_history(user=request.user, candidate=candidate)
                if can_view_scores
                else None
            ),
        },
    )


@perm_required("awards.open_management")
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    candidates_, seats = selectors.assignment_board(cycle=cycle)
    error_for: dict[int, str] = {}
    if request.method == "POST":
        form = AssignForm(request.POST, seats=seats)
        if form.is_valid():
            candidate = get_object_or_404(Candidate, pk=form.cleaned_data["candidate"], cycle=cycle)
            reviewer = next(s.user for s in seats if s.user_id == form.cleaned_data["reviewer"])
            try:
                assignment_services.assignment_create(
                    candidate=candidate, reviewer=reviewer, actor=request.user
                )
                messages.success(
                    request,
                    _("%(user)s now reviews %(name)s.")
                    % {"user": reviewer, "name": candidate.person.display_name},
                )
                return redirect("awards:assignments", cycle.pk)
            except ValidationError as exc:
                error_for[candidate.pk] = " ".join(exc.messages)
                candidates_, seats = selectors.assignment_board(cycle=cycle)
    for candidate in candidates_:
        candidate.assign_form = AssignForm(initial={"candidate": candidate.pk}, seats=seats)
        candidate.assign_error = error_for.get(candidate.pk, "")
        candidate.conflicted_ids = {c.reviewer_id for c in candidate.all_conflicts}
    return render(
        request,
        "awards/manage/assignments.html",
        {
            "cycle": cycle,
            "candidates": candidates_,
            "seats": seats,
            "assignable": cycle.status in assignment_services.ASSIGNABLE_STATUSES,
        },
        status=400 if error_for else 200,
    )


@require_POST
@perm_required("awards.open_management")
def assignments_auto(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    try:
        result = assignment_services.assignments_auto(cycle=cycle, actor=request.user)
        messages.success(request, _("%(n)s assignments were made.") % {"n": len(result.created)})
        for candidate, missing in result.short.items():
            messages.warning(
                request,
                _("%(name)s still needs %(n)s reviewer(s) without a conflict.")
                % {"name": candidate.person.display_name, "n": missing},
            )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:assignments", cycle.pk)


@require_POST
@perm_required("awards.open_management")
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("candidate__cycle"), pk=pk)
    cycle = selectors.cycle_for_manager(user=request.user, pk=assignment.candidate.cycle_id)
    try:
        assignment_services.assignment_remove(
            assignment=assignment, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The assignment was removed."))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:assignments", cycle.pk)


@perm_required("awards.open_management")
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    if not request.user.has_perm("awards.view_scores", cycle):
        return render(request, "awards/manage/ranking_closed.html", {"cycle": cycle}, status=403)
    criteria, rows = selectors.cycle_ranking(user=request.user, cycle=cycle)
    return render(
        request, "awards/manage/ranking.html", {"cycle": cycle, "criteria": criteria, "rows": rows}
    )


@perm_required("awards.open_management")
def ranking_csv(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    require_perm(request, "awards.view_scores", cycle)
    criteria, rows = selectors.cycle_ranking(user=request.user, cycle=cycle)
    header = [
        _("rank (normalised)"),
        _("rank (mean)"),
        _("nominee"),
        _("affiliation"),
        _("reviews"),
        _("mean weighted total"),
        _("normalised mean"),
        _("spread"),
        _("disagreement"),
        _("reviewer"),
        _("weighted total"),
        *[c.name for c in criteria],
    ]
    lines = []
    for row in rows:
        base = [
            row.result.rank_normalised,
            row.result.rank_mean,
            row.candidate.person.display_name,
            row.candidate.person.affiliation,
            row.result.review_count,
            row.result.mean,
            row.result.normalised,
            row.result.spread,
            row.result.disagreement,
        ]
        if not row.reviews:
            lines.append([*base, "", "", *["" for _c in criteria]])
        for review in row.reviews:
            by_criterion = {s.criterion_id: s.score for s in review.scores.all()}
            lines.append(
                [
                    *base,
                    str(review.assignment.reviewer),
                    row.result.totals.get(review.assignment.reviewer_id),
                    *[by_criterion.get(c.pk) for c in criteria],
                ]
            )
    return csv_response(f"award-ranking-{cycle.pk}.csv", header, lines)


@perm_required("awards.open_management")
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    if cycle.status not in (CycleStatus.DECIDING, CycleStatus.ANNOUNCED):
        raise Http404
    candidates_ = list(
        Candidate.objects.filter(cycle=cycle, is_withdrawn=False)
        .select_related("person")
        .order_by("person__family_name_latin", "id")
    )
    initial = {"rationale": cycle.decision_rationale}
    for c in candidates_:
        initial[f"winner_{c.pk}"] = c.outcome == "winner"
        initial[f"citation_en_{c.pk}"] = c.citation_en
        initial[f"citation_ko_{c.pk}"] = c.citation_ko
    form = DecisionForm(initial=initial, candidates=candidates_)
    if request.method == "POST":
        form = DecisionForm(request.POST, candidates=candidates_)
        if form.is_valid():
            try:
                decision_services.decision_record(
                    cycle=cycle,
                    winner_ids=form.winner_ids(),
                    rationale=form.cleaned_data["rationale"],
                    citations=form.citations(),
                    actor=request.user,
                )
                messages.success(request, _("The decision was recorded. Announce it when ready."))
                return redirect("awards:cycle_manage", cycle.pk)
            except ValidationError as exc:
                errors_to_form(form, exc)
    ranking_rows = None
    if request.user.has_perm("awards.view_scores", cycle):
        _criteria, ranking_rows = selectors.cycle_ranking(user=request.user, cycle=cycle)
    results = {r.candidate.pk: r.result for r in ranking_rows or []}
    for candidate in candidates_:
        candidate.result = results.get(candidate.pk)
    return render(request, "awards/manage/decision.html", {"cycle": cycle, "form": form})


@require_POST
@perm_required("awards.open_management")
def announce(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    try:
        with transaction.atomic():
            decision_services.cycle_announce(cycle=cycle, actor=request.user)
        messages.success(request, _("The winners were announced and everyone was notified."))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("awards:cycle_manage", cycle.pk)


@perm_required("awards.open_management")
def history(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_manager(user=request.user, pk=pk)
    page = Paginator(selectors.cycle_history(cycle=cycle), 100).get_page(request.GET.get("page"))
    return render(request, "awards/manage/history.html", {"cycle": cycle, "page": page})
