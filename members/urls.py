from django.urls import path

from members.views import applications as application_views
from members.views import dashboard, directory, duplicates, me, memberships, people, privacy, roster

app_name = "members"

urlpatterns: list = [
    # Staff roster and people (issue 3).
    path("manage/roster/", roster.roster, name="roster"),
    path("manage/roster/export/", roster.roster_export, name="roster_export"),
    path("manage/roster/bulk/", roster.roster_bulk, name="roster_bulk"),
    path("manage/people/new/", people.person_create, name="person_create"),
    path("manage/people/<int:person_id>/", people.person_detail, name="person_detail"),
    path("manage/people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path(
        "manage/people/<int:person_id>/memberships/new/",
        memberships.membership_create_view,
        name="membership_create",
    ),
    path(
        "manage/memberships/<int:membership_id>/edit/",
        memberships.membership_edit,
        name="membership_edit",
    ),
    path(
        "manage/memberships/<int:membership_id>/renew/",
        memberships.membership_renew_view,
        name="membership_renew",
    ),
    path(
        "manage/memberships/<int:membership_id>/resign/",
        memberships.membership_resign_view,
        name="membership_resign",
    ),
    path(
        "manage/memberships/<int:membership_id>/dues/new/",
        memberships.dues_create,
        name="dues_create",
    ),
]

# Duplicates, privacy, a member's own pages, applications, directory, dashboard (issue 3).
urlpatterns += [
    path("manage/duplicates/", duplicates.duplicates, name="duplicates"),
    path(
        "manage/duplicates/<int:first_id>/<int:second_id>/",
        duplicates.duplicate_compare,
        name="duplicate_compare",
    ),
    path(
        "manage/duplicates/<int:first_id>/<int:second_id>/merge/",
        duplicates.duplicate_merge,
        name="duplicate_merge",
    ),
    path(
        "manage/duplicates/<int:first_id>/<int:second_id>/not-duplicate/",
        duplicates.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path(
        "manage/people/<int:person_id>/export/",
        privacy.person_export_view,
        name="person_export",
    ),
    path("manage/people/<int:person_id>/erase/", privacy.person_erase_view, name="person_erase"),
    path("me/", me.me, name="me"),
    path("me/profile/", me.me_edit, name="me_edit"),
    path("me/apply/", me.me_apply, name="me_apply"),
    path(
        "me/applications/<int:application_id>/withdraw/",
        me.me_application_withdraw,
        name="me_application_withdraw",
    ),
    path("manage/applications/", application_views.applications, name="applications"),
    path(
        "manage/applications/<int:application_id>/",
        application_views.application_decide,
        name="application_decide",
    ),
    path("directory/", directory.directory, name="directory"),
    path("manage/dashboard/", dashboard.dashboard, name="dashboard"),
]

# Roster import and export (issue 5).
from members.imports.urls import urlpatterns as import_urlpatterns  # noqa: E402

urlpatterns += import_urlpatterns
