"""Public award pages: the awards, their cycles, and the announced winners."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from awards import selectors


def award_list(request: HttpRequest) -> HttpResponse:
    awards = list(selectors.awards_public())
    return render(request, "awards/public/award_list.html", {"awards": awards})


def award_detail(request: HttpRequest, code: str) -> HttpResponse:
    award = selectors.award_public(code=code)
    return render(
        request,
        "awards/public/award_detail.html",
        {"award": award, "cycles": award.public_cycles},
    )


def cycle_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    award = selectors.award_public(code=code)
    cycle = selectors.cycle_public(award=award, year=year)
    return render(
        request,
        "awards/public/cycle_detail.html",
        {
            "award": award,
            "cycle": cycle,
            "criteria": list(cycle.criteria.all()),
            "winners": list(selectors.winners_of(cycle=cycle)),
            "can_nominate": request.user.has_perm("awards.nominate_in", cycle),
        },
    )
