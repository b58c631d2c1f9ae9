"""What a practice page shows of its evidence and adaptations (``_evidence.html``).

The indicators in their order, the evaluation type ("not given" when blank), the evaluation
documents, the practice it was adapted from and the published practices adapted from it.
A table of what the State reports: no score, no ranking.
"""

from dataclasses import dataclass, field
from datetime import date

from .evidence import Indicator
from .models import Practice


@dataclass
class Evidence:
    indicators: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    adapted_from: object = None
    adapted_by: list = field(default_factory=list)


def _published_with_lead():
    return (
        Practice.objects.published()
        .select_related("lead_state")
        .only("slug", "title", "published_at", "lead_state", "lead_body", "status", "revision_of")
    )


def evidence_of(practice, rel):
    """The ``Evidence`` of a saved or unsaved practice (``rel``: its ``practice_relations``,
    which holds its indicators and says whether any practice was adapted from it)."""
    evidence = Evidence(
        documents=[a for a in rel.get("attachments", []) if a.is_evaluation],
        indicators=rel.get("indicators", []),
    )
    if practice.adapted_from_id:
        evidence.adapted_from = _published_with_lead().filter(pk=practice.adapted_from_id).first()
    if practice.pk is not None and practice.revision_of_id is None and rel.get("adaptations"):
        evidence.adapted_by = list(
            _published_with_lead().filter(adapted_from=practice).order_by("published_at", "pk")
        )
    return evidence


def version_evidence(practice, content):
    """The ``Evidence`` a published version (``versions.snapshot``'s ``content``) showed."""
    indicators = []
    for values in content.get("indicators", []):
        indicator = Indicator(**values)
        if indicator.measured_on:
            indicator.measured_on = date.fromisoformat(indicator.measured_on)
        indicators.append(indicator)
    evidence = Evidence(indicators=indicators)
    if practice.adapted_from_id:
        evidence.adapted_from = _published_with_lead().filter(pk=practice.adapted_from_id).first()
    return evidence
