"""Structured logging: every record carries the id of the request being served.

The id is kept in a context variable set by ``RequestLogMiddleware``, so a log line written
anywhere during a request (a view, the workflow, a cache error) can be matched with the request
line and with the ``X-Request-ID`` header the client saw.
"""

import json
import logging
from contextvars import ContextVar

request_id_var = ContextVar("request_id", default="-")

# Attributes every LogRecord has; anything else was passed in ``extra`` and belongs in the line.
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Stamp each record with the current request id ("-" outside a request)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, ready for a log shipper, with ``extra`` fields kept."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        entry.update(
            (key, value) for key, value in vars(record).items() if key not in _STANDARD_ATTRS
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
