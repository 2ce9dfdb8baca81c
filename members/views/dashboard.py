"""The dashboard: the federation's figures for HQ, an association's for its staff."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kofst.common.access import require_perm
from members.selectors import associations_managed_by
from members.statistics import dashboard_figures


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """``?association=<code>`` picks one association; HQ without it sees the federation,
    staff without it their (first) association. Another association's code is a 404."""
    require_perm(request, "members.view_dashboard")
    associations = list(associations_managed_by(user=request.user).order_by("code"))
    federation = request.user.has_perm("members.view_federation_dashboard")
    code = request.GET.get("association", "")
    if code:
        association = next((a for a in associations if a.code == code.lower()), None)
        if association is None:
            raise Http404
    elif federation:
        association = None
    elif associations:
        association = associations[0]
    else:
        raise Http404
    require_perm(request, "members.view_dashboard", association)
    figures = dashboard_figures(association=association)
    return render(
        request,
        "members/dashboard/index.html",
        {
            "figures": figures,
            "association": association,
            "associations": associations,
            "federation": federation,
            "chart_data": [chart.as_json() for chart in figures.charts],
        },
    )
