"""The editors' admin: a registration for every model (lists with useful columns, search and
filters) plus the custom editor views — the page editor, history with undo and the work queue.

Each module registers one concern's models; the custom views live in ``views/`` and are mounted by
``PageAdmin.get_urls`` and ``ArticleAdmin.get_urls`` so that they inherit the admin's login,
CSRF and permission machinery (``admin_site.admin_view``).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import content, history, paper, people, places, topics  # noqa: F401  (registers the models)

admin.site.site_header = _("工报档案 · 编辑后台")
admin.site.site_title = _("工报档案编辑后台")
admin.site.index_title = _("校对与管理")
# The index links to the work queue first: where editors start their day.
admin.site.index_template = "admin/articles/index.html"
