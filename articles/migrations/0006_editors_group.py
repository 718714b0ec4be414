"""Create the "editors" group with the articles app's model permissions it needs (never auth.*).

Permissions are normally created after all migrations (post_migrate), so on a fresh database they
do not exist yet here: ``create_permissions`` makes them first. The list of permissions lives in
``articles.editing.permissions`` so that the group can be re-synced there when models are added.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_editors_group(apps, schema_editor):
    from articles.editing.permissions import ensure_editors_group  # noqa: PLC0415

    app_config = apps.get_app_config("articles")
    app_config.models_module = True  # create_permissions skips app configs without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_editors_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_topic_taxonomy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
