"""The search index's queue moves into the articles app: pending updates recorded in the same
transaction as each change, and the index's state for /readyz (articles.models.search_queue).

Updates still waiting in django-tasks' table (the queue used before) become pending rows.
"""

import json

from django.db import migrations, models
from django.utils import timezone

OLD_TABLE = "django_tasks_database_dbtaskresult"


def carry_over_queued_tasks(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT args_kwargs FROM {OLD_TABLE} WHERE status IN ('READY', 'RUNNING') "
                       "AND task_path LIKE %s", ["%reindex_articles"])
        rows = cursor.fetchall()
    ids = set()
    for (args_kwargs,) in rows:
        data = json.loads(args_kwargs) if isinstance(args_kwargs, str) else args_kwargs
        ids.update(int(i) for i in (data.get("args") or [[]])[0])
    pending = apps.get_model("articles", "PendingIndexUpdate")
    now = timezone.now()
    pending.objects.bulk_create([pending(article_id=i, queued_at=now) for i in sorted(ids)],
                                batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_topic_keywords_service_culture_organisation'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_commit_at', models.DateTimeField(blank=True, null=True)),
                ('indexed_as_of', models.DateTimeField(blank=True, null=True)),
                ('last_reconcile_at', models.DateTimeField(blank=True, null=True)),
                ('last_drift_check_at', models.DateTimeField(blank=True, null=True)),
                ('last_drift', models.JSONField(blank=True, default=dict)),
                ('worker_seen_at', models.DateTimeField(blank=True, null=True)),
                ('worker', models.CharField(blank=True, default='', max_length=120)),
            ],
            options={
                'verbose_name': '索引状态',
                'verbose_name_plural': '索引状态',
            },
        ),
        migrations.CreateModel(
            name='PendingIndexUpdate',
            fields=[
                ('article_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('queued_at', models.DateTimeField(db_index=True)),
                ('lease_owner', models.CharField(blank=True, default='', max_length=120)),
                ('lease_until', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('last_error', models.TextField(blank=True, default='')),
            ],
            options={
                'verbose_name': '待更新的索引',
                'verbose_name_plural': '待更新的索引',
            },
        ),
        migrations.RunPython(carry_over_queued_tasks, migrations.RunPython.noop),
    ]
