"""Which line of a title group is the headline (主题), and which the kicker (引题) or subtitle (副题).

Markdown-ish pages say it with marks: the highest-ranking mark is the headline, lines before it
are kickers, lines after it subtitles. Plain pages do not, and a two-line group could be either
主题 + 副题 or 引题 + 主题. This paper's own e-paper metadata (and the seeds' marks: ``##``
headline, ``###`` subtitle) say nearly nine two-line groups in ten are 主题 + 副题: the first line,
shorter and more evocative, is the headline; the factual who-did-what line under it (sometimes
starting with ——) is the subtitle. So print order decides unless a cue says 引题 + 主题:

* the first line leads into the second: it ends with —— or a colon;
* the first line is clearly longer than the second (``KICKER_LENGTH_RATIO``), names no actor, and
  the second names one (a place of Zhejiang or an organisation) — a long context line over a short
  who-did-what line (全力推进、突出加强 新就业形态劳动者 工会工作 / 温州市网约配送员集中入会).

Three lines are 引题 + 主题 + 副题, unless the second starts with —— (then the first is the
headline and the rest subtitles). Every choice is recorded with its reason on the title blocks.
"""

import re

from articles.models.choices import BlockKind

from .draft import Piece
from .places import PlaceNames
from .text_rules import ORGANISATION_ENDINGS

KICKER_LENGTH_RATIO = 1.4
# National bodies (中国工会十八大) name an occasion, not the actor.
_ORGANISATION = re.compile(rf"(?<!中国)(?<!全国)(?<!中华)(?:{ORGANISATION_ENDINGS})")
_DASH_START = re.compile(r"^\s*(?:——|—|－－|--)")
_LEADS_IN = re.compile(r"(?:——|—|：|:)\s*$")


def assign_title_roles(group: list[Piece], places: PlaceNames) -> bool:
    """Set each piece's kind to kicker/headline/subtitle and record why on each piece; return True
    if the choice is a guess an editor should confirm."""
    headline_index, reason, uncertain = _choose_headline(group, places)
    for index, piece in enumerate(group):
        if index < headline_index:
            piece.kind = BlockKind.KICKER
        elif index == headline_index:
            piece.kind = BlockKind.HEADLINE
        else:
            piece.kind = BlockKind.SUBTITLE
        piece.decision = {**piece.decision, "title_role": piece.kind, "title_reason": reason}
    return uncertain


def _choose_headline(group: list[Piece], places: PlaceNames) -> tuple[int, str, bool]:
    marked = [p for p in group if p.mark]
    if marked:
        return group.index(min(marked, key=lambda p: p.mark)), "标记级别最高的一行为主题", False
    if len(group) == 1:
        return 0, "单行标题", False
    dash = next((i for i, p in enumerate(group) if i and _DASH_START.match(p.text)), None)
    if dash is not None:
        return dash - 1, "以——开头的一行是副题，其上一行为主题", False
    if len(group) == 2:
        first, second = group
        if _LEADS_IN.search(first.text):
            return 1, "首行以——/冒号引出下行：引题+主题", False
        if (len(first.text) >= KICKER_LENGTH_RATIO * len(second.text)
                and _names_actor(second.text, places) and not _names_actor(first.text, places)):
            return 1, "首行较长且未点明主体，次行点明主体：引题+主题（少见，请核对）", True
        return 0, "两行标题按本报惯例为主题+副题（首行为主题）", False
    if len(group) == 3:
        return 1, "三行标题：引题+主题+副题", False
    return 1, f"{len(group)} 行标题：按引题+主题+副题推测", True


def _names_actor(text: str, places: PlaceNames) -> bool:
    return bool(places.cities_in(text)) or bool(_ORGANISATION.search(text))
