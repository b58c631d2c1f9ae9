"""The Celery app: email, digests, reminders and call closing run as its tasks.

Settings come from Django's (``CELERY_*``, see ``settings.py``): with a broker
(``CELERY_BROKER_URL``, else ``REDIS_URL``) tasks go to ``celery -A gfmd_platform worker`` and the
schedule to ``celery -A gfmd_platform beat``; with none, every task runs in the process that
queues it (``task_always_eager``), so ``make run`` needs nothing more.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd_platform.settings")

app = Celery("gfmd_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
