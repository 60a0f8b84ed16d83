# PerformanceEvent now lives in members (its table was taken over there); only the state goes here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0002_information_officer"),
        ("members", "0001_performance_event_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="PerformanceEvent")]),
    ]
