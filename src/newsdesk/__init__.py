"""newsdesk: a sourced, queryable picture of a news story from a pile of raw articles."""

__version__ = "0.1.0"
EXPORT_SCHEMA = 1
