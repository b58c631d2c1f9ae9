"""The API's side of the practice translations (issue 18).

Every practice representation lists its published translations (``translations``: language,
status, date, and ``outdated``: whether the original's text changed since). The main text
fields (title, summary, description, objectives, results, lessons) follow the reader's
language: ``?lang=<code>`` first, else the request's language (``Accept-Language``, as
``LocaleMiddleware`` reads it), when a published translation into it exists; ``language``
stays the original's, and the original's own text is read in its language (``?lang=en`` for an
English practice, ...).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

from api.exceptions import invalid_parameter
from practices.translations import TEXT_FIELDS, PracticeTranslation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The schema of one item of ``translations``.
TRANSLATION_ITEM = inline_serializer(
    "PracticeTranslationBrief",
    fields={
        "language": serializers.CharField(help_text="One of the site's language codes."),
        "status": serializers.CharField(),
        "published_at": serializers.DateTimeField(),
        "outdated": serializers.BooleanField(
            help_text=(
                "True when the original's text changed after this translation was published "
                "(it may be out of date until a revision of it is published)."
            )
        ),
    },
    many=True,
)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=LANGUAGE_CODES,
    description=(
        "The language of the main text fields, where a published translation into it exists "
        "(else Accept-Language decides; the original text otherwise)."
    ),
)


def activate_requested_language(request):
    """``?lang=`` (one of the site's languages) becomes the request's language; another
    value is a 400."""
    if "lang" not in request.query_params:
        return
    requested = request.query_params.get("lang")
    if requested not in LANGUAGE_CODES:
        raise invalid_parameter(
            "lang", _("Choose one of: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)}
        )
    translation.activate(requested)


def _item(row):
    published = row["published_at"]
    return {
        "language": row["language"],
        "status": row["status"],
        "published_at": published and serializers.DateTimeField().to_representation(published),
        "outdated": row["outdated_since"] is not None,
    }


def published_rows(ids):
    """``{practice pk: [rows of its published translations]}``, one query."""
    rows = (
        PracticeTranslation.objects.published()
        .filter(practice_id__in=list(ids))
        .order_by("practice_id", "language")
        .values("practice_id", "language", "status", "published_at", "outdated_since", *TEXT_FIELDS)
    )
    found = {}
    for row in rows:
        found.setdefault(row["practice_id"], []).append(row)
    return found


def translations_of(practice):
    """What the serializer gives for one practice (the same as ``apply``)."""
    return [_item(row) for row in published_rows([practice.pk]).get(practice.pk, [])]


def apply(data, rows):
    """Fill ``data["translations"]``; in the reader's language, its text replaces the main
    fields."""
    data["translations"] = [_item(row) for row in rows]
    language = translation.get_language()
    for row in rows:
        if row["language"] == language:
            data.update({name: row[name] for name in TEXT_FIELDS})
