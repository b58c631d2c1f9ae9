"""The fields of a practice as the workflow handles them: what a State writes, what editors
set, which relations a published version keeps (forms, serializers, the workflow, diffs)."""

# What a State writes, in form order. Everything else (status, owner, version, audit fields)
# is set here on the server, never from a form or a serializer.
CONTENT_FIELDS = [
    "title",
    "lead_state",
    "lead_body",
    "pillar",
    "summary",
    "description",
    "objectives",
    "results",
    "evaluation_type",
    "beneficiaries_reached",
    "beneficiaries_description",
    "lessons",
    "replicability",
    "start_year",
    "end_year",
    "adapted_from",
    "stage",
    "source_document",
    "source_section",
    "source_url",
    "source_year",
    "language",
    "in_response_to",
]
# Set by editors (admin, data loaders), not by the State writing: a body's practice names the
# State that reported it. A revision leaves it as it is on the live practice.
EDITORIAL_FIELDS = ["reported_by"]

M2M_FIELDS = [
    "themes",
    "gcm_objectives",
    "guiding_principles",
    "sdg_targets",
    "partner_states",
    "partner_bodies",
    "institutions",
    "contacts",
]
# What a published version keeps: contacts change apart from the text and are never frozen.
VERSIONED_RELATIONS = [name for name in M2M_FIELDS if name != "contacts"]
