"""The reviewer's pages under /review/: their assignments, scoring, conflicts.

Blind: every candidate is reached through ``selectors.assignment_for_reviewer`` (404
unless actively assigned and not in conflict) and other reviews only through
``selectors.peer_reviews``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from awards import selectors
from awards.forms import ConflictForm, ReviewForm
from awards.services.assignments import conflict_declare
from awards.services.reviews import ScoreInput, review_save
from kofst.common.access import perm_required
from kofst.common.errors import errors_to_form


@perm_required("awards.review")
def my_reviews(request: HttpRequest) -> HttpResponse:
    assignments = list(selectors.reviewer_assignments(user=request.user))
    return render(request, "awards/review/my_list.html", {"assignments": assignments})


def _initial(assignment) -> dict:
    initial = {}
    for criterion_id, row in selectors.own_scores(assignment=assignment).items():
        initial[f"score_{criterion_id}"] = row.score
        initial[f"comment_{criterion_id}"] = row.comment
    return initial


@perm_required("awards.review")
def review_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_reviewer(user=request.user, candidate_id=pk)
    candidate = assignment.candidate
    cycle = candidate.cycle
    criteria = list(cycle.criteria.all())
    form = ReviewForm(criteria=criteria, cycle=cycle, initial=_initial(assignment))
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST, criteria=criteria, cycle=cycle)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            scores = {
                c.pk: ScoreInput(
                    score=form.cleaned_data.get(f"score_{c.pk}"),
                    comment=form.cleaned_data.get(f"comment_{c.pk}", ""),
                )
                for c in criteria
            }
            try:
                review_save(assignment=assignment, scores=scores, submit=submit, actor=request.user)
                messages.success(
                    request,
                    _("Your review was submitted.") if submit else _("Your draft was saved."),
                )
                return redirect("awards:review_candidate", candidate.pk)
            except ValidationError as exc:
                errors_to_form(form, exc)
        status = 400
    review = getattr(assignment, "review_or_none", None)
    return render(
        request,
        "awards/review/candidate.html",
        {
            "assignment": assignment,
            "candidate": candidate,
            "cycle": cycle,
            "nominations": selectors.candidate_dossier(candidate=candidate),
            "form": form,
            "review": review,
            "revisions": selectors.own_revisions(assignment=assignment),
            "criteria": criteria,
            "peer_reviews": selectors.peer_reviews(user=request.user, assignment=assignment),
            "review_open": cycle.review_open(),
        },
        status=status,
    )


@perm_required("awards.review")
def conflict_declare_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_reviewer(user=request.user, candidate_id=pk)
    form = ConflictForm()
    if request.method == "POST":
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                conflict_declare(
                    assignment=assignment,
                    type=form.cleaned_data["type"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
                messages.success(
                    request,
                    _(
                        "Your conflict of interest was recorded and the nomination was taken "
                        "off your list. The chair will reassign it."
                    ),
                )
                return redirect("awards:my_reviews")
            except ValidationError as exc:
                errors_to_form(form, exc)
    return render(
        request,
        "awards/review/conflict.html",
        {"assignment": assignment, "candidate": assignment.candidate, "form": form},
    )
