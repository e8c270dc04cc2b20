"""The story as its readers see it: the layer below the REST API (``newsdesk.api``), the web UI
(``newsdesk.web``) and the exports, above the store and the story stages.

It reads stored results through the ``Store`` protocol and shapes them into the export's records
(``newsdesk.report`` holds the record functions); where a value is still worked out when read
(the actor network's edges, each article's independent source for a database from before the
claims stage stored them, where a correction stands), the work is called from here, so that
neither the API nor the report imports the story stages (``newsdesk.corpus``).
"""
