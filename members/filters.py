"""The roster's search box, filters and sort, as a django-filter FilterSet.

The queryset it filters is already scoped to the user (``members.selectors``); the
association and chapter choices are the user's own, so a value from elsewhere is simply
invalid and ignored.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kofst.common.countries import country_choices
from kofst.common.roles import roles_of
from kofst.common.widgets import FastSelect
from members.enums import CareerStage, MembershipStatus, MembershipType, ScienceField
from members.models import Membership
from members.selectors import roster_choices, roster_order, search_condition

SORT_CHOICES = [
    ("name_latin", _("Name (Latin), A–Z")),
    ("-name_latin", _("Name (Latin), Z–A")),
    ("name_ko", _("Name (Hangul), ㄱ–ㅎ")),
    ("-name_ko", _("Name (Hangul), ㅎ–ㄱ")),
    ("member_number", _("Member number, ascending")),
    ("-member_number", _("Member number, descending")),
    ("joined", _("Joined, oldest first")),
    ("-joined", _("Joined, newest first")),
    ("expires", _("Expires, soonest first")),
    ("-expires", _("Expires, latest first")),
    ("association", _("Association")),
    ("-association", _("Association, descending")),
]


class AnyYesNoWidget(FastSelect):
    """Any / yes / no for a boolean filter."""

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs, choices=(("", _("Any")), ("true", _("Yes")), ("false", _("No"))))

    def format_value(self, value):  # type: ignore[no-untyped-def]
        return [{True: "true", False: "false"}.get(value, "")]

    def value_from_datadict(self, data, files, name):  # type: ignore[no-untyped-def]
        return {"true": True, "false": False}.get(str(data.get(name, "")).lower())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(attrs, format="%Y-%m-%d")


def shows_association(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``user``'s roster spans associations (HQ, or staff of more than one): then
    rows say whose they are, and association is a filter."""
    roles = roles_of(user)
    return roles.hq or len(roles.staff_of) > 1


class RosterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.SearchInput(
            attrs={"placeholder": _("Name, email, affiliation or member number")}
        ),
    )
    # Plain (id, label) choices from ``roster_choices`` (cached), not model instances.
    association = django_filters.ChoiceFilter(
        label=_("Association"),
        choices=(),
        empty_label=_("All associations"),
        widget=FastSelect,
    )
    chapter = django_filters.ChoiceFilter(
        label=_("Chapter"), choices=(), empty_label=_("All chapters"), widget=FastSelect
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=MembershipStatus.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=MembershipType.choices,
        empty_label=_("All types"),
        widget=FastSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="person__country",
        choices=country_choices,
        empty_label=_("All countries"),
        widget=FastSelect,
    )
    field = django_filters.ChoiceFilter(
        label=_("Field"),
        field_name="person__field",
        choices=ScienceField.choices,
        empty_label=_("All fields"),
        widget=FastSelect,
    )
    career_stage = django_filters.ChoiceFilter(
        label=_("Career stage"),
        field_name="person__career_stage",
        choices=CareerStage.choices,
        empty_label=_("All career stages"),
        widget=FastSelect,
    )
    joined_from = django_filters.DateFilter(
        label=_("Joined from"), field_name="joined_on", lookup_expr="gte", widget=DateInput
    )
    joined_to = django_filters.DateFilter(
        label=_("Joined until"), field_name="joined_on", lookup_expr="lte", widget=DateInput
    )
    expires_from = django_filters.DateFilter(
        label=_("Expires from"), field_name="expires_on", lookup_expr="gte", widget=DateInput
    )
    expires_to = django_filters.DateFilter(
        label=_("Expires until"), field_name="expires_on", lookup_expr="lte", widget=DateInput
    )
    newsletter = django_filters.BooleanFilter(
        label=_("Newsletter consent"),
        field_name="person__consent_newsletter",
        widget=AnyYesNoWidget,
    )
    directory = django_filters.BooleanFilter(
        label=_("Listed in the directory"),
        field_name="person__consent_directory",
        widget=AnyYesNoWidget,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        widget=FastSelect,
    )

    class Meta:
        model = Membership
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.shows_association = shows_association(user)
        self.choices = roster_choices(user=user)
        if self.shows_association:
            self.filters["association"].extra["choices"] = self.choices.associations
        else:
            del self.filters["association"]
        self.filters["chapter"].extra["choices"] = self.choices.chapters

    def filter_search(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(search_condition(value, prefix="person__"))

    def filter_status(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.with_status_in(list(value))

    def filter_sort(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return roster_order(queryset, value)

    @property
    def active_count(self) -> int:
        """How many filters (beyond search and sort) are set, for the page's summary."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return sum(
            1
            for name, value in data.items()
            if name not in ("q", "sort") and value not in (None, "", [], ())
        )
