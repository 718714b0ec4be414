"""Single blocks: change a block's kind, correct its text, mark it as a duplicate (kept, not shown).

Text is never lost: the first correction copies the importer's text into ``Block.original_text``
(kept for good, and searchable in history); every correction's previous text is in the revision.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import BlockKind, Flag, FlagCode, RevisionAction

from .errors import InvalidOperation
from .frame import page_edit
from .structure import article_blocks, get_block, require_article


def _label(block) -> str:
    return f"L{block.line_start}「{block.text[:12]}」"


def set_block_kind(block, kind: str, *, user, expected_version: int):
    """Change what a block is (body, subhead, caption, byline, kicker/headline/subtitle, column
    label, credit, banner); the article's title, byline and credits follow."""
    if kind not in BlockKind.values:
        raise InvalidOperation(_("未知的文本块类型：%(kind)s") % {"kind": kind})
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SET_KIND) as edit:
        block = get_block(block, page_id)
        if block.kind == kind:
            raise InvalidOperation(_("这个文本块已经是“%(kind)s”") % {"kind": BlockKind(kind).label})
        old = block.get_kind_display()
        type(block).objects.filter(pk=block.pk).update(kind=kind)
        edit.summary = _("%(block)s：%(old)s → %(new)s") % {"block": _label(block), "old": old, "new": BlockKind(kind).label}
    return edit.revision


def correct_text(block, text: str, *, user, expected_version: int):
    """Replace a block's text with the editor's correction; the importer's text stays in
    ``original_text`` and the previous text in the revision."""
    text = (text or "").strip()
    if not text:
        raise InvalidOperation(_("文本不能为空；如果是重复或多余的段落，请标为重复"))
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.CORRECT_TEXT) as edit:
        block = get_block(block, page_id)
        if block.text == text:
            raise InvalidOperation(_("文本没有改动"))
        original = block.original_text or block.text
        type(block).objects.filter(pk=block.pk).update(text=text, original_text=original)
        edit.summary = _("校正 %(block)s") % {"block": _label(block)}
    return edit.revision


def mark_duplicate(block, of, *, user, expected_version: int):
    """Mark ``block`` as a repeat of ``of`` (a block of the same page): it is kept but hidden from
    readers, and its open DUPLICATE flags are resolved."""
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.MARK_DUPLICATE) as edit:
        block = get_block(block, page_id)
        original = get_block(of, page_id)
        if original.pk == block.pk:
            raise InvalidOperation(_("文本块不能是它自己的重复"))
        if original.duplicate_of_id == block.pk or original.hidden:
            raise InvalidOperation(_("被重复的那一段（%(block)s）本身已被隐藏，请选择要保留显示的一段") % {
                "block": _label(original)})
        type(block).objects.filter(pk=block.pk).update(hidden=True, duplicate_of=original)
        Flag.objects.filter(block=block, code=FlagCode.DUPLICATE, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=user)
        edit.summary = _("%(block)s 标为 %(of)s 的重复") % {"block": _label(block), "of": _label(original)}
    return edit.revision


def unmark_duplicate(block, *, user, expected_version: int):
    """Show a block again that was marked as a duplicate (or otherwise hidden)."""
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.UNMARK_DUPLICATE) as edit:
        block = get_block(block, page_id)
        if not block.hidden and block.duplicate_of_id is None:
            raise InvalidOperation(_("这个文本块没有被标为重复"))
        type(block).objects.filter(pk=block.pk).update(hidden=False, duplicate_of=None)
        edit.summary = _("取消 %(block)s 的重复标记") % {"block": _label(block)}
    return edit.revision


def join_with_previous(block, *, user, expected_version: int):
    """Append a block's text to the previous visible block of its article and hide it (kept, with
    ``duplicate_of`` pointing at the block that now holds its text).

    For a paragraph split by a column break that the importer could not join, e.g. page 001's
    orphan L118 “四梁八柱”。, the end of L128 “…工作的”. No separator is added (Chinese text); the
    previous block's importer text stays in ``original_text``. Open ORPHAN flags of the block and
    TRUNCATED flags of the previous block are resolved: the join repairs both.
    """
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.JOIN) as edit:
        block = get_block(block, page_id)
        if block.hidden:
            raise InvalidOperation(_("这个文本块已被隐藏"))
        visible = [b for b in article_blocks(require_article(block)) if not b.hidden]
        index = [b.pk for b in visible].index(block.pk)
        if index == 0:
            raise InvalidOperation(_("这是文章的第一个文本块，前面没有可接的段落"))
        previous = visible[index - 1]
        joiner = " " if previous.text[-1:].isascii() and block.text[:1].isascii() else ""
        type(block).objects.filter(pk=previous.pk).update(
            text=previous.text + joiner + block.text, original_text=previous.original_text or previous.text)
        type(block).objects.filter(pk=block.pk).update(hidden=True, duplicate_of=previous)
        now = timezone.now()
        Flag.objects.filter(block=block, code=FlagCode.ORPHAN, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user)
        Flag.objects.filter(block=previous, code=FlagCode.TRUNCATED, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user)
        edit.summary = _("%(block)s 接到 %(previous)s 之后") % {"block": _label(block), "previous": _label(previous)}
    return edit.revision
