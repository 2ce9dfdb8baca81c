from django.contrib import admin
from django.urls import include, path

from kofst.common import views as common_views

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("i18n/setlang/", common_views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("associations.urls")),
    path("", include("conferences.urls")),
    path("", include("awards.urls")),
    path("", include("kofst.mail.urls")),
    path("", include("kofst.certificates.urls")),
]
