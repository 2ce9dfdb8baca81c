from django.urls import path

from conferences.views import checkin, manage, member, public, registrants

app_name = "conferences"

urlpatterns = [
    # Public
    path("conferences/", public.conference_list, name="list"),
    path("conferences/series/<slug:code>/", public.series_detail, name="series"),
    path("conferences/<slug:slug>/", public.conference_detail, name="detail"),
    path("conferences/<slug:slug>/programme/", public.programme, name="programme"),
    path("conferences/<slug:slug>/programme.ics", public.programme_ics, name="programme_ics"),
    path("conferences/<slug:slug>/sessions/<int:pk>.ics", public.session_ics, name="session_ics"),
    # A signed-in scientist
    path("conferences/<slug:slug>/register/", member.register, name="register"),
    path("me/conferences/", member.my_registrations, name="my_registrations"),
    path("me/conferences/<int:pk>/", member.my_registration, name="my_registration"),
    path("me/conferences/<int:pk>/answers/", member.change_answers, name="my_answers"),
    path("me/conferences/<int:pk>/cancel/", member.cancel, name="my_cancel"),
    path("me/conferences/<int:pk>/accept/", member.accept_offer, name="my_accept"),
    path("me/conferences/<int:pk>/ticket.png", member.ticket_png, name="my_ticket_png"),
    # Staff of an organising association, and HQ
    path("manage/conferences/", manage.conference_list, name="manage_list"),
    path("manage/conferences/new/", manage.conference_create, name="conference_create"),
    path("manage/conferences/series/new/", manage.series_create, name="series_create"),
    path("manage/conferences/<slug:slug>/", manage.dashboard, name="manage_detail"),
    path("manage/conferences/<slug:slug>/edit/", manage.conference_edit, name="conference_edit"),
    path(
        "manage/conferences/<slug:slug>/categories/new/",
        manage.category_edit,
        name="category_create",
    ),
    path(
        "manage/conferences/<slug:slug>/categories/<int:pk>/",
        manage.category_edit,
        name="category_edit",
    ),
    path(
        "manage/conferences/<slug:slug>/questions/new/",
        manage.question_edit,
        name="question_create",
    ),
    path(
        "manage/conferences/<slug:slug>/questions/<int:pk>/",
        manage.question_edit,
        name="question_edit",
    ),
    path(
        "manage/conferences/<slug:slug>/questions/<int:pk>/delete/",
        manage.question_delete,
        name="question_delete",
    ),
    path(
        "manage/conferences/<slug:slug>/sessions/new/", manage.session_edit, name="session_create"
    ),
    path(
        "manage/conferences/<slug:slug>/sessions/<int:pk>/",
        manage.session_edit,
        name="session_edit",
    ),
    path(
        "manage/conferences/<slug:slug>/sessions/<int:pk>/delete/",
        manage.session_delete,
        name="session_delete",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations/",
        registrants.registrant_list,
        name="registrants",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations.csv",
        registrants.registrant_csv,
        name="registrants_csv",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations.xlsx",
        registrants.registrant_xlsx,
        name="registrants_xlsx",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations/new/",
        registrants.registration_add,
        name="registration_add",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations/<int:pk>/",
        registrants.registration_detail,
        name="registration_manage",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations/<int:pk>/promote/",
        registrants.registration_promote,
        name="registration_promote",
    ),
    path(
        "manage/conferences/<slug:slug>/registrations/<int:pk>/cancel/",
        registrants.registration_cancel,
        name="registration_cancel",
    ),
    path("manage/conferences/<slug:slug>/check-in/", checkin.check_in, name="checkin"),
    path("manage/conferences/<slug:slug>/attendance/", checkin.attendance, name="attendance"),
]
