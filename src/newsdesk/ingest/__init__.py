"""Reading articles from files and storing them: ``ingest_paths`` is the entry point."""

from __future__ import annotations

from newsdesk.ingest.errors import Failure, InputError
from newsdesk.ingest.run import IngestReport, ingest_paths

__all__ = ["Failure", "IngestReport", "InputError", "ingest_paths"]
