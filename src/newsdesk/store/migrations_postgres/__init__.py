"""PostgreSQL's numbered migrations: the same tables as SQLite's, in PostgreSQL's words."""
