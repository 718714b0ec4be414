"""Readers' reports: one row per report slot, client and clock hour, so that the limit is kept by
a unique constraint rather than by counting first and writing after (articles.models.ReportQuota)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0009_search_index_queue"),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportQuota',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('client_hash', models.CharField(max_length=64)),
                ('hour', models.DateTimeField(db_index=True)),
                ('slot', models.PositiveSmallIntegerField()),
            ],
            options={
                'verbose_name': '读者报告限额',
                'verbose_name_plural': '读者报告限额',
                'constraints': [models.UniqueConstraint(fields=('client_hash', 'hour', 'slot'), name='report_quota_one_slot')],
            },
        ),
    ]
