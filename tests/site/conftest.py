"""The site tests read the public site's small published catalogue (``tests/public``)."""

from tests.public.conftest import catalogue, english_first, reindex  # noqa: F401
