from django.contrib import admin

from awards import models

admin.site.register(models.Award)


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


@admin.register(models.AwardCycle)
class AwardCycleAdmin(admin.ModelAdmin):
    list_display = ["award", "year", "status"]
    inlines = [CriterionInline]


@admin.register(models.CommitteeSeat)
class CommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["user", "cycle", "role"]
    raw_id_fields = ["user"]


@admin.register(models.Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["nominee", "nominator", "cycle", "status"]
    list_filter = ["status"]
    raw_id_fields = ["nominator", "nominee", "candidate", "cosigners"]


@admin.register(models.Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["person", "cycle", "outcome", "is_withdrawn"]
    raw_id_fields = ["person"]
