from django.urls import path

from kofst.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("me/certificates/", views.my_certificates, name="mine"),
    path(
        "me/certificates/request/<str:kind>/<int:subject_id>/",
        views.request_certificate,
        name="request",
    ),
    path("certificates/<int:pk>/download/", views.download, name="download"),
    path("manage/certificates/", views.staff_list, name="staff_list"),
    path("manage/certificates/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("manage/certificates/<int:pk>/revoke/", views.staff_revoke, name="staff_revoke"),
    path("manage/certificates/<int:pk>/reissue/", views.staff_reissue, name="staff_reissue"),
    path("manage/certificates/designs/open/", views.design_open, name="design_open"),
    path("manage/certificates/designs/<int:pk>/", views.design_edit, name="design_edit"),
    path(
        "manage/certificates/designs/<int:pk>/preview/",
        views.design_preview,
        name="design_preview",
    ),
    path("manage/certificates/batches/", views.batch_start, name="batch_start"),
    path("manage/certificates/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path(
        "manage/certificates/batches/<int:pk>/<str:which>/",
        views.batch_file,
        name="batch_file",
    ),
]
