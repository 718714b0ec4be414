"""Characters XML 1.0 cannot carry, and removing them from anything a feed or JSON echoes.

XML 1.0 allows tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 and up:
not the other C0 controls, not lone surrogates, not U+FFFE/U+FFFF. Unicode's other noncharacters
(U+FDD0–U+FDEF, U+xFFFE/U+xFFFF of every plane) are allowed by XML but mean nothing in text; they
go too, so that the JSON API echoes exactly what the feed does.
"""

import re

_NOT_IN_XML = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\ufdd0-\ufdef]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe"
    "\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff"
    "\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe"
    "\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def is_xml_char(char: str) -> bool:
    return not _NOT_IN_XML.match(char)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot carry (and Unicode's noncharacters)."""
    return _NOT_IN_XML.sub("", text)
