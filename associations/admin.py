from django.contrib import admin

from associations import models


@admin.register(models.Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ko", "country", "founded_on"]
    search_fields = ["code", "name_en", "name_ko"]


@admin.register(models.Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["name_en", "association", "city"]
    list_filter = ["association"]


@admin.register(models.StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "association", "role"]
    list_filter = ["association", "role"]
    raw_id_fields = ["user", "granted_by"]


admin.site.register(models.Committee)
admin.site.register(models.PartnerOrganization)
admin.site.register(models.CooperationAgreement)
