"""The REST API: a FastAPI application over a newsdesk database (``newsdesk serve``)."""
