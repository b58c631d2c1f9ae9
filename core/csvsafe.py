"""Cells a spreadsheet would run as a formula, neutralised (OWASP "CSV Injection").

Every CSV the platform writes (the search export, the API's CSV, a round's results) passes its
cells through ``safe_cell``: text starting with a formula character gets a leading apostrophe,
which spreadsheets show as text and do not evaluate.
"""

import re

# "=", "+", "-", "@" start a formula; a tab or CR at the start lets the rest be read as a new
# cell. Fullwidth forms are folded to ASCII by some spreadsheets, so they count too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A signed plain number ("-5", "+2.5") is a value, not a formula: it is left as it is, so
# negative figures stay numbers in the spreadsheet.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value):
    """``value`` as a spreadsheet may read it: formula-like text prefixed with ``'``.

    Anything but text (numbers, dates, None) is returned unchanged.
    """
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(values):
    """A CSV row with every cell passed through ``safe_cell``."""
    return [safe_cell(value) for value in values]
