"""PostgreSQL keeps the search vector in a generated column (ranking reads it instead of re-parsing)."""

from typing import Any

from django.db import migrations

from lvzhi.textsim.backends import PG_STORED_CREATE, PG_STORED_DROP


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_STORED_CREATE:
            schema_editor.execute(sql)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_STORED_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("textsim", "0003_search_source_event_label")]

    operations = [migrations.RunPython(create, drop)]
