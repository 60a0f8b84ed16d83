# The performance credits move from opinions to members (one source for every app): the model's
# state is created here over the existing table, which is then renamed; no row is copied.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("casework", "0003_attachment_and_board_index"),
        ("opinions", "0002_information_officer"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PerformanceEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(db_index=True, max_length=16, verbose_name="事项")),
                        ("level", models.CharField(blank=True, max_length=24, verbose_name="层级")),
                        ("on", models.DateField(db_index=True, verbose_name="日期")),
                        (
                            "body",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="orgs.body", verbose_name="机构"
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="performance_events",
                                to="casework.case",
                                verbose_name="案件",
                            ),
                        ),
                        (
                            "member",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="performance_events",
                                to="orgs.member",
                                verbose_name="委员",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "履职记录",
                        "verbose_name_plural": "履职记录",
                        "ordering": ["-on", "-id"],
                        "db_table": "opinions_performanceevent",
                        "indexes": [models.Index(fields=["member", "on"], name="opinions_pe_member__f6dc10_idx")],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("kind__in", ["submitted", "published"])),
                                fields=("case", "kind"),
                                name="perf_once_submitted_published",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="performanceevent", table=None),
    ]
