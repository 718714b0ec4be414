"""Small predicates on Chinese newspaper text shared by several pipeline steps."""

import re

# A paragraph that ends in one of these (optionally followed by closing quotes/brackets) is finished.
TERMINAL = "。！？!?…—：:；;"
CLOSERS = "”’」』\"')）》"
OPENING_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSING_QUOTES = {close: open_ for open_, close in OPENING_QUOTES.items()}

# Title lines are short and carry no clause punctuation (。，；) — body fragments cut by a column
# break almost always do (畅通职工成长通道,让技).
TITLE_MAX_CHARS = 50
_CLAUSE_PUNCTUATION = re.compile(r"[。，,；;]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_SENTENCE_OR_CLAUSE_END = re.compile(r"[。！？!?；;]")
# Words that end the name of an organisation: the actor a title or a lead names (湖州市总工会,
# 正邦物流有限公司). Titles use it to find the who-did-what line, the boundary decision to find a
# new organisation in a title.
ORGANISATION_ENDINGS = r"总?工会|公司|集团|学院|学校|协会|联合会|委员会|医院|银行|大学|中心|研究院"


def has_sentence_end(text: str) -> bool:
    """True if ``text`` ends a sentence or clause anywhere (。！？；)."""
    return bool(_SENTENCE_OR_CLAUSE_END.search(text))


def is_finished(text: str) -> bool:
    """True if the paragraph ends a sentence: 。！？!?…—：: or a closing quote after one."""
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1].rstrip()
        if text and text[-1] in TERMINAL:
            return True
    return bool(text) and text[-1] in TERMINAL


# A title does not end on a particle or preposition; a body fragment cut by a column break may
# (…提供停车休息、餐饮、淋浴、洗衣等服务的).
_DANGLING_END = tuple("的和与及或在为对把将从向被、")


def looks_like_title(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= TITLE_MAX_CHARS
        and not _CLAUSE_PUNCTUATION.search(text)
        and not text.endswith(("：", ":", *_DANGLING_END))
    )


def is_single_sentence(text: str) -> bool:
    """One sentence ending in 。 (a caption, a fragment): no sentence end before the last char."""
    text = text.rstrip()
    return bool(text) and is_finished(text) and not _SENTENCE_END.search(text.rstrip(TERMINAL + CLOSERS))


def unmatched_opening_quotes(text: str) -> int:
    """How many “ (or ‘ 「 『) are still open at the end of ``text``."""
    depth = 0
    for ch in text:
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES and depth:
            depth -= 1
    return depth


def starts_inside_quote(text: str, within: int = 10) -> bool:
    """True if ``text`` closes, within its first few characters, a quote it never opened: it starts
    mid-quote, so it continues some other paragraph (会”平台，通过线上形式……). A closing quote far
    into the paragraph is more often a missing opening quote (a known OCR slip) and is ignored."""
    for ch in text[:within]:
        if ch in OPENING_QUOTES:
            return False
        if ch in CLOSING_QUOTES:
            return True
    return False


def starts_mid_sentence(text: str) -> bool:
    return bool(text) and (text[0] in "，,、；;：:。）)》" or starts_inside_quote(text))
