from django.contrib import admin

from awards import models

admin.site.register(models.Award)
admin.site.register(models.AwardCycle)


@admin.register(models.CommitteeSeat)
class CommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["user", "cycle", "role"]
    raw_id_fields = ["user"]
