"""Write states/data/world_map.json (Natural Earth's countries as SVG paths, Equal Earth
projection) and static/img/world-outline.svg (all of them in one grey path, for the locator).

The boundaries come from the npm package ``world-atlas`` (Natural Earth 1:110m Admin 0
countries as TopoJSON, each feature's ``id`` its ISO 3166-1 numeric code). States absent from
1:110m (Singapore, Malta, Andorra, most small island States) get a label point only, taken from
the same package's 1:50m file (1:10m for Tuvalu, absent from both), so that the map can mark
them with a circle. Antarctica is left
out: no State is there, and it would take a sixth of the map's height.

Run it after a new release of the package (never at run time; the site reads the JSON only)::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/build_world_map.py /tmp/package

Pure Python, no dependency: TopoJSON is decoded here (delta-encoded quantized arcs), projected
with the Equal Earth formulas (Šavrič, Patterson and Jenny, "The Equal Earth map projection",
International Journal of Geographical Information Science 33:3, 2019, 454-465), and rounded to a
tenth of a unit in a 1000-unit-wide view box, which is well below a pixel at any size the site
shows the map at.
"""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "states" / "data" / "world_map.json"
# Every shape in one grey path: the State page's locator draws it as an image, which browsers
# keep, so that each State page carries its own shape only.
OUTLINE = ROOT / "static" / "img" / "world-outline.svg"
OUTLINE_FILL, OUTLINE_STROKE = "#dde3e9", "#ffffff"
WIDTH = 1000
MARGIN = 2
ANTARCTICA = "010"

# Equal Earth's polynomial coefficients (Šavrič et al. 2019, equation 2).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude, latitude):
    """``(x, y)`` of a point given in degrees, on the unit sphere, y pointing north."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology):
    """Every arc of ``topology`` as a list of (longitude, latitude): arcs are delta-encoded
    integers, mapped to degrees by the topology's quantization transform."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A closed ring joined from arcs; ``~i`` (a negative index) is arc ``i`` reversed."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end points: keep one of each.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry, arcs):
    """A geometry's polygons, each a list of rings (the outer ring first), cut at the
    antimeridian: a polygon across it (Fiji, Chukotka) becomes one on each side."""
    if geometry["type"] == "Polygon":
        rings_of = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        rings_of = geometry["arcs"]
    else:
        return []
    result = []
    for polygon in rings_of:
        outer, *holes = [ring(arcs, r) for r in polygon]
        pieces = split_at_antimeridian(outer)
        result.append([pieces[0], *holes])
        result.extend([piece] for piece in pieces[1:])
    return result


def split_at_antimeridian(points):
    """``points`` as one or more rings within -180..180 degrees of longitude.

    TopoJSON rings may step across the antimeridian (from 179.9 to -179.9): made continuous,
    such a ring reaches past 180, and is clipped once as it is and once moved by 360 degrees.
    """
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    low, high = min(p[0] for p in unwrapped), max(p[0] for p in unwrapped)
    if low >= -180 and high <= 180:
        return [points]
    pieces = []
    for offset in (-360, 0, 360):
        piece = [(lon + offset, lat) for lon, lat in unwrapped]
        piece = clip(clip(piece, 180, below=True), -180, below=False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def clip(points, boundary, *, below):
    """The ring ``points`` cut to longitudes <= ``boundary`` (``below``) or >= it
    (Sutherland-Hodgman against one meridian)."""

    def inside(point):
        return point[0] <= boundary if below else point[0] >= boundary

    result = []
    for index, current in enumerate(points):
        previous = points[index - 1]
        if inside(current) != inside(previous):
            t = (boundary - previous[0]) / (current[0] - previous[0])
            result.append((boundary, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            result.append(current)
    return result


def area_and_centroid(points):
    """The (unsigned) area and the centroid of a ring of projected points."""
    # Relative to the ring's first point: tiny islands far from the origin would otherwise
    # lose their area to cancellation.
    ox, oy = points[0]
    points = [(x - ox, y - oy) for x, y in points]
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not twice_area:
        xs, ys = zip(*points, strict=True)
        return 0.0, (ox + sum(xs) / len(xs), oy + sum(ys) / len(ys))
    centroid = (ox + cx / (3 * twice_area), oy + cy / (3 * twice_area))
    return abs(twice_area) / 2, centroid


def tenths(value):
    """``value`` (an integer number of tenths) written as briefly as SVG allows."""
    text = f"{value / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def path_data(rings):
    """SVG path data of rings given in integer tenths: absolute move, relative lines."""
    parts = []
    for points in rings:
        commands = [f"M{tenths(points[0][0])} {tenths(points[0][1])}l"]
        numbers = []
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            numbers += [x1 - x0, y1 - y0]
        text = ""
        for number in numbers:
            written = tenths(number)
            # A minus sign separates numbers by itself.
            text += written if (not text or written.startswith("-")) else " " + written
        commands.append(text + "z")
        parts.append("".join(commands))
    return "".join(parts)


class Projector:
    """Equal Earth scaled so that the whole width of the projection (the equator, from -180 to
    180 degrees) fills ``WIDTH`` units, and cut above and below the land (less Antarctica)."""

    def __init__(self, rings):
        latitudes = [lat for r in rings for _, lat in r]
        half_width = equal_earth(180, 0)[0]
        self.min_x = -half_width
        self.scale = (WIDTH - 2 * MARGIN) / (2 * half_width)
        self.max_y = equal_earth(0, max(latitudes))[1]
        min_y = equal_earth(0, min(latitudes))[1]
        self.height = math.ceil((self.max_y - min_y) * self.scale + 2 * MARGIN)

    def __call__(self, longitude, latitude):
        """The point in view box units (y pointing down), as floats."""
        x, y = equal_earth(longitude, latitude)
        return (x - self.min_x) * self.scale + MARGIN, (self.max_y - y) * self.scale + MARGIN


def rounded(points):
    """A ring in integer tenths of a unit, without repeated points; None when it collapses."""
    result = []
    for x, y in points:
        point = (round(x * 10), round(y * 10))
        if not result or result[-1] != point:
            result.append(point)
    if len(result) > 1 and result[0] == result[-1]:
        result.pop()
    return result if len(set(result)) >= 3 else None


def largest_polygon(polygon_list, project):
    """The area and centroid of the polygon (outer ring) with the largest projected area."""
    best = (-1.0, (0.0, 0.0))
    for polygon in polygon_list:
        area, centroid = area_and_centroid([project(*point) for point in polygon[0]])
        if area > best[0]:
            best = (area, centroid)
    return best


def features_of(topology):
    """``[(id or None, name, polygons)]`` of a world-atlas countries topology."""
    arcs = decode_arcs(topology)
    return [
        (geometry.get("id"), geometry["properties"]["name"], polygons(geometry, arcs))
        for geometry in topology["objects"]["countries"]["geometries"]
    ]


def build(package_dir):
    """The data file's content, from an unpacked ``world-atlas`` package directory."""
    package = json.loads((package_dir / "package.json").read_text())
    coarse = features_of(json.loads((package_dir / "countries-110m.json").read_text()))
    finer = [
        features_of(json.loads((package_dir / name).read_text()))
        for name in ("countries-50m.json", "countries-10m.json")
    ]
    coarse = [feature for feature in coarse if feature[0] != ANTARCTICA]
    project = Projector([r for _, _, polys in coarse for p in polys for r in p])

    shapes = []
    for feature_id, name, polygon_list in coarse:
        rings = [rounded([project(*point) for point in r]) for p in polygon_list for r in p]
        rings = [r for r in rings if r]
        area, (lx, ly) = largest_polygon(polygon_list, project)
        shapes.append(
            {
                "id": feature_id,
                "name": name,
                "d": path_data(rings),
                "label": [round(lx, 1), round(ly, 1)],
                "area": round(area, 1),
            }
        )
    present = {feature_id for feature_id, _, _ in coarse}
    points = []
    for features in finer:
        for feature_id, name, polygon_list in features:
            if feature_id and feature_id not in present and feature_id != ANTARCTICA:
                present.add(feature_id)
                _area, (lx, ly) = largest_polygon(polygon_list, project)
                label = [round(lx, 1), round(ly, 1)]
                points.append({"id": feature_id, "name": name, "label": label})
    return {
        "source": {
            "package": package["name"],
            "version": package["version"],
            "files": [
                "countries-110m.json",
                "countries-50m.json and countries-10m.json (label points only)",
            ],
            "data": "Natural Earth Admin 0 countries, 1:110m; label points of features absent "
            "from it from 1:50m, then 1:10m. Antarctica left out.",
            "attribution": "Made with Natural Earth. Free vector and raster map data "
            "@ naturalearthdata.com. Public domain.",
            "projection": "Equal Earth (Šavrič, Patterson and Jenny 2019)",
            "regenerate": "python scripts/build_world_map.py <unpacked world-atlas package>",
        },
        "viewBox": [0, 0, WIDTH, project.height],
        "shapes": sorted(shapes, key=lambda shape: (shape["id"] or "", shape["name"])),
        "points": sorted(points, key=lambda point: point["id"]),
    }


def dumps(data):
    """The data as JSON, one shape or point a line (readable diffs when the package changes)."""

    def compact(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join(f"  {compact(item)}" for item in value)
            lines.append(f" {compact(key)}: [\n{items}\n ],")
        else:
            lines.append(f" {compact(key)}: {compact(value)},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def outline_svg(data):
    """The world outline as a standalone SVG document (the locator's background)."""
    view_box = " ".join(str(number) for number in data["viewBox"])
    paths = "".join(shape["d"] for shape in data["shapes"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">'
        f"<!-- {data['source']['attribution']} Through {data['source']['package']} "
        f"{data['source']['version']}; written by scripts/build_world_map.py. -->"
        f'<path fill="{OUTLINE_FILL}" fill-rule="evenodd" stroke="{OUTLINE_STROKE}" '
        f'stroke-width="1" stroke-linejoin="round" d="{paths}"/></svg>\n'
    )


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    data = build(Path(argv[1]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(dumps(data))
    OUTLINE.write_text(outline_svg(data))
    print(f"{OUTPUT}: {len(data['shapes'])} shapes, {len(data['points'])} points, "
          f"{OUTPUT.stat().st_size // 1024} KB")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv)
