"""The Celery application.

Start a worker with ``celery -A kofst worker -l info`` and the scheduler with
``celery -A kofst beat -l info``. Settings come from Django settings prefixed ``CELERY_``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kofst.settings")

app = Celery("kofst")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Packages inside apps that keep their own tasks module.
app.autodiscover_tasks(["members.imports"])
