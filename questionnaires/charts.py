"""Bar charts of a question's answers against the round's respondents: numbers computed
here, markup in ``questionnaires/_chart.html``.

Every bar is a share of all the round's respondents, and the respondents whose answer is not
known get a bar of their own ("Not reported"): a share of the answers held alone would show
"100% yes" where the paper names 24 of the 53 States that replied. Labels and numbers are HTML
text (they wrap and stay readable at 360 px); only the bar itself is a scaled SVG rectangle
(an attribute, not an inline style, under the strict CSP). No JavaScript.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Response


@dataclass
class Bar:
    label: str
    count: int
    percent: object  # Decimal or None
    width: float  # 0-100, the share of respondents
    paper: str = ""  # the paper's figure for this option, as the paper gives it
    unknown: bool = False


@dataclass
class BarChart:
    id: str
    title: str
    caption: str
    bars: list = field(default_factory=list)


def bar_chart(result, *, chart_id, title):
    """One bar per option of ``result`` (a ``results.QuestionResult``), then "Not reported"."""
    respondents = result.respondents
    from_paper = _all_from_paper(result)
    chart = BarChart(
        id=chart_id,
        title=title,
        caption=_("Of the %(n)s States that replied to this round") % {"n": respondents},
    )
    figures = {figure.option: figure for figure in result.reported if figure.option}
    for option in result.options:
        label = (
            _("%(option)s, named in the paper") % {"option": option.label}
            if from_paper
            else option.label
        )
        figure = figures.get(option.value)
        chart.bars.append(
            Bar(
                label=label,
                count=option.count,
                percent=option.percent_of_respondents,
                width=_width(option.count, respondents),
                paper=figure.display_value if figure else "",
            )
        )
    if result.not_reported:
        chart.bars.append(
            Bar(
                label=_("Not reported"),
                count=result.not_reported,
                percent=result.not_reported_percent,
                width=_width(result.not_reported, respondents),
                unknown=True,
            )
        )
    return chart


def _width(count, total):
    return round(100 * count / total, 1) if total else 0


def _all_from_paper(result):
    return result.origins == {Response.Origin.PAPER}
