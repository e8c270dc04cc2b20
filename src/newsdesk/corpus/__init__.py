"""Corpus stages: they read stored documents and see the whole story (entities across articles)."""
