"""Permanent links that survive an edit: the redirects ``page_edit`` writes and undo drops.

Any edit that deletes an article whose text went into another one (a merge; a move or gather that
empties an article; undoing a split, which folds the new article back) leaves its URLs — shared,
cited, bookmarked — pointing at nothing. The frame calls ``record_redirects`` after every edit;
it finds such articles by comparing the snapshots (as it finds everything else), so no operation
has to remember to do it. Undoing a revision drops the redirects that revision wrote: the old
article is back under its own id.
"""

from __future__ import annotations

from articles.models import ArticleRedirect, Revision


def heirs(before: dict, after: dict) -> dict[int, int]:
    """Articles of ``before`` missing from ``after`` → the article that now holds the first of
    their blocks (in their old reading order). An article that had no blocks has no heir."""
    living = {row["id"] for row in after.get("articles", [])}
    holder = {row["id"]: row["article_id"] for row in after.get("blocks", [])}
    found = {}
    for block in sorted(before.get("blocks", []), key=lambda row: (row["position"], row["id"])):
        old = block["article_id"]
        if old is None or old in living or old in found:
            continue
        if holder.get(block["id"]) in living:
            found[old] = holder[block["id"]]
    return found


def record_redirects(revision: Revision) -> None:
    """Write ``revision``'s redirects (and, for an undo, drop the undone revision's first)."""
    if revision.undoes_id is not None:
        ArticleRedirect.objects.filter(revision_id=revision.undoes_id).delete()
    old_rows = {row["id"]: row for row in revision.before.get("articles", [])}
    found = heirs(revision.before, revision.after)
    ArticleRedirect.objects.filter(old_id__in=list(found)).delete()  # none expected: ids are not reused
    ArticleRedirect.objects.bulk_create([
        ArticleRedirect(old_id=old_id, new_id=new_id, page_id=revision.page_id, revision=revision,
                        old_headline=old_rows[old_id].get("headline", ""), old_slug=old_rows[old_id].get("slug", ""))
        for old_id, new_id in found.items()
    ])
