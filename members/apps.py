from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from associations.models import Association, Chapter
        from members.selectors import roster_choices_changed

        # The roster caches its association and chapter choices; a change forgets them.
        for model in (Association, Chapter):
            for signal in (post_save, post_delete):
                signal.connect(
                    roster_choices_changed, sender=model, dispatch_uid=f"roster-{model.__name__}"
                )
