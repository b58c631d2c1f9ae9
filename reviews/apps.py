from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Expert review of submitted practices; hooks into the practices workflow and pages."""

    name = "reviews"
    verbose_name = "Expert review"

    def ready(self):
        # practices must not import reviews (reviews sits above it): reviews adds itself to
        # the hooks practices offers. The approval listener runs inside the approval's
        # transaction; the panel adds the reviews section to the moderator's review page.
        from practices import moderation_views, workflow

        from . import panels
        from . import workflow as reviews_workflow

        workflow.APPROVAL_LISTENERS.append(reviews_workflow.mark_peer_reviewed)
        moderation_views.REVIEW_PANELS.append(panels.moderator_panel)
