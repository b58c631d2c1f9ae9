"""The world map of practices per State and the State page's locator, as server-rendered SVG.

The boundaries are Natural Earth's (public domain), through the npm package ``world-atlas``,
projected once by ``scripts/build_world_map.py`` into ``states/data/world_map.json``; nothing
here reads more than that file. A State is matched to its shape by its ISO 3166-1 numeric code
(``State.m49_code``: the UN's M49 code of a country is its ISO numeric code). States that
Natural Earth's 1:110m scale leaves out (Singapore, Malta, most small island States) have a
label point only, and are shown as a circle; so are those whose shape is too small to see.

This module knows no practice (``states`` sits below ``practices``): the counts are handed in
by the caller, as ``StateCount`` rows.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from core.collation import sorted_by_name

from .models import state_display_name

DATA_FILE = Path(__file__).resolve().parent / "data" / "world_map.json"
# Below this area (square units of the 1000-unit-wide view box: Luxembourg is 2, Qatar 10,
# Jamaica 11, Kuwait 14) a shape is a few pixels wide on a phone: it gets a circle as well.
SMALL_AREA = 15
# The number of colour classes of the map (``map-b1`` to ``map-b5`` in site.css).
CLASSES = 5


@dataclass(frozen=True)
class StateCount:
    """A State and the number of published practices it leads."""

    m49_code: int
    iso2: str
    slug: str
    name: str
    count: int


@dataclass(frozen=True)
class Geography:
    """What ``world_map.json`` holds, indexed by ISO numeric code."""

    view_box: str
    shapes: dict  # code -> {"d", "label", "area", "name"}
    unmatched: tuple  # shapes without a code (Kosovo, Somaliland, N. Cyprus)
    points: dict  # code -> {"label", "name"}: States too small for the 1:110m scale
    source: dict


@functools.cache
def geography():
    """The data file, read once per process."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    shapes = {int(shape["id"]): shape for shape in data["shapes"] if shape["id"]}
    return Geography(
        view_box=" ".join(str(number) for number in data["viewBox"]),
        shapes=shapes,
        unmatched=tuple(shape for shape in data["shapes"] if not shape["id"]),
        points={int(point["id"]): point for point in data["points"]},
        source=data["source"],
    )


def label_point(m49_code):
    """``(x, y)`` of a State's label point on the map, or None when the map does not know it."""
    geo = geography()
    found = geo.shapes.get(m49_code) or geo.points.get(m49_code)
    return tuple(found["label"]) if found else None


def buckets(counts):
    """The colour classes of ``counts`` (positive numbers): ``[(low, high), ...]``, ascending.

    At most ``CLASSES`` ranges, by quantiles of the States' counts so that each class holds
    about as many States (counts are skewed: a few States lead most practices); when there are
    fewer distinct counts than classes, one range per count.
    """
    values = sorted(counts)
    if not values:
        return []
    classes = min(CLASSES, len(set(values)))
    highs = []
    for k in range(1, classes + 1):
        high = values[math.ceil(k * len(values) / classes) - 1]
        if not highs or high > highs[-1]:
            highs.append(high)
    lows = [values[0]] + [high + 1 for high in highs[:-1]]
    return list(zip(lows, highs, strict=True))


def class_names(number):
    """The CSS classes of ``number`` ranges, spread over the scale (three ranges take the
    lightest, the middle and the darkest colour)."""
    if number == 1:
        return [f"map-b{CLASSES // 2 + 1}"]
    return [f"map-b{round(i * (CLASSES - 1) / (number - 1)) + 1}" for i in range(number)]


def world_map(rows):
    """The world map's template context from ``rows`` (``StateCount``; those with no
    practice are ignored): ``{"view_box", "background": [path data], "states": [...],
    "legend": [...], "table": [...]}``.

    Each State of ``states`` has ``name``, ``count``, ``href``, ``css`` (its colour class),
    ``d`` (None when Natural Earth's 1:110m scale has no shape for it) and ``marker``
    (``(x, y)`` of a circle for a State too small to see, else None), in the reader's
    alphabetical order: the order the keyboard reaches them in. ``table`` is the same States
    with their counts; ``legend`` is ``[(css class, low, high), ...]``.
    """
    geo = geography()
    rows = [row for row in rows if row.count > 0]
    ranges = buckets(row.count for row in rows)
    classes = class_names(len(ranges))
    legend = [(css, low, high) for css, (low, high) in zip(classes, ranges, strict=True)]

    def css_of(count):
        return next(css for css, low, high in legend if low <= count <= high)

    states = []
    for row in rows:
        shape = geo.shapes.get(row.m49_code)
        point = geo.points.get(row.m49_code)
        small = point is not None or (shape is not None and shape["area"] < SMALL_AREA)
        label = (shape or point or {}).get("label")
        states.append(
            {
                "name": state_display_name(row.iso2, row.name),
                "count": row.count,
                "href": reverse("states:state_detail", kwargs={"slug": row.slug}),
                "css": css_of(row.count),
                "d": shape["d"] if shape else None,
                "marker": tuple(label) if small and label else None,
            }
        )
    table = sorted_by_name(states, name=lambda state: state["name"])
    # Circles last: drawn after (over) every shape, and reached last by the keyboard.
    states = [state for state in table if not state["marker"]]
    states += [state for state in table if state["marker"]]
    linked = {row.m49_code for row in rows}
    background = [shape["d"] for code, shape in geo.shapes.items() if code not in linked]
    background += [shape["d"] for shape in geo.unmatched]
    return {
        "view_box": geo.view_box,
        "background": background,
        "states": states,
        "legend": legend,
        "table": table,
    }


def locator(state):
    """The State page's locator map: ``{"view_box", "width", "height", "d", "marker",
    "name"}``, or None when the map knows no place for the State (``d`` None: a circle only).

    The world behind it is ``static/img/world-outline.svg`` (written with the data file), an
    image the browser keeps from one State page to the next: the page carries its own shape.
    """
    geo = geography()
    marker = label_point(state.m49_code)
    if marker is None:
        return None
    shape = geo.shapes.get(state.m49_code)
    _x, _y, width, height = geo.view_box.split()
    return {
        "view_box": geo.view_box,
        "width": width,
        "height": height,
        "d": shape["d"] if shape else None,
        "marker": marker,
        "name": state.display_name,
    }
