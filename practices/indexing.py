"""What a practice puts in the search index, and when it is indexed.

``update_search_index`` is the one way practices reach the index: the default-data loader
calls it for everything, the workflow with the practice it has just approved, archived or
withdrawn, and the synthetic-data command in bulk. Live published practices are indexable;
``search.indexing`` writes their rows (``search.schema.Document``, built here). A row's facet
values are read through the ORM lookups ``search.schema`` declares for each column, with the
relations they need loaded once per chunk: a new facet needs nothing here.
"""

import functools
import json
import re

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.constants import LOOKUP_SEP
from django.utils import translation
from django_countries import countries

from core.i18n import TranslatedNameModel, name_column
from search.indexing import update_index
from search.schema import ARRAY_COLUMNS, FACETS, SELECTIONS, SITE_LANGUAGES, Document
from search.text import fold

from .models import Practice
from .translations import PracticeTranslation


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
    """State names in every site language, looked up once per State per run, and the names
    of the translated taxonomy (themes, pillars, GCM objectives, regions): one query per
    table per run."""

    def __init__(self):
        self.cache = {}
        self.taxonomy = {}

    def translated(self, model, pk):
        """The names of ``model``'s object ``pk`` in every site language (untranslated: none)."""
        if model not in self.taxonomy:
            columns = name_columns(model)
            self.taxonomy[model] = {
                row[0]: _unique(row[1:]) for row in model.objects.values_list("pk", *columns)
            }
        return self.taxonomy[model].get(pk, [])

    def state(self, state):
        if state.iso2 not in self.cache:
            found = {state.name}
            for language in SITE_LANGUAGES:
                with translation.override(language):
                    found.add(str(countries.name(state.iso2)) or state.name)
            self.cache[state.iso2] = sorted(found)
        return self.cache[state.iso2]


def name_columns(model):
    """The name columns of a ``core.i18n.TranslatedNameModel``: ``name`` (the default
    language's) and each other site language's ``name_<code>`` the model has."""
    fields = {field.name for field in model._meta.get_fields()}
    return _unique(
        name_column(code) for code in ("en", *SITE_LANGUAGES) if name_column(code) in fields
    )


def _unique(names):
    """``names`` without blanks and repeats, in order."""
    return list(dict.fromkeys(name for name in names if name))


# What the names and text of a row read, besides what the schema's lookups need.
_NAMES_RELATED = ("lead_state", "lead_body")
_NAMES_PREFETCHED = ("partner_states", "partner_bodies", "institutions")


def documents(ids, names):
    """The index rows of the practices ``ids``, in id order (``names``: a ``_NameCache``)."""
    related, prefetched = _relations()
    # Only published translations reach the index: a draft, submitted or rejected one never.
    translations = Prefetch(
        "translations",
        queryset=PracticeTranslation.objects.published().order_by("language"),
        to_attr="published_translations",
    )
    practices = (
        Practice.objects.filter(pk__in=ids)
        .select_related(*related)
        .prefetch_related(*prefetched, translations)
        .order_by("pk")
    )
    return [_document(practice, names) for practice in practices]


def _document(practice, names):
    """The index row of a practice: its names, its text by weight, its facet values.

    The names (weight B, and the ``names`` column the portable engine reads) are those of its
    States, bodies and institutions, of every taxonomy value it is filed under in every site
    language, and the equivalent terms of ``fixtures/search_terms.json`` its text (or a
    published translation's) uses: a reader's own words then find it whatever the language it
    is written in. Each published translation adds its own A, B, C text, in its language.
    """
    readers = _readers()
    scalars = {column: next(iter(read(practice)), None) for column, read in readers["scalars"]}
    for facet in FACETS:
        if facet.groups:  # text values standing for the field's (the stages, "Evaluated")
            scalars[facet.column] = facet.group_of(scalars[facet.column])
    arrays = {column: sorted(set(read(practice))) for column, read in readers["arrays"]}
    states = [s for s in [practice.lead_state, *practice.partner_states.all()] if s]
    bodies = [b for b in [practice.lead_body, *practice.partner_bodies.all()] if b]
    body_text = _body(practice)
    translated = tuple(
        (t.language, (t.title, t.summary, _body(t))) for t in practice.published_translations
    )
    taxonomy = [
        name
        for model, column in _translated_columns()
        for pk in (arrays[column] if column in arrays else [scalars[column]])
        for name in names.translated(model, pk)
    ]
    name_text = " ".join(
        _unique(
            [
                *(name for state in states for name in names.state(state)),
                *(name for body in bodies for name in body.all_names()),
                *(institution.name for institution in practice.institutions.all()),
                *taxonomy,
                *equivalent_terms(
                    "\n".join([practice.title, practice.summary, body_text])
                    + "".join(f"\n{a}\n{b}\n{c}" for _language, (a, b, c) in translated)
                ),
            ]
        )
    )
    return Document(
        practice_id=practice.pk,
        language=practice.language,
        title=practice.title,
        published_at=practice.published_at,
        start_year=practice.start_year,
        end_year=practice.end_year,
        names=name_text,
        weighted=(practice.title, f"{practice.summary}\n{name_text}", body_text),
        scalars=scalars,
        arrays=arrays,
        translations=translated,
    )


def _body(text):
    """The C text (weight C) of a practice or a translation: the body's four fields."""
    return "\n".join([text.description, text.objectives, text.results, text.lessons])


# Names in every language: the translated taxonomy, the curated equivalent terms -------------

TERMS_FILE = settings.BASE_DIR / "fixtures" / "search_terms.json"


@functools.cache
def _translated_columns():
    """(model, index column) of each facet whose values are a translated taxonomy."""
    found = []
    for facet in FACETS:
        if not facet.column:
            continue
        for lookup in facet.lookups:
            model = Practice
            for part in lookup.split(LOOKUP_SEP):
                model = model._meta.get_field(part).related_model
            if model is not None and issubclass(model, TranslatedNameModel):
                found.append((model, facet.column))
                break
    return tuple(found)


@functools.cache
def _term_groups():
    """[(pattern, forms)]: a pattern matching any form of a group (a final s optional), and
    all its forms in every language."""
    groups = json.loads(TERMS_FILE.read_text(encoding="utf-8"))["groups"]
    compiled = []
    for group in groups:
        forms = _unique(
            form for language_forms in group["terms"].values() for form in language_forms
        )
        alternatives = "|".join(re.escape(fold(form).removesuffix("s")) + "s?" for form in forms)
        compiled.append((re.compile(rf"\b(?:{alternatives})\b"), forms))
    return compiled


def equivalent_terms(text):
    """Every form of each curated group (``fixtures/search_terms.json``) ``text`` uses one of."""
    folded = fold(text)
    return [form for pattern, forms in _term_groups() if pattern.search(folded) for form in forms]


# Facet values from the schema's lookups -------------------------------------------------------


@functools.cache
def _readers():
    """For each index column of the schema, a function giving a practice's values in it."""
    scalars = [
        (f.column, values_of(Practice, f.lookups)) for f in FACETS if f.column and not f.array
    ]
    by_column = {s.column: s for s in SELECTIONS if s.array}
    arrays = [(column, values_of(Practice, by_column[column].lookups)) for column in ARRAY_COLUMNS]
    return {"scalars": scalars, "arrays": arrays}


def values_of(model, lookups):
    """A function giving the values (None left out) ``lookups`` (a facet's, in
    ``search.schema``) reach from an object of ``model``, in lookup order; from a practice
    that ``documents`` loaded, it makes no query."""
    steps = [_step(model, lookup.split(LOOKUP_SEP)) for lookup in lookups]

    def read(obj):
        return [value for step in steps for value in step(obj) if value is not None]

    return read


def _step(model, parts):
    field = model._meta.get_field(parts[0])
    if len(parts) == 1 and not field.many_to_many:
        return lambda obj: [getattr(obj, field.attname)]  # a column, or a foreign key's id
    if len(parts) == 1:
        return lambda obj: [item.pk for item in getattr(obj, field.name).all()]
    rest = _step(field.related_model, parts[1:])
    if field.many_to_many:
        return lambda obj: [v for item in getattr(obj, field.name).all() for v in rest(item)]
    return lambda obj: [] if getattr(obj, field.name) is None else rest(getattr(obj, field.name))


@functools.cache
def _relations():
    """(select_related, prefetch_related) paths loading the names and every lookup's values."""
    related, prefetched = list(_NAMES_RELATED), list(_NAMES_PREFETCHED)
    for selection in (*FACETS, *SELECTIONS):
        for lookup in selection.lookups:
            parts = lookup.split(LOOKUP_SEP)
            path, model, through_many = [], Practice, False
            for position, part in enumerate(parts):
                field = model._meta.get_field(part)
                if not field.is_relation or (position == len(parts) - 1 and not field.many_to_many):
                    break  # read from its own column (a foreign key by its id)
                path.append(part)
                through_many = through_many or field.many_to_many
                model = field.related_model
            if not path:
                continue
            target = prefetched if through_many else related
            if LOOKUP_SEP.join(path) not in target:
                target.append(LOOKUP_SEP.join(path))
    return tuple(related), tuple(prefetched)
