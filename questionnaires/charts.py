"""Server-rendered SVG bar charts: geometry computed here, markup in a template.

No JavaScript: the SVG is plain markup with ``role="img"``, a ``<title>`` and a ``<desc>``
that says in words what the bars show, and every chart is followed by a data table with the
same numbers (``questionnaires/_chart.html``).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 720
LABEL_WIDTH = 260
BAR_AREA = 300
ROW_HEIGHT = 34
BAR_HEIGHT = 22
TOP = 8


@dataclass
class Bar:
    label: str
    value_text: str
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: list = field(default_factory=list)

    @property
    def axis_x(self):
        return self.label_width


def bar_chart(result, *, chart_id, title):
    """A horizontal bar per option of ``result`` (a ``results.QuestionResult``)."""
    chart = BarChart(
        id=chart_id,
        title=title,
        description="",
        width=WIDTH,
        height=TOP * 2 + ROW_HEIGHT * max(len(result.options), 1),
        label_width=LABEL_WIDTH,
    )
    parts = []
    for index, option in enumerate(result.options):
        percent = option.percent or 0
        width = round(BAR_AREA * float(percent) / 100)
        value_text = _("%(percent)s%% (%(count)s of %(total)s)") % {
            "percent": percent,
            "count": option.count,
            "total": option.denominator,
        }
        y = TOP + index * ROW_HEIGHT
        chart.bars.append(
            Bar(
                label=_shorten(option.label),
                value_text=value_text,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
        parts.append(f"{option.label}: {value_text}")
    if result.denominator:
        chart.description = _("Computed from %(n)s published answers held here. %(bars)s.") % {
            "n": result.denominator,
            "bars": "; ".join(parts),
        }
    else:
        chart.description = _("No published answer held here yet.")
    return chart


def _shorten(label, limit=38):
    """Long option labels are cut in the chart; the data table below has them in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
