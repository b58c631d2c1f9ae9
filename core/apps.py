from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom of the project: the cache API and the translated-name model, importing no
    project app."""

    name = "core"
    verbose_name = "Core"
