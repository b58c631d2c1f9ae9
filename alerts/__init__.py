"""Alerts: saved searches and follows, their digests and Atom feeds, and call-for-practices
notices.

Sits above ``practices`` (it reads practices through its FilterSet and the search backend, and
calls through ``practices.calls``) and below the wiring; nothing but ``gfmd_platform`` imports
it.
"""
