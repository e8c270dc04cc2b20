"""Per-document language analysis: named-entity mentions with their syntax, equipment names."""

from newsdesk.nlp.annotate import annotate
from newsdesk.nlp.models import NlpUnavailable, load_language

__all__ = ["NlpUnavailable", "annotate", "load_language"]
