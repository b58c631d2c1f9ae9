"""The search engines behind the public search page, and the text filter of the FilterSet.

Two implementations of one contract, chosen by database vendor:

* ``PostgresSearch`` reads only the narrow ``search_searchdocument`` table: the text match
  uses per-language GIN indexes (``websearch_to_tsquery`` with that language's stemmer),
  relevance is ``ts_rank`` over the weighted vector, and the total plus every facet count
  come from ONE statement over the materialised hit set. Snippets come from ``ts_headline``
  on the page's rows only.
* ``PortableSearch`` (SQLite and anything else) is the FilterSet itself plus ORM counts: simpler
  and slower, with the same results.

Facet counts are disjunctive: the counts of one facet ignore that facet's own selection (values
of one facet are alternatives, facets combine with AND), so a count always equals the number of
results after ticking that value alone in its facet.
"""

# SQL here is assembled from constants and column names only; user input always travels as a
# query parameter, never in the statement text.
# ruff: noqa: S608, S611

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from practices.models import Practice

from . import text as portable_text
from .indexing import TEXT_SEARCH_CONFIGS

PAGE_SIZE = 20
DECADES = tuple(range(1970, 2030, 10))
# Facet name -> the query-string parameters that select it.
FACET_PARAMS = {
    "theme": ("theme",),
    "pillar": ("pillar",),
    "gcm": ("gcm",),
    "region": ("region",),
    "state": ("state",),
    "stage": ("stage",),
    "year": ("year_from", "year_to"),
}
ORDERINGS = ("relevance", "newest", "title", "year")
# Columns a result card never shows: deferring them keeps list queries off the TOASTed text.
LIST_DEFERRED = ("description", "objectives", "results", "lessons")
# Fields the portable text search reads on the practice row itself.
TEXT_FIELDS = ("title", "summary", "description", "objectives", "results", "lessons")
TEXT_WEIGHTS = {"title": 10, "summary": 3, "description": 1}
_MARK_OPEN, _MARK_CLOSE = "\u27e6", "\u27e7"


def searchable():
    """Published practices that are in the search index: what the search page lists."""
    return Practice.objects.published().filter(search_document__isnull=False)


@dataclass
class Criteria:
    """What the search page asks for, read from a validated ``PracticeFilter`` form."""

    text: str = ""
    theme: list = field(default_factory=list)
    pillar: list = field(default_factory=list)
    gcm: list = field(default_factory=list)
    region: list = field(default_factory=list)
    state: list = field(default_factory=list)
    body: list = field(default_factory=list)
    stage: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    ordering: str = ""

    @classmethod
    def from_filter(cls, practice_filter):
        # Invalid fields are left out, exactly as django-filter leaves them out of ``.qs``.
        practice_filter.is_valid()
        data = getattr(practice_filter.form, "cleaned_data", {})

        def pks(name):
            # Iterate, never test the truth of, the cleaned queryset: that would query it.
            value = data.get(name)
            return [] if value is None else sorted(obj.pk for obj in value)

        text = (data.get("q") or "").strip()
        return cls(
            text=text,
            theme=pks("theme"),
            pillar=pks("pillar"),
            gcm=pks("gcm"),
            region=pks("region"),
            state=pks("state"),
            body=pks("body"),
            stage=sorted(data.get("stage") or []),
            year_from=_int_or_none(data.get("year_from")),
            year_to=_int_or_none(data.get("year_to")),
            ordering=data.get("ordering") or ("relevance" if text else "newest"),
        )


def _int_or_none(value):
    return None if value is None else int(value)


@dataclass
class SearchResults:
    page: object
    count: int
    facets: dict | None
    snippets: dict


def search(practice_filter, page_number=None, page_size=PAGE_SIZE, facets=True):
    """One page of results for a bound ``PracticeFilter``, with facet counts and snippets."""
    engine_class = PostgresSearch if connection.vendor == "postgresql" else PortableSearch
    return engine_class(practice_filter).run(page_number, page_size, facets)


def _load_in_order(ids, defer=LIST_DEFERRED):
    practices = Practice.objects.filter(pk__in=ids).with_list_relations().defer(*defer)
    by_id = {practice.pk: practice for practice in practices}
    return [by_id[pk] for pk in ids if pk in by_id]


class _RankedIds:
    """A lazily sliced result list for ``Paginator``: the count is known, pages are fetched."""

    def __init__(self, engine, total):
        self.engine = engine
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        limit = item.stop - item.start
        return _load_in_order(self.engine.page_ids(item.start, limit))


class PostgresSearch:
    def __init__(self, practice_filter):
        self.criteria = Criteria.from_filter(practice_filter)

    @contextmanager
    def planned(self):
        """A transaction with the planner settings the search statements are tuned for."""
        with transaction.atomic():
            if self.criteria.text:
                # The planner otherwise scans every stored vector to count common words.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def run(self, page_number, page_size, facets):
        with self.planned():
            counts = self.facet_counts() if facets else None
            total = counts.pop("total") if facets else self.count()
        page = Paginator(_RankedIds(self, total), page_size).get_page(page_number)
        snippets = self.snippets([p.pk for p in page.object_list]) if self.criteria.text else {}
        return SearchResults(page=page, count=total, facets=counts, snippets=snippets)

    # SQL pieces -------------------------------------------------------------------------------

    def text_match(self, alias="d"):
        """The text condition: one arm per content language, each able to use its GIN index."""
        arms = [
            f"({alias}.language = '{code}' AND {alias}.vector @@ "
            f"websearch_to_tsquery('{config}', %s))"
            for code, config in TEXT_SEARCH_CONFIGS.items()
        ]
        return "(" + " OR ".join(arms) + ")", [self.criteria.text] * len(arms)

    def row_query(self, alias="d"):
        """The tsquery parsed with the row's own language, for ranking and headlines."""
        whens = " ".join(
            f"WHEN '{code}' THEN websearch_to_tsquery('{config}', %s)"
            for code, config in TEXT_SEARCH_CONFIGS.items()
        )
        return f"CASE {alias}.language {whens} END", [self.criteria.text] * len(TEXT_SEARCH_CONFIGS)

    def facet_conditions(self, skip=None, alias="d"):
        """SQL for every selected facet except ``skip``, ANDed (``TRUE`` when none)."""
        c = self.criteria
        parts, params = [], []
        for name, column in (
            ("theme", "theme_ids"),
            ("gcm", "gcm_ids"),
            ("region", "region_ids"),
            ("state", "state_ids"),
            ("body", "body_ids"),
        ):
            if getattr(c, name) and name != skip:
                parts.append(f"{alias}.{column} && %s::integer[]")
                params.append(getattr(c, name))
        if c.pillar and skip != "pillar":
            parts.append(f"{alias}.pillar_id = ANY(%s)")
            params.append(c.pillar)
        if c.stage and skip != "stage":
            parts.append(f"{alias}.stage = ANY(%s)")
            params.append(c.stage)
        if skip != "year":
            if c.year_from is not None:
                parts.append(f"({alias}.end_year IS NULL OR {alias}.end_year >= %s)")
                params.append(c.year_from)
            if c.year_to is not None:
                parts.append(f"({alias}.start_year IS NULL OR {alias}.start_year <= %s)")
                params.append(c.year_to)
        return (" AND ".join(parts) or "TRUE"), params

    def where(self, alias="d"):
        conditions, params = self.facet_conditions(alias=alias)
        if self.criteria.text:
            match, match_params = self.text_match(alias)
            return f"{match} AND {conditions}", match_params + params
        return conditions, params

    def order_by(self, alias="d"):
        ordering = self.criteria.ordering
        if ordering == "relevance" and self.criteria.text:
            query, params = self.row_query(alias)
            return (
                f"ts_rank({alias}.vector, {query}) DESC, {alias}.published_at DESC, {alias}.title",
                params,
            )
        if ordering == "title":
            return f"{alias}.title, {alias}.practice_id", []
        if ordering == "year":
            return f"{alias}.start_year DESC NULLS LAST, {alias}.title", []
        return f"{alias}.published_at DESC, {alias}.title", []

    # Statements -------------------------------------------------------------------------------

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def page_sql(self, offset, limit):
        where, params = self.where()
        order, order_params = self.order_by()
        return (
            f"SELECT d.practice_id FROM search_searchdocument d WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            params + order_params + [limit, offset],
        )

    def page_ids(self, offset, limit):
        return [row[0] for row in self._fetch(*self.page_sql(offset, limit))]

    def count_sql(self):
        where, params = self.where()
        return f"SELECT count(*) FROM search_searchdocument d WHERE {where}", params

    def count(self):
        return self._fetch(*self.count_sql())[0][0]

    def facet_counts(self):
        """The total and every facet's counts, in one statement over the materialised hits."""
        counts = {name: {} for name in FACET_PARAMS}
        counts["total"] = 0
        for kind, number, label, n in self._fetch(*self.facet_sql()):
            if kind == "total":
                counts["total"] = n
            elif kind == "stage":
                if label:
                    counts["stage"][label] = n
            elif n:
                counts[kind][number] = n
        return counts

    def facet_sql(self):
        base, params = "TRUE", []
        if self.criteria.text:
            base, params = self.text_match()
        if self.criteria.body:
            base += " AND d.body_ids && %s::integer[]"
            params.append(self.criteria.body)
        parts = []

        def add(select, skip):
            conditions, condition_params = self.facet_conditions(skip=skip, alias="h")
            parts.append(select.format(where=conditions))
            params.extend(condition_params)

        add("SELECT 'total', 0, '', count(*) FROM hits h WHERE {where}", None)
        for name, column in (
            ("theme", "theme_ids"),
            ("gcm", "gcm_ids"),
            ("region", "region_ids"),
            ("state", "state_ids"),
        ):
            # unnest() in the select list (ProjectSet) costs a fraction of a lateral join.
            add(
                f"SELECT '{name}', v, '', count(*) FROM (SELECT unnest(h.{column}) v "
                "FROM hits h WHERE {where}) s GROUP BY v",
                name,
            )
        add(
            "SELECT 'pillar', h.pillar_id, '', count(*) FROM hits h WHERE {where} GROUP BY 2",
            "pillar",
        )
        add("SELECT 'stage', 0, h.stage, count(*) FROM hits h WHERE {where} GROUP BY 3", "stage")
        conditions, condition_params = self.facet_conditions(skip="year", alias="h")
        # One pass for every decade: a practice counts in each decade it was active in.
        decades = ", ".join(
            f"count(*) FILTER (WHERE (h.end_year IS NULL OR h.end_year >= {decade}) "
            f"AND (h.start_year IS NULL OR h.start_year <= {decade + 9}))"
            for decade in DECADES
        )
        parts.append(
            f"SELECT 'year', unnest(%s::integer[]), '', unnest(ARRAY[{decades}]) "
            f"FROM hits h WHERE {conditions}"
        )
        params.append(list(DECADES))
        params.extend(condition_params)
        sql = (
            "WITH hits AS MATERIALIZED (SELECT d.theme_ids, d.gcm_ids, d.region_ids, d.state_ids, "
            "d.pillar_id, d.stage, d.start_year, d.end_year FROM search_searchdocument d "
            f"WHERE {base}) " + " UNION ALL ".join(parts)
        )
        return sql, params

    def snippets(self, ids):
        """Highlighted excerpts of the page's rows only (``ts_headline`` is costly per row)."""
        if not ids:
            return {}
        query, params = self.row_query("p")
        configs = " ".join(
            f"WHEN '{code}' THEN '{config}'" for code, config in TEXT_SEARCH_CONFIGS.items()
        )
        options = (
            f"StartSel={_MARK_OPEN}, StopSel={_MARK_CLOSE}, MaxFragments=2, MaxWords=28, "
            'MinWords=12, FragmentDelimiter=" … "'
        )
        rows = self._fetch(
            f"SELECT p.id, ts_headline((CASE p.language {configs} END)::regconfig, "
            "concat_ws(' ', p.summary, p.description, p.results, p.lessons), "
            f"{query}, %s) FROM practices_practice p WHERE p.id = ANY(%s)",
            params + [options, list(ids)],
        )
        return {pk: _marked(headline) for pk, headline in rows if _MARK_OPEN in headline}


def _marked(headline):
    return mark_safe(  # noqa: S308 - escaped first, then only our markers become tags
        escape(headline).replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")
    )


class PortableSearch:
    """The FilterSet's own queryset, with facet counts by ORM aggregation."""

    def __init__(self, practice_filter):
        self.filter = practice_filter
        self.criteria = Criteria.from_filter(practice_filter)

    def run(self, page_number, page_size, facets):
        results = self.filter.qs.with_list_relations()
        if not self.criteria.text:
            results = results.defer(*LIST_DEFERRED)
        counts = self.facet_counts() if facets else None
        total = counts.pop("total") if facets else results.count()
        paginator = _CountedPaginator(results, page_size, total)
        page = paginator.get_page(page_number)
        snippets = {}
        if self.criteria.text:
            for practice in page.object_list:
                excerpt = portable_text.highlight(
                    " ".join([practice.summary, practice.description]), self.criteria.text
                )
                if excerpt:
                    snippets[practice.pk] = excerpt
        return SearchResults(page=page, count=total, facets=counts, snippets=snippets)

    def _ids_without(self, facet):
        """Ids matching every filter but ``facet``'s own, reusing the validated form."""
        dropped = {"ordering", *FACET_PARAMS.get(facet, ())}
        queryset = self.filter.queryset.all()
        for name, value in self.filter.form.cleaned_data.items():
            if name not in dropped:
                queryset = self.filter.filters[name].filter(queryset, value)
        return queryset.order_by().values("pk")

    def facet_counts(self):
        counts = {name: {} for name in FACET_PARAMS}
        counts["total"] = self.filter.qs.order_by().count()

        def tally(target, rows, key):
            for row in rows:
                if row[key]:
                    target[row[key]] = target.get(row[key], 0) + row["n"]

        practices = Practice.objects.order_by()
        for name, through, column in (
            ("theme", Practice.themes.through, "theme_id"),
            ("gcm", Practice.gcm_objectives.through, "gcmobjective_id"),
        ):
            rows = (
                through.objects.filter(practice_id__in=self._ids_without(name))
                .values(column)
                .annotate(n=Count("practice_id"))
            )
            tally(counts[name], rows, column)
        for name, column in (("pillar", "pillar_id"), ("stage", "stage")):
            rows = (
                practices.filter(pk__in=self._ids_without(name))
                .values(column)
                .annotate(n=Count("pk"))
            )
            tally(counts[name], rows, column)
        in_state_facet = practices.filter(pk__in=self._ids_without("state"))
        leads = in_state_facet.values("lead_state_id").annotate(n=Count("pk"))
        tally(counts["state"], leads, "lead_state_id")
        partners = (
            Practice.partner_states.through.objects.filter(practice__in=in_state_facet)
            .exclude(practice__lead_state_id=F("state_id"))
            .values("state_id")
            .annotate(n=Count("practice_id"))
        )
        tally(counts["state"], partners, "state_id")
        in_region_facet = practices.filter(pk__in=self._ids_without("region"))
        for column in (
            "lead_state__region_id",
            "lead_state__subregion_id",
            "lead_state__intermediate_region_id",
        ):
            tally(counts["region"], in_region_facet.values(column).annotate(n=Count("pk")), column)
        in_year_facet = practices.filter(pk__in=self._ids_without("year"))
        by_decade = in_year_facet.aggregate(
            **{
                f"d{decade}": Count(
                    "pk",
                    filter=(Q(end_year__isnull=True) | Q(end_year__gte=decade))
                    & (Q(start_year__isnull=True) | Q(start_year__lte=decade + 9)),
                )
                for decade in DECADES
            }
        )
        counts["year"] = {
            decade: by_decade[f"d{decade}"] for decade in DECADES if by_decade[f"d{decade}"]
        }
        return counts


class _CountedPaginator(Paginator):
    """A paginator told the total up front, so it does not count the queryset again."""

    def __init__(self, object_list, per_page, total):
        super().__init__(object_list, per_page)
        self._total = total

    @property
    def count(self):
        return self._total


# The FilterSet's text filter --------------------------------------------------------------------


def text_search(queryset, text, include_unindexed=True):
    """Filter ``queryset`` to practices matching ``text``, annotated with ``search_rank``.

    Indexed (published) practices are matched through the search index. Practices that are
    not indexed (a signed-in user's own drafts in the API) are matched by substring when
    ``include_unindexed`` is set, and rank last.
    """
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        matched, rank = _portable_match(text)
        return queryset.filter(matched).annotate(search_rank=rank)
    matched, rank = _postgres_match(text)
    if include_unindexed:
        unindexed, _unused = _portable_match(text)
        matched |= Q(search_document__isnull=True) & unindexed
    return queryset.filter(matched).annotate(search_rank=rank)


def _postgres_match(text):
    engine = PostgresSearch.__new__(PostgresSearch)
    engine.criteria = Criteria(text=text)
    match, params = engine.text_match()
    query, query_params = engine.row_query()
    table = Practice._meta.db_table
    matched = Q(
        pk__in=RawSQL(f"SELECT d.practice_id FROM search_searchdocument d WHERE {match}", params)
    )
    rank = RawSQL(
        f"SELECT ts_rank(d.vector, {query}) FROM search_searchdocument d "
        f'WHERE d.practice_id = "{table}"."id"',
        query_params,
        output_field=FloatField(),
    )
    return matched, rank


def _term_q(term):
    found = Q(search_document__names__icontains=term)
    for name in TEXT_FIELDS:
        found |= Q(**{f"{name}__icontains": term})
    return found


def _portable_match(text):
    """AND of terms, NOT of exclusions, OR between clauses; rank by where the terms are."""
    matched = Q(pk__in=[])
    rank = Value(0)
    for clause in portable_text.parse(text):
        clause_q = Q()
        for term in clause.include:
            clause_q &= _term_q(term)
            for name, weight in TEXT_WEIGHTS.items():
                rank = rank + Case(
                    When(**{f"{name}__icontains": term}, then=Value(weight)),
                    default=Value(0),
                )
        for term in clause.exclude:
            clause_q &= ~_term_q(term)
        matched |= clause_q
    return matched, rank
