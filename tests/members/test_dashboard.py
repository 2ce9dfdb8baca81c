"""The dashboard: figures in SQL, scoped to what the viewer may see, charts with tables."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from members.statistics import dashboard_figures
from tests.factories import AssociationFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("members:dashboard")


def chart(figures, key) -> dict:
    return dict(next(c for c in figures.charts if c.key == key).rows)


def enrol(association, *, joined_year=2020, expired=False, **person):
    today = timezone.localdate()
    values = {"family_name_ko": "", "given_name_ko": "", **person}
    return MembershipFactory(
        person=PersonFactory(**values),
        association=association,
        joined_on=dt.date(joined_year, 3, 1),
        expires_on=today - dt.timedelta(days=400) if expired else today + dt.timedelta(days=30),
    )


@pytest.fixture
def federation(association, other_association):
    enrol(association, country="US", field="physics", career_stage="student", joined_year=2019)
    enrol(association, country="US", field="physics", career_stage="senior", joined_year=2020)
    enrol(association, country="CA", field="", career_stage="", joined_year=2020, expired=True)
    both = enrol(other_association, country="DE", field="chemistry", joined_year=2021)
    MembershipFactory(person=both.person, association=association, joined_on=dt.date(2021, 5, 1))
    return association, other_association


def test_federation_figures_count_people_once(federation):
    figures = dashboard_figures(association=None)

    assert (figures.people, figures.current_memberships, figures.all_memberships) == (3, 4, 5)
    assert chart(figures, "country") == {"United States": 2, "Germany": 1}
    assert chart(figures, "association") == {"KSEA": 3, "VEKNI": 1}
    assert chart(figures, "status") == {
        "Active": 4,
        "In grace period": 0,
        "Expired": 1,
        "Resigned": 0,
    }
    assert chart(figures, "field") == {"Physics and astronomy": 2, "Chemistry": 1}
    assert chart(figures, "career")["Student"] == 1
    growth = next(c for c in figures.charts if c.key == "growth")
    assert growth.table == [("2019", 1, 1), ("2020", 2, 3), ("2021", 2, 5)]


def test_association_figures_leave_other_associations_out(federation):
    association, _other = federation

    figures = dashboard_figures(association=association)

    assert (figures.people, figures.current_memberships) == (3, 3)
    assert "association" not in [c.key for c in figures.charts]
    assert chart(figures, "country") == {"United States": 2, "Germany": 1}


def test_hq_sees_the_federation_and_can_pick_an_association(client, federation, hq_user):
    association, other = federation
    client.force_login(hq_user)

    whole = client.get(DASHBOARD)
    one = client.get(DASHBOARD, {"association": other.code})

    assert whole.context["association"] is None
    assert whole.context["figures"].people == 3
    assert one.context["association"] == other
    assert one.context["figures"].people == 1


def test_staff_see_their_association_and_not_another(client, federation, association_staff):
    association, other = federation
    client.force_login(association_staff)

    own = client.get(DASHBOARD)
    foreign = client.get(DASHBOARD, {"association": other.code})

    assert own.context["association"] == association
    assert own.context["figures"].people == 3
    assert foreign.status_code == 404


def test_dashboard_has_chart_data_and_tables_without_inline_script(
    client, federation, association_staff
):
    client.force_login(association_staff)

    response = client.get(DASHBOARD)

    content = response.content.decode()
    assert '<script id="dashboard-data" type="application/json">' in content
    assert "js/dashboard.js" in content and "chart.umd.min.js" in content
    assert 'data-chart-table="country"' in content
    inline = content.count("<script>") + content.count('<script type="text/javascript">')
    assert inline == 0


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_query_count_is_constant(client, hq_user, django_assert_max_num_queries, n):
    for i in range(n):
        association = AssociationFactory(code=f"a{i}")
        enrol(association, country="US", field="physics", joined_year=2010 + i)
    client.force_login(hq_user)

    with django_assert_max_num_queries(16):
        response = client.get(DASHBOARD)

    assert response.context["figures"].people == n
