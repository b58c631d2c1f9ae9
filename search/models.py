"""The search index: one narrow row per published practice.

Search, facet counts and sorting read this table rather than the wide practice row and its
many-to-many tables, which is what keeps a search over 100,000 practices fast. On PostgreSQL
the migration ``0002_postgres_search_columns`` adds columns the ORM does not know about (the
weighted ``tsvector`` and the facet memberships as integer arrays); only the PostgreSQL
backend (``search.backends.postgres``) reads and writes them, with SQL. ``search.indexing`` is
the only writer of rows (``search.schema`` declares what they hold).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    practice = models.OneToOneField(
        "practices.Practice",
        verbose_name=_("practice"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    language = models.CharField(_("language"), max_length=2)
    title = models.CharField(_("title"), max_length=250)
    published_at = models.DateTimeField(_("published"), null=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True)
    stage = models.CharField(_("implementation stage"), max_length=10, blank=True)
    # The "Evaluated" facet's value (``search.schema.EVALUATED``), never blank once indexed.
    evaluated = models.CharField(_("evaluated"), max_length=12, blank=True)
    pillar = models.ForeignKey(
        "practices.Pillar", verbose_name=_("coherence pillar"), on_delete=models.CASCADE
    )
    names = models.TextField(
        _("names"),
        blank=True,
        help_text=_("State, body and institution names in every site language, for search."),
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["-published_at", "-practice"], name="searchdoc_newest_id"),
            models.Index(fields=["title"], name="searchdoc_title"),
        ]

    def __str__(self):
        return self.title


class TopResults(models.Model):
    """The exact best hits of one expensive text query in one content language.

    See ``search.backends.postgres.toplists``: for a word or phrase found in thousands of
    practices, ranking every hit on each search is what costs; this row holds the ranking's
    head, the hit count and the facet counts of all hits, kept exact on every index change.
    """

    language = models.CharField(_("language"), max_length=2)
    query = models.TextField(_("query"), help_text=_("The parsed text-search query."))
    text = models.TextField(_("search text"), help_text=_("Words that parse to the query."))
    hits = models.PositiveIntegerField(_("hits"))
    ranked = models.JSONField(
        _("ranked hits"), default=list, help_text=_("[practice id, distance], best first.")
    )
    facet_counts = models.JSONField(_("facet counts"), default=dict)
    built_at = models.DateTimeField(_("built"), auto_now_add=True)

    class Meta:
        verbose_name = _("top results")
        verbose_name_plural = _("top results")
        constraints = [
            models.UniqueConstraint(fields=["language", "query"], name="topresults_unique_query")
        ]

    def __str__(self):
        return f"{self.language}: {self.query}"


class Vocabulary(models.Model):
    """A surface word of the indexed text, per content language: what "did you mean" offers.

    Written by the index writer (``search.vocabulary.record``); ``documents`` is how many
    indexed practices held the word when they were written (a full reindex counts afresh), so
    that a suggestion prefers the words readers are likelier to mean.
    """

    word = models.CharField(_("word"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    documents = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        verbose_name = _("vocabulary word")
        verbose_name_plural = _("vocabulary")
        constraints = [
            models.UniqueConstraint(fields=["word", "language"], name="vocabulary_unique_word")
        ]
        indexes = [models.Index(fields=["language"], name="vocabulary_language")]

    def __str__(self):
        return f"{self.language}: {self.word}"
