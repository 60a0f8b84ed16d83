"""The shared cache table (rate limits, use-once checks) when the database cache is configured."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]  # migration signature
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_auditentry_kind")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
