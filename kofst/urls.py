from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from kofst.accounts import views as account_views
from kofst.common import views as common_views

# The Django admin signs in through allauth, so that two-factor applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("i18n/setlang/", common_views.set_language, name="set_language"),
    path("manage/", common_views.manage_home, name="manage_home"),
    # allauth's TOTP activation, returning to ?next= (before allauth's own URL of it)
    path("accounts/2fa/totp/activate/", account_views.activate_totp, name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("associations.urls")),
    path("", include("conferences.urls")),
    path("", include("awards.urls")),
    path("", include("kofst.mail.urls")),
    path("", include("kofst.certificates.urls")),
]
