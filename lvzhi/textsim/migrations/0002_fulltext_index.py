"""The full-text index beside textsim_searchentry: FTS5 on SQLite, a GIN tsvector index on PostgreSQL."""

from typing import Any

from django.db import migrations

from lvzhi.textsim.backends import PG_CREATE, PG_DROP, SQLITE_CREATE, SQLITE_DROP


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(PG_DROP)


class Migration(migrations.Migration):
    dependencies = [("textsim", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
