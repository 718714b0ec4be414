"""URLs of the custom editor views, mounted under the admin by PageAdmin/ArticleAdmin/RevisionAdmin.

Every view is wrapped in ``admin_site.admin_view`` (login + staff + CSRF-safe caching headers) and
then checks the editing permission itself (``views.guard.editor_required``): a signed-in staff user
outside the editors group gets 403, an anonymous visitor the admin's login page.
"""

from django.urls import path


def page_editor_urls(admin_site) -> list:
    from .views import editor, history, queue

    return [
        path("queue/", admin_site.admin_view(queue.work_queue), name="articles_queue"),
        path("<int:page_id>/edit/", admin_site.admin_view(editor.page_editor), name="articles_page_editor"),
        path("<int:page_id>/edit/fragment/", admin_site.admin_view(editor.page_editor_fragment),
             name="articles_page_editor_fragment"),
        path("<int:page_id>/revisions/", admin_site.admin_view(history.page_revisions),
             name="articles_page_revisions"),
    ]


def article_history_urls(admin_site) -> list:
    from .views import history, tags

    return [
        path("<int:article_id>/tags/", admin_site.admin_view(tags.article_tags), name="articles_article_tags"),
        path("<int:article_id>/revisions/", admin_site.admin_view(history.article_revisions),
             name="articles_article_revisions"),
    ]


def revision_urls(admin_site) -> list:
    from .views import history

    return [
        path("<int:revision_id>/undo/", admin_site.admin_view(history.undo_revision), name="articles_revision_undo"),
        path("<int:revision_id>/compare/", admin_site.admin_view(history.compare_revision),
             name="articles_revision_compare"),
    ]
