"""The editors' admin: a registration for every model (lists with useful columns, search and
filters) plus the custom editor views — the page editor, history with undo and the work queue.

Each module registers one concern's models; the custom views live in ``views/`` and are mounted by
``PageAdmin.get_urls`` and ``ArticleAdmin.get_urls`` so that they inherit the admin's login,
CSRF and permission machinery (``admin_site.admin_view``).

The editor's workflow: sign in at /admin/ (a staff user in the "editors" group, made with
``manage.py create_editor``) → 待办清单 (/admin/articles/page/queue/) lists flagged pages and
articles by kind, estimated dates and readers' reports → 打开版面编辑 (/admin/articles/page/<id>/edit/)
shows the page's blocks grouped into articles, source lines beside the repaired text → each button
is one POST (split, merge, move, gather, kind, duplicate, text, titles, flags, date, page number)
that the editing operations run as one undoable revision, checked against the page version the
editor saw → 修订历史 shows before/after and undoes the newest change → 标记为已审核 closes an
article's flags. Persons, places and topics of an article: 人物·地区·专题; two persons that are one:
the "merge" action on the Person list.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import content, history, paper, people, places, topics  # noqa: F401  (registers the models)

admin.site.site_header = _("工报档案 · 编辑后台")
admin.site.site_title = _("工报档案编辑后台")
admin.site.index_title = _("校对与管理")
# The index links to the work queue first: where editors start their day.
admin.site.index_template = "admin/articles/index.html"
