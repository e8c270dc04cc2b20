"""One result object, many renderings: the export contract and its JSON, CSV and Markdown forms."""
