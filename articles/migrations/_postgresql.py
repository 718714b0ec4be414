"""``postgresql_only(create_sql, drop_sql)``: a migration operation that runs its SQL on PostgreSQL
and does nothing on SQLite (the PostgreSQL search engine's table, its generated columns and
indexes exist only there). A module of the migrations package whose name starts with ``_`` is not
a migration; the migrations that use this one depend on it staying as it is."""

from django.db import migrations


def postgresql_only(create_sql: str, drop_sql: str) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create_sql)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop_sql)

    return migrations.RunPython(create, drop)
