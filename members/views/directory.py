"""The expert directory for signed-in users."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kofst.common.access import require_perm
from members.directory import directory_people
from members.me_forms import DirectorySearchForm

EXPERTS_PER_PAGE = 25


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    require_perm(request, "members.view_directory")
    form = DirectorySearchForm(request.GET)
    criteria = form.criteria()
    people = directory_people(user=request.user, **criteria)
    page = Paginator(people, EXPERTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/directory/list.html",
        {
            "form": form,
            "page": page,
            "filters": {k: v for k, v in request.GET.items() if k != "page" and v},
        },
    )
