"""Turn an article's visible blocks into what the article template renders.

The template stays a plain loop over ``BodyPart``s: a paragraph, an inner subhead, a caption (a
figure whose photo is not in the archive) or a photo credit. Title lines and the column label are
shown in the title group, not here. A byline block that holds only the byline (“本报讯 记者X报道”)
is printed run-in at the start of the lead paragraph, as the newspaper prints it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from articles.models import BlockKind

# Kinds shown in the title group or the page header, never in the running text.
NOT_IN_BODY = {BlockKind.BANNER, BlockKind.COLUMN_LABEL, *BlockKind.title_kinds()}

# A byline block no longer than this and ending in 报道/摄 is a byline alone, not a lead with text.
SHORT_BYLINE = 40


@dataclass
class BodyPart:
    kind: str  # "paragraph", "subhead", "caption" or "credit"
    text: str
    run_in: str = ""  # byline printed at the start of a lead paragraph
    after_image_gap: bool = False
    block_id: int | None = None


def _is_bare_byline(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= SHORT_BYLINE and stripped.endswith(("报道", "摄", "摄影", "报"))


def body_parts(blocks: Iterable) -> list[BodyPart]:
    """Blocks (visible, in position order) → parts to render, in the same order."""
    parts: list[BodyPart] = []
    pending_byline = ""
    for block in blocks:
        if block.kind in NOT_IN_BODY:
            continue
        text = block.text.strip()
        if not text:
            continue
        if block.kind == BlockKind.BYLINE and _is_bare_byline(text):
            pending_byline = f"{pending_byline} {text}".strip()
            continue
        if block.kind == BlockKind.SUBHEAD:
            part = BodyPart("subhead", text)
        elif block.kind == BlockKind.CAPTION:
            part = BodyPart("caption", text, after_image_gap=block.after_image_gap)
        elif block.kind == BlockKind.CREDIT:
            part = BodyPart("credit", text)
        else:  # body, or a byline that runs into the lead (“本报讯 记者X报道 一把刻刀……”)
            part = BodyPart("paragraph", text, run_in=pending_byline, after_image_gap=block.after_image_gap)
            pending_byline = ""
        part.block_id = block.pk
        parts.append(part)
    if pending_byline:  # a byline with no paragraph after it (photo news): keep it visible
        parts.append(BodyPart("paragraph", pending_byline))
    return parts


def lead_text(blocks: Iterable, length: int = 90) -> str:
    """The first lines of an article for lists: its first body (or run-in byline) paragraph."""
    for block in blocks:
        if block.kind in (BlockKind.BODY, BlockKind.BYLINE) and block.text.strip():
            if block.kind == BlockKind.BYLINE and _is_bare_byline(block.text):
                continue
            text = block.text.strip()
            return text if len(text) <= length else text[:length].rstrip() + "……"
    return ""
