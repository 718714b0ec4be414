"""A parsed query as SQL over the search documents: the same matching rules as the Whoosh engine's
``ranking.clause_match`` / ``ranking.matching``, written as boolean expressions.

Each clause gives two expressions: does the document match, and does it match *strongly* (as whole
jieba words, or inside the title lines) — strong documents rank first, as on Whoosh:

===================  =========================================  ===============================
clause               matches                                    strong
===================  =========================================  ===============================
plain ``工会``        all its words, or the string contiguously  all its words, or the string in
                                                                 the title lines
quoted ``"工会"``     the string                                 the same
``title:`` plain     all its words in the title group, or the   all its words in the title
                     string in the title lines
``title:`` quoted    the string in the title lines              all its words in the title
``person:``          credited under that name or slug           always
===================  =========================================  ===============================

The string test: the ``grams`` GIN index gives candidates holding the string's characters (one
character) or the pairs that cover it (s[0:2], s[2:4], … and s[-2:]). A character or a pair present
in a part *is* the string, so strings of one or two characters need nothing more; longer ones are
rechecked with ``strpos`` on ``exact``, whose parts are separated by line breaks that no string
contains. 100 % recall and precision by construction, as ``grams.string_docs`` on Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.search.query import Clause, ParsedQuery

from .documents import quote_lexeme


@dataclass
class Sql:
    """An SQL boolean expression and its parameters."""

    text: str
    params: list = field(default_factory=list)

    def __and__(self, other: Sql) -> Sql:
        return _join(" AND ", [self, other])

    def __or__(self, other: Sql) -> Sql:
        return _join(" OR ", [self, other])


TRUE, FALSE = Sql("TRUE"), Sql("FALSE")


def _join(operator: str, parts: list[Sql]) -> Sql:
    parts = [p for p in parts if p is not None]
    if not parts:
        return TRUE if operator == " AND " else FALSE
    if len(parts) == 1:
        return parts[0]
    return Sql("(" + operator.join(p.text for p in parts) + ")", [x for p in parts for x in p.params])


def all_of(parts) -> Sql:
    return _join(" AND ", list(parts))


def any_of(parts) -> Sql:
    return _join(" OR ", list(parts))


def tsquery(lexemes, *, weight: str = "", operator: str = " & ") -> str:
    suffix = f":{weight}" if weight else ""
    return operator.join(quote_lexeme(lexeme) + suffix for lexeme in dict.fromkeys(lexemes))


def cover(string: str) -> list[str]:
    """The lexemes of ``grams`` that every document containing ``string`` has: the character
    itself, or the pairs at offsets 0, 2, 4, … and the last pair."""
    if len(string) == 1:
        return [string]
    offsets = list(range(0, len(string) - 1, 2))
    if offsets[-1] != len(string) - 2:
        offsets.append(len(string) - 2)
    return [string[i : i + 2] for i in offsets]


def words_in(words, *, title: bool) -> Sql:
    if not words:
        return FALSE
    return Sql("words @@ %s::tsquery", [tsquery(words, weight="A" if title else "")])


def string_in(string: str, *, title: bool) -> Sql:
    if not string:
        return FALSE
    candidates = Sql("grams @@ %s::tsquery", [tsquery(cover(string))])
    if title:
        return candidates & Sql("strpos(title_exact, %s) > 0", [string])
    if len(string) <= 2:
        return candidates
    return candidates & Sql("strpos(exact, %s) > 0", [string])


@dataclass
class ClauseSql:
    match: Sql
    strong: Sql


def clause_sql(clause: Clause) -> ClauseSql:
    if clause.field == "person":
        name = clause.words[0]
        test = Sql("(persons @> ARRAY[%s]::text[] OR person_names @> ARRAY[%s]::text[])", [name, name])
        return ClauseSql(test, TRUE)
    title = clause.field == "title"
    worded = words_in(clause.words, title=title)
    if title:
        in_title = string_in(clause.string, title=True)
        return ClauseSql(in_title if clause.kind == "phrase" else worded | in_title, worded)
    in_text = string_in(clause.string, title=False)
    strong = worded | string_in(clause.string, title=True)
    if clause.kind == "phrase" or _word_is_its_string(clause):
        return ClauseSql(in_text, strong)
    return ClauseSql(worded | in_text, strong)


def _word_is_its_string(clause: Clause) -> bool:
    """A plain term that is one jieba word, spelled as its exact string: every document having the
    word has the string (a word is a run of a part's folded characters), so the string alone
    decides the match — one index scan instead of two."""
    return len(clause.words) == 1 and clause.words[0] == clause.string and clause.string.lower() == clause.string


def query_sql(parsed: ParsedQuery) -> ClauseSql:
    """(matches, strong) of the whole query: an AND of OR-groups, without the excluded clauses."""
    matches, strongs = [], []
    for group in parsed.must:
        clauses = [clause_sql(c) for c in group]
        matches.append(any_of(c.match for c in clauses))
        strongs.append(any_of(c.strong for c in clauses))
    for clause in parsed.must_not:
        excluded = clause_sql(clause).match
        matches.append(Sql(f"NOT {excluded.text}", excluded.params))
    return ClauseSql(all_of(matches), all_of(strongs))


def rank_query(parsed: ParsedQuery) -> str:
    """The positive words of text and title clauses, ORed: what ``ts_rank`` scores."""
    words = [w for c in parsed.positive_clauses() if c.field != "person" for w in c.words]
    return tsquery(words, operator=" | ")
