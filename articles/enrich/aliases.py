"""One person, one page: merging duplicate Person rows and finding OCR variants of staff bylines.

``merge_persons`` is the single way two Person rows become one: enrichment calls it for OCR
variants (金钧胤 printed as 金钩胤), the editors' admin calls it when an editor says two rows are
the same person or one name is a pen name. The dropped spelling and URL slug are kept as a
PersonAlias, so the old name still finds the person in search and /people/<old-slug>/ redirects.
"""

from collections import Counter, defaultdict
from itertools import combinations

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from pypinyin import lazy_pinyin

from articles.models import Credit, Person, PersonAlias
from articles.models.choices import CreditRole, CreditStatus, Source
from articles.search.indexing import schedule_reindex
from articles.text.slugs import person_slug

from .lexicon import confusable_pairs, surname_of

# When two credits collide on (article, person, role) after a merge, the row that says more wins:
# an editor's decision over the importer's over enrichment's, then published over suggested.
_SOURCE_RANK = {Source.EDITOR: 3, Source.IMPORTER: 2, Source.AUTOMATIC: 1}
_STATUS_RANK = {CreditStatus.REJECTED: 3, CreditStatus.PUBLISHED: 2, CreditStatus.SUGGESTED: 1}


def _credit_rank(credit: Credit) -> tuple[int, int, float]:
    return (_SOURCE_RANK.get(credit.source, 0), _STATUS_RANK.get(credit.status, 0), credit.confidence)


def merge_persons(
    keep: Person,
    drop: Person,
    kind: str = PersonAlias.Kind.OCR_VARIANT,
    source: str = Source.AUTOMATIC,
) -> None:
    """Fold ``drop`` into ``keep``: credits, aliases, the old spelling and slug; then delete ``drop``.

    Credits that would duplicate one of ``keep``'s (same article and role) are merged into one row,
    keeping the stronger of the two (see ``_credit_rank``) and the spelling printed on the page.
    """
    if keep.pk == drop.pk:
        raise ValueError("cannot merge a person into itself")
    with transaction.atomic():
        article_ids = set()
        kept_credits = {(c.article_id, c.role): c for c in Credit.objects.filter(person=keep)}
        for credit in Credit.objects.filter(person=drop):
            article_ids.add(credit.article_id)
            printed = credit.printed_name or drop.name
            twin = kept_credits.get((credit.article_id, credit.role))
            if twin is None:
                credit.person = keep
                credit.printed_name = printed
                credit.save(update_fields=["person", "printed_name"])
                continue
            if _credit_rank(credit) > _credit_rank(twin):
                twin.status, twin.source, twin.confidence = credit.status, credit.source, credit.confidence
            twin.printed_name = twin.printed_name or printed
            twin.save(update_fields=["status", "source", "confidence", "printed_name"])
            credit.delete()

        PersonAlias.objects.filter(person=drop, name=keep.name).delete()
        PersonAlias.objects.filter(person=drop).update(person=keep)
        PersonAlias.objects.filter(person=keep, name=keep.name).delete()
        if drop.name != keep.name:
            PersonAlias.objects.update_or_create(
                name=drop.name, defaults={"person": keep, "kind": kind, "source": source, "slug": drop.slug}
            )
        if drop.note and not keep.note:
            keep.note = drop.note
            keep.save(update_fields=["note"])
        drop.delete()
        schedule_reindex(article_ids | set(Credit.objects.filter(person=keep).values_list("article_id", flat=True)))


# ---------------------------------------------------------------------------------------------
# Finding and creating persons by printed name


def find_person(name: str) -> Person | None:
    """The person printed as ``name``: an exact Person name first, then an alias."""
    person = Person.objects.filter(name=name).order_by("pk").first()
    if person is not None:
        return person
    alias = PersonAlias.objects.select_related("person").filter(name=name).first()
    return alias.person if alias else None


def unique_person_slug(name: str) -> str:
    """'金钧胤' → 'jin-junyin', or 'jin-junyin-2' when taken (namesakes are different people)."""
    base = person_slug(name) or "person"
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exists() or PersonAlias.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def get_or_create_person(name: str, note: str = "") -> Person:
    person = find_person(name)
    if person is not None:
        return person
    for _attempt in range(3):  # another process may take the same slug between check and insert
        try:
            with transaction.atomic():
                return Person.objects.create(name=name, slug=unique_person_slug(name), note=note)
        except IntegrityError:
            continue
    raise IntegrityError(f"could not find a free slug for person {name!r}")


class PersonDirectory:
    """``get_or_create_person`` remembered for one run (the importer asks for the same reporters'
    names on every page). OCR variants (金钩胤 for 金钧胤) are *not* merged here: the enrich step
    proposes that, with aliases, so that an editor can see and undo it."""

    def __init__(self):
        self._cache: dict[str, Person] = {}

    def get(self, name: str) -> Person:
        if name not in self._cache:
            self._cache[name] = get_or_create_person(name)
        return self._cache[name]


# ---------------------------------------------------------------------------------------------
# OCR variants of staff bylines


def _toneless_pinyin(char: str) -> str:
    return lazy_pinyin(char)[0]


def is_ocr_variant(first: str, second: str) -> bool:
    """Same length, same surname, exactly one other character differs, and that pair is visually
    confusable (committed table) or reads the same (胡翀/胡冲). Used only on staff bylines, where a
    homophone namesake on the same paper's staff is far less likely than a misread character."""
    if first == second or len(first) != len(second) or len(first) not in (2, 3, 4):
        return False
    surname = surname_of(first)
    if surname is None or surname_of(second) != surname:
        return False
    differing = [(a, b) for a, b in zip(first, second) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    return frozenset((a, b)) in confusable_pairs() or _toneless_pinyin(a) == _toneless_pinyin(b)


def staff_reporters() -> list[Person]:
    """Persons credited as reporter (记者) at least once, annotated with their number of credits.

    Persons an editor has worked on (a credit or alias with source=editor) are left out: when an
    editor has split or reassigned credits, enrichment does not merge them back."""
    reporter_ids = (
        Credit.objects.filter(role=CreditRole.REPORTER).exclude(status=CreditStatus.REJECTED).values("person_id")
    )
    edited_ids = _edited_person_ids()
    return list(
        Person.objects.filter(pk__in=reporter_ids)
        .exclude(pk__in=edited_ids)
        .annotate(credit_count=Count("credits", filter=~Q(credits__status=CreditStatus.REJECTED)))
        .order_by("pk")
    )


def _edited_person_ids():
    """Subquery of persons with an editor's credit or alias."""
    return (
        Person.objects.filter(Q(credits__source=Source.EDITOR) | Q(aliases__source=Source.EDITOR))
        .values("pk")
    )


def merge_ocr_variants() -> list[tuple[str, str]]:
    """Merge every pair of staff reporters whose names are OCR variants of each other, keeping the
    spelling printed more often (the earlier row on a tie). Returns (kept, dropped) name pairs.
    Idempotent: once merged, the dropped row is gone and the next run finds nothing."""
    merged = []
    while True:
        pair = _next_variant_pair(staff_reporters())
        if pair is None:
            return merged
        keep, drop = pair
        merge_persons(keep, drop, kind=PersonAlias.Kind.OCR_VARIANT, source=Source.AUTOMATIC)
        merged.append((keep.name, drop.name))


def prefer_most_printed_spelling() -> list[tuple[str, str]]:
    """Name each person by the spelling printed most often among their automatic OCR variants.

    Pages arrive one at a time, so the first merge may keep the spelling seen first (金钧胤, once)
    although a later page prints the other (金钩胤) more often. The swap keeps the old slug on the
    alias, so the old URL still redirects. Spellings an editor set (alias source=editor) and ties
    are left alone. Returns (new name, old name) pairs."""
    swapped = []
    aliases = PersonAlias.objects.filter(kind=PersonAlias.Kind.OCR_VARIANT, source=Source.AUTOMATIC)
    aliases = aliases.exclude(person_id__in=_edited_person_ids())  # an editor's naming stands
    for person_id in sorted(set(aliases.values_list("person_id", flat=True))):
        person = Person.objects.get(pk=person_id)
        printed = Counter(
            name or person.name
            for name in Credit.objects.filter(person=person)
            .exclude(status=CreditStatus.REJECTED)
            .values_list("printed_name", flat=True)
        )
        best = max(aliases.filter(person=person), key=lambda a: (printed[a.name], -a.pk), default=None)
        if best is None or printed[best.name] <= printed[person.name]:
            continue
        with transaction.atomic():
            new_name, old_name = best.name, person.name
            best.name, best.slug = old_name, person.slug  # the alias now holds the old spelling and URL
            best.save(update_fields=["name", "slug"])
            person.name = new_name
            person.slug = unique_person_slug(new_name)
            person.save(update_fields=["name", "slug"])
            schedule_reindex(set(Credit.objects.filter(person=person).values_list("article_id", flat=True)))
        swapped.append((person.name, old_name))
    return swapped


def _next_variant_pair(reporters: list[Person]) -> tuple[Person, Person] | None:
    groups: dict[tuple[int, str | None], list[Person]] = defaultdict(list)
    for person in reporters:
        groups[(len(person.name), surname_of(person.name))].append(person)
    for (_length, surname), people in groups.items():
        if surname is None:
            continue
        for first, second in combinations(people, 2):
            if is_ocr_variant(first.name, second.name):
                ranked = sorted((first, second), key=lambda p: (-p.credit_count, p.pk))
                return ranked[0], ranked[1]
    return None


def merge_namesakes_of_aliases() -> int:
    """A Person row whose name is already another person's alias (an importer run after a merge may
    create 金钧胤 again) is folded into that person. Returns how many rows were folded."""
    folded = 0
    twins = Person.objects.filter(name__in=PersonAlias.objects.values("name")).order_by("pk")
    for twin in twins:
        alias = PersonAlias.objects.select_related("person").get(name=twin.name)
        if alias.person_id != twin.pk:
            merge_persons(alias.person, twin, kind=alias.kind, source=alias.source)
            folded += 1
    return folded

