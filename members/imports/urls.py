"""The import pages; added to ``members.urls`` (namespace ``members``)."""

from django.urls import path

from members.imports import views

urlpatterns = [
    path("manage/imports/", views.import_list, name="import_list"),
    path("manage/imports/new/", views.import_upload, name="import_upload"),
    path("manage/imports/<int:job_id>/mapping/", views.import_mapping, name="import_mapping"),
    path("manage/imports/<int:job_id>/preview/", views.import_preview, name="import_preview"),
    path("manage/imports/<int:job_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("manage/imports/<int:job_id>/progress/", views.import_progress, name="import_progress"),
    path("manage/imports/<int:job_id>/", views.import_result, name="import_result"),
    path("manage/imports/<int:job_id>/errors/", views.import_errors, name="import_errors"),
    path("manage/exports/roster/", views.roster_download, name="roster_download"),
]
