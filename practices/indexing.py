"""What a practice puts in the search index, and when it is indexed.

``update_search_index`` is the one way practices reach the index: the default-data loader
calls it for everything, the workflow with the practice it has just approved, archived or
withdrawn, and the synthetic-data command in bulk. Live published practices are indexable;
``search.indexing`` writes their rows (``search.schema.Document``, built here).
"""

from django.utils import translation
from django_countries import countries

from search.indexing import update_index
from search.schema import SITE_LANGUAGES, Document

from .models import Practice


def update_search_index(practices=None, progress=None, top_results=True):
    """Index ``practices`` (objects or ids), or every published practice when it is None.

    See ``search.indexing.update_index``: any practice passed in that is not published loses
    its row; ``progress(done, total)`` follows the chunks; ``top_results=False`` leaves the
    rebuild of the precomputed top results after a bulk run to the caller.
    """
    names = _NameCache()
    return update_index(
        Practice.objects.published(),
        practices,
        lambda ids: documents(ids, names),
        progress=progress,
        top_results=top_results,
    )


class _NameCache:
    """State names in every site language, looked up once per State per run."""

    def __init__(self):
        self.cache = {}

    def state(self, state):
        if state.iso2 not in self.cache:
            found = {state.name}
            for language in SITE_LANGUAGES:
                with translation.override(language):
                    found.add(str(countries.name(state.iso2)) or state.name)
            self.cache[state.iso2] = sorted(found)
        return self.cache[state.iso2]


def documents(ids, names):
    """The index rows of the practices ``ids``, in id order (``names``: a ``_NameCache``)."""
    practices = (
        Practice.objects.filter(pk__in=ids)
        .select_related("lead_state", "lead_body")
        .prefetch_related(
            "partner_states", "partner_bodies", "institutions", "themes", "gcm_objectives"
        )
        .order_by("pk")
    )
    return [_document(practice, names) for practice in practices]


def _document(practice, names):
    """The index row of a practice: its names, its text by weight, its facet values."""
    states = [s for s in [practice.lead_state, *practice.partner_states.all()] if s]
    bodies = [b for b in [practice.lead_body, *practice.partner_bodies.all()] if b]
    lead = practice.lead_state
    regions = [lead.region_id, lead.subregion_id, lead.intermediate_region_id] if lead else []
    name_text = " ".join(
        [
            *(name for state in states for name in names.state(state)),
            *(f"{body.acronym} {body.name}" for body in bodies),
            *(institution.name for institution in practice.institutions.all()),
        ]
    )
    body_text = "\n".join(
        [practice.description, practice.objectives, practice.results, practice.lessons]
    )
    return Document(
        practice_id=practice.pk,
        language=practice.language,
        title=practice.title,
        published_at=practice.published_at,
        start_year=practice.start_year,
        end_year=practice.end_year,
        stage=practice.stage,
        pillar_id=practice.pillar_id,
        names=name_text,
        weighted=(practice.title, f"{practice.summary}\n{name_text}", body_text),
        arrays={
            "theme_ids": sorted(theme.pk for theme in practice.themes.all()),
            "gcm_ids": sorted(objective.pk for objective in practice.gcm_objectives.all()),
            "region_ids": sorted({region for region in regions if region}),
            "state_ids": sorted({state.pk for state in states}),
            "body_ids": sorted({body.pk for body in bodies}),
        },
    )
