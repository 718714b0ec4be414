"""The hand-read people of the seed articles (gold/persons.json) and how the credits compare.

Used by ``manage.py evaluate_enrichment`` (sections "bylines" and "persons") and by
tests/people_topics. Articles are found by page file and a piece of a title line (see
``find_article``), so the gold survives re-imports. Names compare by any spelling of the credited
person (name, printed name, aliases), so an OCR merge neither gains nor loses a match.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from articles.models import Article, Credit, PersonAlias
from articles.models.choices import CreditRole, CreditStatus

from .evaluation import GOLD_DIR, Score, find_article, load_gold_file  # noqa: F401 (find_article re-exported)

GOLD_FILE = GOLD_DIR / "persons.json"
BYLINE_ROLES = (CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER)


def load_gold(path: Path = GOLD_FILE) -> list[dict]:
    return load_gold_file(path)


def _spellings_by_person(person_ids) -> dict[int, set[str]]:
    spellings: dict[int, set[str]] = defaultdict(set)
    for person_id, name in PersonAlias.objects.filter(person_id__in=person_ids).values_list("person_id", "name"):
        spellings[person_id].add(name)
    return spellings


def credited_names(article: Article, roles, statuses=(CreditStatus.PUBLISHED,)) -> list[set[str]]:
    """One set of spellings per credited person of the article (in the given roles and statuses)."""
    rows = list(
        Credit.objects.filter(article=article, role__in=roles, status__in=statuses)
        .values_list("person_id", "person__name", "printed_name")
    )
    aliases = _spellings_by_person({row[0] for row in rows})
    people: dict[int, set[str]] = defaultdict(set)
    for person_id, name, printed in rows:
        people[person_id] |= {name, printed} - {""} | aliases[person_id]
    return list(people.values())


def _compare(got: list[set[str]], want: set[str]) -> tuple[int, list[str], list[str]]:
    """(matches, wrong names, missed names) of credited people against gold names."""
    matched, wrong = set(), []
    for spellings in got:
        hit = spellings & want
        if hit:
            matched |= hit
        else:
            wrong.append(sorted(spellings)[0])
    return len(matched), wrong, sorted(want - matched)


def evaluate_bylines() -> dict:
    """Byline people per article, whatever their role (薛梁 摄 may be correspondent and photographer)."""
    score, differences, missing = Score(), [], 0
    for entry in load_gold():
        want = {name for names in entry["byline"].values() for name in names}
        article = find_article(entry)
        if article is None:
            missing += 1
            score.expected += len(want)
            differences.append(f"{entry['file'][:3]} {entry['title']}: article not found")
            continue
        got = credited_names(article, BYLINE_ROLES)
        hits, wrong, missed = _compare(got, want)
        score.true_positives += hits
        score.tagged += len(got)
        score.expected += len(want)
        if wrong or missed:
            differences.append(f"{entry['file'][:3]} {entry['title']}: extra {wrong} missed {missed}")
    return {"precision": score.precision, "recall": score.recall, "articles_not_found": missing,
            "differences": differences}


def evaluate_mentions() -> dict:
    """Published 'mentioned' people per article against the gold; also the ceiling with suggestions."""
    published, with_suggested, differences = Score(), Score(), []
    page_got: dict[str, set[frozenset[str]]] = defaultdict(set)
    page_want: dict[str, set[str]] = defaultdict(set)
    for entry in load_gold():
        want = set(entry["mentioned"])
        page_want[entry["file"]] |= want
        article = find_article(entry)
        if article is None:
            published.expected += len(want)
            with_suggested.expected += len(want)
            continue
        got = credited_names(article, [CreditRole.MENTIONED])
        page_got[entry["file"]] |= {frozenset(spellings) for spellings in got}
        hits, wrong, missed = _compare(got, want)
        published.true_positives += hits
        published.tagged += len(got)
        published.expected += len(want)
        both = credited_names(article, [CreditRole.MENTIONED], (CreditStatus.PUBLISHED, CreditStatus.SUGGESTED))
        hits_both, _wrong, _missed = _compare(both, want)
        with_suggested.true_positives += hits_both
        with_suggested.tagged += len(both)
        with_suggested.expected += len(want)
        if wrong or missed:
            differences.append(f"{entry['file'][:3]} {entry['title']}: wrong {wrong} missed {missed}")
    # Per page too: the importer may attach a misplaced lead (001: 马军, 黄芳) to the wrong article.
    by_page = Score()
    for file, want in page_want.items():
        hits, wrong, _missed = _compare([set(s) for s in page_got[file]], want)
        by_page.true_positives += hits
        by_page.tagged += hits + len(wrong)
        by_page.expected += len(want)
    return {
        "precision": published.precision,
        "recall": published.recall,
        "published": published.tagged,
        "correct": published.true_positives,
        "gold_names": published.expected,
        "precision_per_page": by_page.precision,
        "recall_per_page": by_page.recall,
        "precision_with_suggested": with_suggested.precision,
        "recall_with_suggested": with_suggested.recall,
        "differences": differences,
    }
