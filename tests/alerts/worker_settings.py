"""Settings of the Celery worker the end-to-end test starts: the project's own, with emails
written as files to ``EMAIL_FILE_PATH`` (a folder the test reads)."""

import os

from gfmd_platform.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
