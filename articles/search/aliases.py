"""Person aliases in queries: a name typed in any of a person's spellings finds all of them.

The paper prints one person in several ways — OCR variants (胡冲 for 胡翀, 金钩胤 for 金钧胤) and
pen names — and enrichment records them as ``PersonAlias`` rows of one ``Person``. A query term
that is exactly such a name (or the person's own name) is widened, inside its OR group, to every
other spelling and to the articles credited to the person (``person:<slug>``), and the result says
which spellings were added, so the page can tell the reader (“同时搜索了别名：胡翀”).

Only terms that look like a name (two to four Chinese characters) are looked up, and the answer
(found or not) is kept per process (:class:`SpellingCache`), so a search costs no database query
for a name seen before: most two-character words (工会, 职工) look like names and are searched
all the time. The cache is emptied when a Person or PersonAlias is saved or deleted (signals, in
this process, and a version number in Django's cache, which other processes see when that cache
is shared); changes no signal reports (bulk updates) or another process with a per-process cache
are seen after at most ``SpellingCache.SECONDS``.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace

from .query import Clause, ParsedQuery, parse_query

_NAME_LIKE = re.compile(r"^[\u3400-\u9fff]{2,4}$")


class SpellingCache:
    """{name: (person slug, other spellings) or None} of names looked up in this process."""

    SECONDS = 60.0  # the longest an answer is kept (a change in another process shows within it)
    MOST = 20_000  # names kept at most (emptied when full: a bound, not an eviction policy)
    VERSION_KEY = "search:person-spellings-version"

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: dict[str, tuple[str, list[str]] | None] = {}
        self.since = time.monotonic()
        self.version = None

    def fresh(self) -> dict[str, tuple[str, list[str]] | None]:
        """The answers, emptied first if they are too old or a person changed (any process whose
        Django cache is shared with this one)."""
        from django.core.cache import cache

        version = cache.get(self.VERSION_KEY)
        with self.lock:
            if (version != self.version or time.monotonic() - self.since > self.SECONDS
                    or len(self.answers) > self.MOST):
                self.answers, self.since, self.version = {}, time.monotonic(), version
            return self.answers

    def clear(self) -> None:
        """Empty the answers of this process."""
        with self.lock:
            self.answers, self.since = {}, time.monotonic()

    def forget(self, **_signal) -> None:
        """Empty the answers here, and tell the other processes (through Django's cache); again
        when the change commits, in case a search in its transaction cached what it saw."""
        from django.core.cache import cache
        from django.db import transaction

        def forget_everywhere():
            cache.set(self.VERSION_KEY, time.time_ns(), None)
            self.clear()

        forget_everywhere()
        transaction.on_commit(forget_everywhere)


SPELLINGS = SpellingCache()


def connect_signals() -> None:
    """Empty the cache when a person or an alias is saved or deleted (called in AppConfig.ready)."""
    from django.db.models import signals

    from articles.models import Person, PersonAlias

    for model in (Person, PersonAlias):
        for signal in (signals.post_save, signals.post_delete):
            signal.connect(SPELLINGS.forget, sender=model, dispatch_uid=f"search-spellings-{model.__name__}")


def spellings_of(names: set[str]) -> dict[str, tuple[str, list[str]]]:
    """{name: (person slug, the person's other spellings)} for names that are a person's name or
    one of their aliases (from :data:`SPELLINGS`, the database only for names not seen yet)."""
    answers = SPELLINGS.fresh()
    missing = {name for name in names if name not in answers}
    if missing:
        found = _lookup(missing)
        with SPELLINGS.lock:
            answers.update({name: found.get(name) for name in missing})
    return {name: answers[name] for name in names if answers.get(name) is not None}


def _lookup(names: set[str]) -> dict[str, tuple[str, list[str]]]:
    from articles.models import Person, PersonAlias

    person_of: dict[str, int] = {}
    for name, person_id in PersonAlias.objects.filter(name__in=names).values_list("name", "person_id"):
        person_of[name] = person_id
    for name, person_id in Person.objects.filter(name__in=names).values_list("name", "pk"):
        person_of.setdefault(name, person_id)
    if not person_of:
        return {}
    spellings: dict[int, list[str]] = {}
    slugs: dict[int, str] = {}
    for pk, slug, name in Person.objects.filter(pk__in=set(person_of.values())).values_list("pk", "slug", "name"):
        slugs[pk] = slug
        spellings.setdefault(pk, []).append(name)
    for person_id, name in PersonAlias.objects.filter(person_id__in=set(person_of.values())).values_list(
            "person_id", "name"):
        spellings.setdefault(person_id, []).append(name)
    return {name: (slugs[pk], [s for s in dict.fromkeys(spellings.get(pk, [])) if s != name])
            for name, pk in person_of.items() if pk in slugs}


def expand_aliases(parsed: ParsedQuery) -> tuple[ParsedQuery, list[str]]:
    """The query with each name term ORed with the person's other spellings and credits, and the
    spellings added (in order, without repeats)."""
    names = {c.text for c in parsed.positive_clauses() if c.field == "text" and _NAME_LIKE.match(c.text)}
    if not names:
        return parsed, []
    known = spellings_of(names)
    if not known:
        return parsed, []
    added: list[str] = []
    groups = []
    for group in parsed.must:
        clauses = list(group)
        for clause in group:
            if clause.field != "text" or clause.text not in known:
                continue
            slug, others = known[clause.text]
            for spelling in others:
                extra = _text_clause(spelling, clause.kind)
                if extra is not None and extra not in clauses:
                    clauses.append(extra)
                    added.append(spelling)
            credited = Clause("words", "person", slug, (slug,))
            if credited not in clauses:
                clauses.append(credited)
        groups.append(tuple(clauses))
    return replace(parsed, must=tuple(groups)), list(dict.fromkeys(added))


def _text_clause(spelling: str, kind: str) -> Clause | None:
    clauses = parse_query(f'"{spelling}"' if kind == "phrase" else spelling).positive_clauses()
    return clauses[0] if len(clauses) == 1 else None
