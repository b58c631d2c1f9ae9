"""CSV for list endpoints: one row per item, nested objects flattened into dotted columns.

``lead_state`` becomes ``lead_state.slug``, ``lead_state.name``, ...; a list of objects such as
``themes`` becomes ``themes.slug`` with the values joined by "; ". Cells that a spreadsheet
would run as a formula are prefixed with an apostrophe (``core.csvsafe``).
"""

import csv
import io

from rest_framework import renderers, serializers

from core.csvsafe import safe_cell

SEPARATOR = "; "


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", [data]) if isinstance(data, dict) else data
        flat_rows = [_flatten(row) for row in rows]
        # Columns come from the serializer, so every page has the same header whatever its
        # rows hold; keys only some rows have (sync tombstones' removed_at) go at the end.
        view = (renderer_context or {}).get("view")
        declared = list(_columns(view.get_serializer())) if view is not None else []
        columns = list(dict.fromkeys([*declared, *(key for row in flat_rows for key in row)]))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\r\n")
        if columns:
            writer.writeheader()
        writer.writerows(flat_rows)
        return out.getvalue().encode(self.charset)


def _columns(serializer):
    for name, field in serializer.fields.items():
        child = getattr(field, "child", field)
        if isinstance(child, serializers.Serializer):
            yield from (f"{name}.{sub_name}" for sub_name in child.fields)
        else:
            yield name


def _flatten(row):
    flat = {}
    for key, value in row.items():
        if value is None or value == []:
            continue  # left blank; the column (or the nested ones) is declared anyway
        if isinstance(value, dict):
            for sub_key, sub_value in value.items():
                flat[f"{key}.{sub_key}"] = _cell(sub_value)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            sub_keys = dict.fromkeys(sub_key for item in value for sub_key in item)
            for sub_key in sub_keys:
                flat[f"{key}.{sub_key}"] = SEPARATOR.join(
                    _cell(item.get(sub_key)) for item in value
                )
        elif isinstance(value, list):
            flat[key] = SEPARATOR.join(_cell(item) for item in value)
        else:
            flat[key] = _cell(value)
    return flat


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(safe_cell(value))
