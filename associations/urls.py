from django.urls import path

from associations import views

app_name = "associations"

_MANAGE = "manage/associations/<slug:code>/"

urlpatterns: list = [
    # Public pages.
    path("associations/", views.association_list, name="list"),
    path("associations/<slug:code>/", views.association_detail, name="detail"),
    path(
        "associations/invitations/<str:token>/",
        views.invitation_accept,
        name="invitation_accept",
    ),
    # An association's admins (and HQ): chapters, committees, staff.
    path(_MANAGE, views.association_manage, name="manage"),
    path(_MANAGE + "chapters/new/", views.chapter_create, name="chapter_create"),
    path(_MANAGE + "chapters/<int:chapter_id>/", views.chapter_edit, name="chapter_edit"),
    path(
        _MANAGE + "chapters/<int:chapter_id>/delete/",
        views.chapter_delete,
        name="chapter_delete",
    ),
    path(_MANAGE + "committees/new/", views.committee_create, name="committee_create"),
    path(
        _MANAGE + "committees/<int:committee_id>/",
        views.committee_edit,
        name="committee_edit",
    ),
    path(
        _MANAGE + "committees/<int:committee_id>/delete/",
        views.committee_delete,
        name="committee_delete",
    ),
    path(
        _MANAGE + "committees/<int:committee_id>/seats/",
        views.seat_add,
        name="seat_add",
    ),
    path(
        _MANAGE + "committees/<int:committee_id>/seats/<int:seat_id>/remove/",
        views.seat_remove,
        name="seat_remove",
    ),
    path(_MANAGE + "staff/invite/", views.staff_invite, name="staff_invite"),
    path(
        _MANAGE + "staff/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(_MANAGE + "staff/<int:role_id>/remove/", views.staff_remove, name="staff_remove"),
    # KOFST's partner organisations and cooperation agreements (HQ).
    path("manage/partners/", views.partners, name="partners"),
    path("manage/partners/new/", views.partner_create, name="partner_create"),
    path("manage/partners/<int:partner_id>/", views.partner_edit, name="partner_edit"),
    path(
        "manage/partners/<int:partner_id>/agreements/new/",
        views.agreement_create,
        name="agreement_create",
    ),
    path(
        "manage/partners/agreements/<int:agreement_id>/",
        views.agreement_edit,
        name="agreement_edit",
    ),
]
