"""``manage.py create_editor USERNAME [--password PW]``: a staff user in the "editors" group.

Editors can sign in to the admin and correct content but cannot manage users. Without
``--password`` the password is read from the ``EDITOR_PASSWORD`` environment variable or asked
for interactively. Running it again for an existing user updates the password and group.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.editing.permissions import ensure_editors_group


class Command(BaseCommand):
    help = "Create (or update) a staff user in the editors group."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", help="the password (default: $EDITOR_PASSWORD, or asked for)")
        parser.add_argument("--email", default="")

    def handle(self, username, password=None, email="", **options):
        password = password or os.environ.get("EDITOR_PASSWORD")
        if not password:
            if not sys.stdin.isatty():
                raise CommandError("give --password or set EDITOR_PASSWORD")
            password = getpass.getpass(f"Password for {username}: ")
        if not password:
            raise CommandError("the password must not be empty")
        users = get_user_model()
        user, created = users.objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(ensure_editors_group())
        verb = "created" if created else "updated"
        self.stdout.write(f"editor {username} {verb} (group editors)")
