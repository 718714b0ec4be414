"""Which line of a title group is the headline (主题), and which the kicker (引题) or subtitle (副题).

Markdown-ish pages say it with marks: the highest-ranking mark is the headline, lines before it
are kickers, lines after it subtitles. Plain pages do not, and a two-line group is ambiguous
(kicker + headline, or headline + subtitle). The rule, from how this paper writes titles: the
headline is the factual line that names *who and where* — a place (湖州, 温州市鹿城区) or a local
organisation (工会, 集团); a slogan-like line (short phrases separated by spaces: 充电赋能 抱团发展)
is the kicker. National bodies (中国工会十八大) name an occasion, not the actor, and do not count.
When nothing decides, print order wins (headline first) and the article is flagged AMBIGUOUS_TITLE.
"""

import re

from articles.models.choices import BlockKind

from .draft import Piece
from .places import Gazetteer

_ORGANISATION = re.compile(r"(?<!中国)(?<!全国)(?<!中华)(?:总?工会|公司|集团|学院|学校|协会|联合会|委员会|医院)")
_SLOGAN = re.compile(r"\S\s+\S")


def assign_title_roles(group: list[Piece], gazetteer: Gazetteer) -> bool:
    """Set each piece's kind to kicker/headline/subtitle; return True if the choice is uncertain."""
    marked = [p for p in group if p.mark]
    if marked:
        headline_index = group.index(min(marked, key=lambda p: p.mark))
        ambiguous = False
    elif len(group) == 1:
        headline_index, ambiguous = 0, False
    elif len(group) == 2:
        headline_index, ambiguous = _pick_headline(group, gazetteer)
    elif len(group) == 3:
        headline_index, ambiguous = 1, False
    else:
        headline_index, ambiguous = _pick_headline(group, gazetteer)
        ambiguous = True
    for index, piece in enumerate(group):
        if index < headline_index:
            piece.kind = BlockKind.KICKER
        elif index == headline_index:
            piece.kind = BlockKind.HEADLINE
        else:
            piece.kind = BlockKind.SUBTITLE
    return ambiguous


def _pick_headline(group: list[Piece], gazetteer: Gazetteer) -> tuple[int, bool]:
    scores = [_score(p.text, gazetteer) for p in group]
    best = max(scores)
    if scores.count(best) > 1:
        return 0, True
    return scores.index(best), False


def _score(text: str, gazetteer: Gazetteer) -> tuple[int, int, int]:
    places = len(gazetteer.cities_in(text))
    organisations = len(_ORGANISATION.findall(text))
    not_slogan = 0 if _SLOGAN.search(text.strip()) else 1
    return (min(places, 1), min(organisations, 1), not_slogan)
