"""Calendar arithmetic shared by the apps (retention of conversations, currency checks)."""

import calendar


def months_before(moment, months):
    """``moment`` minus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
