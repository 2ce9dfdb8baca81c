from django.urls import path

from kofst.mail.views import campaigns, messages, public

app_name = "mail"

urlpatterns: list = [
    path("manage/mail/", campaigns.campaign_list, name="campaign_list"),
    path("manage/mail/new/", campaigns.campaign_create_view, name="campaign_create"),
    path("manage/mail/audience/", campaigns.audience_preview, name="audience_preview"),
    path("manage/mail/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("manage/mail/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("manage/mail/<int:pk>/status/", campaigns.campaign_status, name="campaign_status"),
    path("manage/mail/<int:pk>/preview/", campaigns.campaign_preview, name="campaign_preview"),
    path("manage/mail/<int:pk>/test/", campaigns.campaign_test, name="campaign_test"),
    path("manage/mail/<int:pk>/send/", campaigns.campaign_send_view, name="campaign_send"),
    path("manage/mail/<int:pk>/pause/", campaigns.campaign_pause_view, name="campaign_pause"),
    path("manage/mail/<int:pk>/resume/", campaigns.campaign_resume_view, name="campaign_resume"),
    path("manage/mail/<int:pk>/cancel/", campaigns.campaign_cancel_view, name="campaign_cancel"),
    path("manage/mail/<int:pk>/messages/", campaigns.campaign_messages, name="campaign_messages"),
    path("manage/mail/messages/", messages.message_list, name="message_list"),
    path("manage/mail/messages/<int:pk>/", messages.message_detail, name="message_detail"),
    path("mail/unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
]
