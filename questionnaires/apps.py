from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self):
        # The State page (in ``practices``, below this app) shows the State's published answers.
        from practices.sitemaps import SITEMAPS
        from practices.state_views import state_page_parts

        from .selectors import state_answers_by_round
        from .sitemaps import QuestionnaireSitemap

        state_page_parts["questionnaire_rounds"] = state_answers_by_round
        # The round list and results pages belong in sitemap.xml beside the practices'.
        SITEMAPS["questionnaires"] = QuestionnaireSitemap
