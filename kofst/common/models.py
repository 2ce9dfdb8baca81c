from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what, and when. Written by services in the same transaction.

    ``person_id`` and ``association_id`` are plain indexed integers (not foreign keys)
    so that the history survives the deletion or merge of what it describes and can be
    shown on a person's page and scoped to an association cheaply. ``actor`` is a
    foreign key for the ORM, but not a database constraint either.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Django still sets it to null when the user is deleted; the database's check
        # cost an import of 18,895 rows 0.15 s at commit, for the one user who ran it.
        db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=60)
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField(null=True)
    person_id = models.BigIntegerField(null=True, db_index=True)
    association_id = models.BigIntegerField(null=True, db_index=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.summary}"
