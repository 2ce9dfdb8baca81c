"""The figures of the dashboard, aggregated in SQL: a fixed number of queries whatever
the number of members.

"Members" here are current memberships (active or in the grace period); a person in
two associations counts once in the federation's breakdowns by person (country, field,
career stage) and once per association in the breakdown by association. The status
breakdown and the growth by year of joining cover every membership ever recorded.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from kofst.common.countries import country_name
from members.enums import CareerStage, MembershipStatus, ScienceField
from members.models import Membership

CURRENT = (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
NOT_GIVEN = _("Not given")


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # a Chart.js type: bar, doughnut, line
    rows: list[tuple[str, int]]
    extra_column: str = ""  # e.g. the cumulative total of the growth chart
    extra: list[int] = field(default_factory=list)

    @property
    def table(self) -> list[tuple]:
        if self.extra:
            return [(label, n, e) for (label, n), e in zip(self.rows, self.extra, strict=True)]
        return [(label, n) for label, n in self.rows]

    def as_json(self) -> dict:
        return {
            "id": f"chart-{self.key}",
            "type": self.kind,
            "title": str(self.title),
            "labels": [str(label) for label, _n in self.rows],
            "values": [n for _label, n in self.rows],
            "extra": self.extra,
            "extraLabel": str(self.extra_column),
        }


@dataclass
class Dashboard:
    association: Association | None
    people: int
    current_memberships: int
    all_memberships: int
    charts: list[Chart]


def _labelled(rows, key: str, labels: dict | None = None, namer=None) -> list[tuple[str, int]]:
    out = []
    for row in rows:
        value = row[key]
        if namer is not None:
            label = namer(value) if value else NOT_GIVEN
        elif labels is not None:
            label = labels.get(value, value) if value else NOT_GIVEN
        else:
            label = value if value not in (None, "") else NOT_GIVEN
        out.append((str(label), row["n"]))
    return out


def dashboard_figures(*, association: Association | None) -> Dashboard:
    """Figures for one association, or for the whole federation when ``None``.

    Scoping to what the viewer may see is the view's job (``members.view_dashboard``
    with the association as object).
    """
    memberships = Membership.objects.filter(person__merged_into__isnull=True)
    if association is not None:
        memberships = memberships.filter(association=association)
    with_status = memberships.with_status()
    current = memberships.with_status_in(list(CURRENT))

    totals = with_status.aggregate(
        all_memberships=Count("id"),
        current_memberships=Count("id", filter=Q(status_value__in=CURRENT)),
        people=Count("person", distinct=True, filter=Q(status_value__in=CURRENT)),
    )
    by_status = {
        row["status_value"]: row["n"]
        for row in with_status.values("status_value").annotate(n=Count("id")).order_by()
    }
    status_rows = [(str(s.label), by_status.get(s.value, 0)) for s in MembershipStatus]

    def by_person(column: str):
        return (
            current.values(column).annotate(n=Count("person", distinct=True)).order_by("-n", column)
        )

    country_rows = _labelled(by_person("person__country"), "person__country", namer=country_name)
    field_rows = _labelled(
        by_person("person__field"), "person__field", labels=dict(ScienceField.choices)
    )
    stage_counts = {
        row["person__career_stage"]: row["n"] for row in by_person("person__career_stage")
    }
    stage_rows = [(str(s.label), stage_counts.get(s.value, 0)) for s in CareerStage]
    if stage_counts.get("", 0) or stage_counts.get(None, 0):
        stage_rows.append((str(NOT_GIVEN), stage_counts.get("", 0) + stage_counts.get(None, 0)))
    association_rows = [
        (row["association__code"].upper(), row["n"])
        for row in current.values("association__code")
        .annotate(n=Count("id"))
        .order_by("-n", "association__code")
    ]
    growth = list(
        memberships.annotate(year=ExtractYear("joined_on"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    growth_rows = [(str(row["year"]), row["n"]) for row in growth]
    cumulative, running = [], 0
    for _label, n in growth_rows:
        running += n
        cumulative.append(running)

    charts = [
        Chart("status", _("Memberships by status"), "doughnut", status_rows),
        Chart("country", _("Members by country of residence"), "bar", country_rows),
    ]
    if association is None:
        charts.append(Chart("association", _("Members by association"), "bar", association_rows))
    charts += [
        Chart("field", _("Members by field of science"), "bar", field_rows),
        Chart("career", _("Members by career stage"), "bar", stage_rows),
        Chart(
            "growth",
            _("New members by year of joining"),
            "line",
            growth_rows,
            extra_column=_("Total since the start"),
            extra=cumulative,
        ),
    ]
    return Dashboard(
        association=association,
        people=totals["people"],
        current_memberships=totals["current_memberships"],
        all_memberships=totals["all_memberships"],
        charts=charts,
    )
