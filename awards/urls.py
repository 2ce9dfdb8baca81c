from django.urls import path

from awards.views import manage, nominations, public, review

app_name = "awards"

urlpatterns = [
    # Public
    path("awards/", public.award_list, name="list"),
    path("awards/nominee-search/", nominations.nominee_search, name="nominee_search"),
    path(
        "awards/files/<uuid:public_id>/",
        nominations.attachment_download,
        name="attachment_download",
    ),
    path("awards/<slug:code>/", public.award_detail, name="award_detail"),
    path("awards/<slug:code>/<int:year>/", public.cycle_detail, name="cycle_detail"),
    # A member's nominations
    path(
        "awards/<slug:code>/<int:year>/nominate/",
        nominations.nomination_start,
        name="nomination_start",
    ),
    path("me/nominations/", nominations.my_nominations, name="my_nominations"),
    path("me/nominations/<int:pk>/", nominations.nomination_edit, name="nomination_edit"),
    path(
        "me/nominations/<int:pk>/attachments/",
        nominations.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "me/nominations/<int:pk>/attachments/<uuid:public_id>/delete/",
        nominations.attachment_delete,
        name="attachment_delete",
    ),
    path("me/nominations/<int:pk>/cosigners/", nominations.cosigner_add, name="cosigner_add"),
    path(
        "me/nominations/<int:pk>/cosigners/<int:person_id>/remove/",
        nominations.cosigner_remove,
        name="cosigner_remove",
    ),
    path(
        "me/nominations/<int:pk>/submit/", nominations.nomination_submit, name="nomination_submit"
    ),
    path(
        "me/nominations/<int:pk>/withdraw/",
        nominations.nomination_withdraw,
        name="nomination_withdraw",
    ),
    # Reviewers
    path("review/", review.my_reviews, name="my_reviews"),
    path("review/candidates/<int:pk>/", review.review_candidate, name="review_candidate"),
    path(
        "review/candidates/<int:pk>/conflict/",
        review.conflict_declare_view,
        name="conflict_declare",
    ),
    # Chair and HQ
    path("manage/awards/", manage.manage_list, name="manage_list"),
    path("manage/awards/new/", manage.award_create, name="award_create"),
    path("manage/awards/cycles/<int:pk>/", manage.cycle_manage, name="cycle_manage"),
    path("manage/awards/cycles/<int:pk>/edit/", manage.cycle_edit, name="cycle_edit"),
    path("manage/awards/cycles/<int:pk>/criteria/", manage.criteria_edit, name="criteria_edit"),
    path("manage/awards/cycles/<int:pk>/committee/", manage.committee, name="committee"),
    path(
        "manage/awards/cycles/<int:pk>/committee/<int:seat_id>/remove/",
        manage.seat_remove,
        name="seat_remove",
    ),
    path("manage/awards/cycles/<int:pk>/advance/", manage.cycle_advance, name="cycle_advance"),
    path(
        "manage/awards/cycles/<int:pk>/discussion/",
        manage.discussion_open,
        name="discussion_open",
    ),
    path("manage/awards/cycles/<int:pk>/candidates/", manage.candidates, name="candidates"),
    path("manage/awards/candidates/<int:pk>/", manage.candidate_manage, name="candidate_manage"),
    path("manage/awards/cycles/<int:pk>/assignments/", manage.assignments, name="assignments"),
    path(
        "manage/awards/cycles/<int:pk>/assignments/auto/",
        manage.assignments_auto,
        name="assignments_auto",
    ),
    path(
        "manage/awards/assignments/<int:pk>/remove/",
        manage.assignment_remove,
        name="assignment_remove",
    ),
    path("manage/awards/cycles/<int:pk>/ranking/", manage.ranking, name="ranking"),
    path("manage/awards/cycles/<int:pk>/ranking.csv", manage.ranking_csv, name="ranking_csv"),
    path("manage/awards/cycles/<int:pk>/decision/", manage.decision, name="decision"),
    path("manage/awards/cycles/<int:pk>/announce/", manage.announce, name="announce"),
    path("manage/awards/cycles/<int:pk>/history/", manage.history, name="history"),
    path("manage/awards/<slug:code>/edit/", manage.award_edit, name="award_edit"),
    path("manage/awards/<slug:code>/cycles/new/", manage.cycle_create, name="cycle_create"),
]
