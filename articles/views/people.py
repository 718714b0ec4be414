"""Browse by person: /people/ (everyone with published credits, counts per role, by initial) and
/people/<slug>/ (a person's articles by role, with the other spellings printed for them).

Counts come from one grouped query over the listed page's people, never one query per row. An old
spelling still finds the person: /people/?q=金钩胤 searches aliases too, and /people/<old-slug>/ or
/people/<printed name>/ redirects to the person's page.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr, Upper
from django.utils.functional import cached_property
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.models import Article, Credit, Person, PersonAlias
from articles.models.choices import CreditRole, CreditStatus
from articles.text.fold import fold

from .person_profile import person_profile
from .topics import newest_first, page_of

PER_PAGE = 60
SECTION_SIZE = 10
ROLES = [CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER, CreditRole.MENTIONED]
MAX_QUERY = 50


def _credited(role: str | None = None):
    """Published credits (in one role, or any): the rows that make a person listed."""
    credits = Credit.objects.filter(person=OuterRef("pk"), status=CreditStatus.PUBLISHED)
    return Exists(credits.filter(role=role) if role else credits)


class LetterPaginator(Paginator):
    """Pages of about ``per_page`` people that never split an initial letter (A–Z by pinyin slug),
    so the A–Z bar can link each letter to the one page that holds it — as a printed index does.

    A letter with more people than fit on a page is the only one split, over pages of its own. The
    letter counts come from one grouped query, which also gives the paginator its total.
    """

    @cached_property
    def letter_counts(self) -> list[tuple[str, int]]:
        rows = (self.object_list.annotate(initial=Upper(Substr("slug", 1, 1))).values("initial")
                .annotate(n=Count("id")).order_by("initial"))
        return [(row["initial"], row["n"]) for row in rows]

    @cached_property
    def bounds(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each page in the slug-ordered list."""
        bounds: list[tuple[int, int]] = []
        start = end = 0
        for _, count in self.letter_counts:
            if end > start and end - start + count > self.per_page:
                bounds.append((start, end))
                start = end
            end += count
            while end - start > self.per_page:  # one letter larger than a page
                bounds.append((start, start + self.per_page))
                start += self.per_page
        if end > start or not bounds:
            bounds.append((start, end))
        return bounds

    @cached_property
    def count(self) -> int:
        return sum(n for _, n in self.letter_counts)

    @cached_property
    def num_pages(self) -> int:
        return len(self.bounds)

    def page(self, number):
        number = self.validate_number(number)
        start, end = self.bounds[number - 1]
        return self._get_page(self.object_list[start:end], number, self)

    def letter_links(self, extra: str) -> list[tuple[str, str]]:
        """(letter, URL of the page holding it, with an anchor) for the A–Z bar."""
        links, offset = [], 0
        for letter, count in self.letter_counts:
            number = next(i for i, (start, end) in enumerate(self.bounds, 1) if start <= offset < end)
            prefix = f"?{extra}&page={number}" if extra else f"?page={number}"
            links.append((letter, f"{prefix}#initial-{letter.lower()}"))
            offset += count
        return links


def person_list(request):
    """People ordered by pinyin. The page of 60 is chosen first (slug index, EXISTS on the
    (person, status) index), then their counts per role come from one grouped query over those 60
    only — so the cost does not grow with the archive."""
    role = request.GET.get("role") if request.GET.get("role") in CreditRole.values else None
    query = fold(request.GET.get("q", ""))[:MAX_QUERY]
    people = Person.objects.filter(_credited(role)).only("id", "name", "slug").order_by("slug")
    if query:
        spelled = PersonAlias.objects.filter(name__contains=query).values("person_id")
        people = people.filter(Q(name__contains=query) | Q(pk__in=spelled))
    paginator = LetterPaginator(people, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    counts = (
        Credit.objects.filter(person_id__in=[person.pk for person in page], status=CreditStatus.PUBLISHED)
        .values_list("person_id", "role")
        .annotate(n=Count("id"))
        .order_by()  # Credit's default ordering would join article, page and issue for nothing
    )
    by_person: dict[int, dict[str, int]] = {}
    for person_id, credit_role, n in counts:
        by_person.setdefault(person_id, {})[credit_role] = n
    for person in page:
        person.role_counts = [(CreditRole(r).label, by_person.get(person.pk, {}).get(r, 0)) for r in ROLES]
        person.role_counts = [(label, n) for label, n in person.role_counts if n]
    extra = urlencode({key: value for key, value in (("role", role), ("q", query)) if value})
    return render(request, "browse/person_list.html", {
        "people": page, "role": role, "roles": CreditRole.choices, "query": query,
        "letters": paginator.letter_links(extra),
        "pager_extra": f"{extra}&" if extra else "",
    })


def _find_moved(slug: str) -> Person | None:
    """A person reached by an old slug (kept on the alias at merge) or by a printed spelling."""
    alias = PersonAlias.objects.select_related("person").filter(Q(slug=slug) | Q(name=slug)).first()
    if alias:
        return alias.person
    return Person.objects.filter(name=fold(slug)).order_by("pk").first()


def person_detail(request, slug: str):
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        moved = _find_moved(slug)
        if moved is None:
            raise Http404("没有这个人物")
        return redirect(moved.get_absolute_url(), permanent=True)

    aliases = list(person.aliases.order_by("name"))
    counts = dict(
        person.credits.filter(status=CreditStatus.PUBLISHED).values_list("role").annotate(n=Count("id")).order_by()
    )
    if not counts:
        # Only suggested names (waiting for an editor) or nothing at all: not a public page yet.
        raise Http404("没有这个人物")
    role = request.GET.get("role") if request.GET.get("role") in CreditRole.values else None
    context = {"person": person, "aliases": aliases, "role": role, "roles": CreditRole.choices,
               "profile": person_profile(person)}

    def credited(role_value: str):
        """Articles crediting the person in this role, with the spelling printed there."""
        return Article.objects.filter(
            credits__person=person, credits__role=role_value, credits__status=CreditStatus.PUBLISHED
        ).annotate(printed_name=F("credits__printed_name"))

    if role:
        context["articles"] = page_of(request, newest_first(credited(role)))
        context["role_label"] = CreditRole(role).label
        context["pager_extra"] = f"role={role}&"
    else:
        context["sections"] = [
            {"role": r, "label": CreditRole(r).label, "count": counts[r],
             "articles": list(newest_first(credited(r))[:SECTION_SIZE]),
             "more_url": f"{reverse('person_detail', args=[person.slug])}?role={r}"}
            for r in ROLES if counts.get(r)
        ]
    context["counts"] = [(CreditRole(r).label, counts[r]) for r in ROLES if counts.get(r)]
    return render(request, "browse/person_detail.html", context)
