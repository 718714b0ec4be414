"""The loader behind ``manage.py import_pages`` (open-oni style: a thin command, a loader class, and
``ImportLog`` as the load log).

Two phases, so that bad input never leaves half an import behind:

1. *Validate and plan* — read every file and the manifests, refuse empty/binary/non-UTF-8 files
   and bad manifest rows, decide per file: new, unchanged (same sha256: nothing to do), changed
   (refused without ``--force``; refused even with it when editors have corrected the page, unless
   ``--discard-corrections``); an unchanged page whose manifest row names a new page image gets
   only the image (editors' corrections concern the text, so they are kept). Any error here
   raises ``IngestError`` before a single row is written.
2. *Write* — each page in its own ``transaction.atomic()``: page, blocks, articles, credits, flags,
   its ImportLog row and enrichment; the search index is told after the transaction (on commit).
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from articles.enrich import enrich_articles
from articles.models import Article, ArticleStatus, Block, Flag, FlagCode, ImportLog, Issue, Newspaper, Page, Revision
from articles.search.indexing import schedule_reindex
from articles.text.slugs import pinyin_slug

from .dating import DateEvidence, estimate_date, estimate_year, read_evidence
from .draft import PageDraft
from .errors import IngestError
from .manifest import MANIFEST_NAME, ManifestEntry, check_fits, read_manifest
from .page_images import attach_page_image
from .pipeline import parse_page
from .places import PlaceNames
from .reading import SourceFile, read_source
from .writer import write_draft

NEW, UNCHANGED, CHANGED, NEW_IMAGE = "new", "unchanged", "changed", "new image"


@dataclass
class PlannedPage:
    source: SourceFile
    entry: ManifestEntry
    existing: Page | None
    action: str
    draft: PageDraft | None = None
    evidence: DateEvidence | None = None
    date: datetime.date | None = None
    date_is_estimated: bool = False
    date_reason: str = ""


@dataclass
class LoadSummary:
    imported: list[str] = field(default_factory=list)
    reimported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # pages given a new page image
    articles: int = 0
    flags: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        pages = len(self.imported) + len(self.reimported)
        flags = ", ".join(f"{code} {n}" for code, n in sorted(self.flags.items())) or "none"
        return [
            f"pages: {pages} imported ({len(self.reimported)} re-imported), {len(self.unchanged)} unchanged",
            f"articles: {self.articles}",
            f"flags: {flags}",
            *([f"page images: {len(self.images)} attached"] if self.images else []),
        ]


class PageLoader:
    def __init__(self, force: bool = False, discard_corrections: bool = False,
                 progress: Callable[[Iterable], Iterable] | None = None, max_page_kb: int | None = None):
        from django.conf import settings

        self.force = force
        self.discard_corrections = discard_corrections
        self.max_page_bytes = 1024 * (max_page_kb or settings.IMPORT_MAX_PAGE_KB)
        self.progress = progress or (lambda items: items)

    # ---- phase 1: validate and plan -------------------------------------------------------
    def load(self, paths: list[Path], manifest: Path | None = None) -> LoadSummary:
        files = self._collect(paths, manifest)
        sources = [(read_source(path, self.max_page_bytes), entry) for path, entry in files]
        plans = [self._plan(source, entry) for source, entry in sources]
        self._check_refusals(plans)
        self._check_page_numbers(plans)
        to_write = [plan for plan in plans if plan.action in (NEW, CHANGED)]
        if to_write:
            self._parse_pages(to_write)
            self._date_pages(to_write)

        # ---- phase 2: write ---------------------------------------------------------------
        summary = LoadSummary()
        for plan in plans:
            if plan.action == UNCHANGED:
                ImportLog.objects.create(source_name=plan.source.name, sha256=plan.source.sha256,
                                         outcome=ImportLog.Outcome.UNCHANGED, page=plan.existing,
                                         message="same sha256 as the imported page; nothing to do")
                summary.unchanged.append(plan.source.name)
            elif plan.action == NEW_IMAGE:
                self._write_image_only(plan)
                summary.unchanged.append(plan.source.name)
                summary.images.append(plan.source.name)
        for plan in self.progress(to_write):
            self._write(plan, summary)
        return summary

    def _collect(self, paths: list[Path], manifest: Path | None) -> list[tuple[Path, ManifestEntry]]:
        explicit = read_manifest(manifest) if manifest else None
        found: list[tuple[Path, ManifestEntry]] = []
        manifests: dict[Path, dict[str, ManifestEntry]] = {}
        for path in paths:
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
                if not files:
                    raise IngestError(f"{path}: no .txt pages in this folder")
            elif path.exists():
                files = [path]
            else:
                raise IngestError(f"{path}: no such file or folder")
            for file in files:
                entries = explicit
                if entries is None:
                    folder = file.parent
                    if folder not in manifests:
                        default = folder / MANIFEST_NAME
                        manifests[folder] = read_manifest(default) if default.is_file() else {}
                    entries = manifests[folder]
                entry = entries.get(file.name)
                if entry is None:
                    entry = ManifestEntry(file=file.name)
                    check_fits(entry, str(file))
                found.append((file, entry))
        names = Counter(path.name for path, _ in found)
        twice = [name for name, count in names.items() if count > 1]
        if twice:
            raise IngestError(f"{twice[0]}: given twice (pages are identified by file name)")
        return found

    def _plan(self, source: SourceFile, entry: ManifestEntry) -> PlannedPage:
        existing = Page.objects.select_related("issue").filter(source_name=source.name).first()
        if existing is None:
            action = NEW
        elif existing.sha256 == source.sha256:
            new_image = entry.image and existing.image.name != entry.image.stored_name
            action = NEW_IMAGE if new_image else UNCHANGED
        else:
            action = CHANGED
        return PlannedPage(source=source, entry=entry, existing=existing, action=action)

    def _check_refusals(self, plans: list[PlannedPage]) -> None:
        refusals: list[tuple[PlannedPage, str]] = []
        for plan in plans:
            if plan.action != CHANGED:
                continue
            if not self.force:
                refusals.append((plan, f"{plan.source.path}: changed since it was imported "
                                       f"(sha256 {plan.existing.sha256[:12]}… → {plan.source.sha256[:12]}…); "
                                       "use --force to re-import it"))
                continue
            corrections = self._editor_corrections(plan.existing)
            if corrections and not self.discard_corrections:
                refusals.append((plan, f"{plan.source.path}: editors have corrected this page ({corrections}); "
                                       "re-importing would discard their work — add --discard-corrections to do so"))
        if refusals:
            for plan, message in refusals:
                ImportLog.objects.create(source_name=plan.source.name, sha256=plan.source.sha256,
                                         outcome=ImportLog.Outcome.REFUSED, page=plan.existing, message=message)
            raise IngestError(refusals[0][1] + (f" (and {len(refusals) - 1} more)" if len(refusals) > 1 else ""))

    @staticmethod
    def _editor_corrections(page: Page) -> str:
        touched = list(page.articles.exclude(status=ArticleStatus.AUTOMATIC).values_list("pk", "headline", "status"))
        revisions = Revision.objects.filter(page=page).count()
        parts = [f"article {pk} “{headline}” is {status}" for pk, headline, status in touched[:3]]
        if len(touched) > 3:
            parts.append(f"{len(touched) - 3} more corrected articles")
        if revisions:
            parts.append(f"{revisions} revision(s)")
        return "; ".join(parts)

    def _check_page_numbers(self, plans: list[PlannedPage]) -> None:
        claimed: dict[tuple[str, datetime.date, int], ManifestEntry] = {}
        for plan in plans:
            entry = plan.entry
            if entry.date and entry.page:
                key = (entry.newspaper, entry.date, entry.page)
                if key in claimed:
                    raise IngestError(f"{entry.where}: page {entry.page} of {entry.date} is also given to "
                                      f"{claimed[key].file} ({claimed[key].where})")
                claimed[key] = entry
        for plan in plans:
            entry = plan.entry
            if plan.action not in (NEW, CHANGED) or not (entry.date and entry.page):
                continue
            taken = Page.objects.filter(issue__newspaper__name=entry.newspaper, issue__date=entry.date,
                                        number=entry.page).exclude(source_name=plan.source.name).first()
            if taken:
                raise IngestError(f"{entry.where}: page {entry.page} of {entry.date} is already "
                                  f"{taken.source_name}; fix the manifest")

    @staticmethod
    def _parse_pages(plans: list[PlannedPage]) -> None:
        """Parse every page; banners and column labels learnt from one page (or from the archive)
        help read the others, so pages are parsed again until no new ones turn up (twice at most
        in practice: a markdown page names a label a plain page of the same batch also carries)."""
        places = PlaceNames.from_database()
        banners = set(Page.objects.exclude(banner="").values_list("banner", flat=True))
        labels = set(Article.objects.exclude(column_label="").values_list("column_label", flat=True))
        to_parse = plans
        for _attempt in range(3):
            for plan in to_parse:
                plan.draft = parse_page(plan.source.text, places, banners, labels)
            found_banners = {plan.draft.banner for plan in plans if plan.draft.banner} - banners
            found_labels = {a.column_label for plan in plans for a in plan.draft.articles if a.column_label} - labels
            if not found_banners and not found_labels:
                return
            banners |= found_banners
            labels |= found_labels
            # Only pages that print one of the new names can read differently now.
            new_names = ["".join(name.split()) for name in found_banners | found_labels]
            to_parse = [plan for plan in plans if any(name in "".join(plan.source.text.split()) for name in new_names)]

    def _date_pages(self, plans: list[PlannedPage]) -> None:
        """Manifest dates first; then years the texts report; then banner peers for the rest."""
        fallback = datetime.date.today().year
        peers: dict[tuple[str, str], list[int]] = {}
        for page in Page.objects.exclude(banner="").select_related("issue__newspaper"):
            peers.setdefault((page.issue.newspaper.name, _key(page.banner)), []).append(page.issue.date.year)
        for plan in plans:
            plan.evidence = read_evidence(plan.source.text)
            year = plan.entry.date.year if plan.entry.date else plan.evidence.reported_year()
            if year is not None and plan.draft.banner:
                peers.setdefault((plan.entry.newspaper, _key(plan.draft.banner)), []).append(year)
        for plan in plans:
            if plan.entry.date:
                plan.date, plan.date_is_estimated = plan.entry.date, False
                continue
            peer_years = peers.get((plan.entry.newspaper, _key(plan.draft.banner)), []) if plan.draft.banner else []
            year, reason = estimate_year(plan.evidence, peer_years, fallback)
            plan.date, plan.date_is_estimated = estimate_date(plan.evidence, year), True
            plan.date_reason = f"出版日期 {plan.date} 为估计：{reason}"

    # ---- phase 2 helpers -----------------------------------------------------------------
    @staticmethod
    def _write_image_only(plan: PlannedPage) -> None:
        with transaction.atomic():
            page = plan.existing
            attach_page_image(page, plan.entry.image)
            page.save(update_fields=["image", "image_width", "image_height", "updated_at"])
            ImportLog.objects.create(source_name=plan.source.name, sha256=plan.source.sha256,
                                     outcome=ImportLog.Outcome.UNCHANGED, page=page,
                                     message=f"text unchanged; page image {plan.entry.image.path.name} stored")

    def _write(self, plan: PlannedPage, summary: LoadSummary) -> None:
        try:
            removed, article_ids, flag_counts = self._write_page(plan)
        except IntegrityError as error:
            done = ", ".join(summary.imported + summary.reimported) or "none"
            raise IngestError(f"{plan.source.path}: not saved, the database refused it ({error}); another import "
                              f"running at the same time? Pages already imported: {done}") from None
        (summary.reimported if plan.existing else summary.imported).append(plan.source.name)
        if plan.entry.image:
            summary.images.append(plan.source.name)
        summary.articles += len(article_ids)
        summary.flags.update({str(code): n for code, n in flag_counts.items()})

    def _write_page(self, plan: PlannedPage) -> tuple[list[int], list[int], Counter]:
        """Everything for one page, in one transaction: all of it is saved, or none of it."""
        with transaction.atomic():
            removed = self._clear(plan.existing) if plan.existing else []
            page = self._save_page(plan)
            article_ids, flag_counts = write_draft(page, plan.draft)
            if plan.date_is_estimated:
                Flag.objects.create(code=FlagCode.ESTIMATED_DATE, page=page, message=plan.date_reason)
                flag_counts[FlagCode.ESTIMATED_DATE] += 1
            outcome = ImportLog.Outcome.REIMPORTED if plan.existing else ImportLog.Outcome.IMPORTED
            ImportLog.objects.create(
                source_name=plan.source.name, sha256=plan.source.sha256, outcome=outcome, page=page,
                message=plan.date_reason,
                counts={"articles": len(article_ids), "blocks": len(plan.draft.pieces), "flags": dict(flag_counts)},
            )
            enrich_articles(article_ids)
            # In the page's own transaction: a page saved is a page the index worker will index.
            schedule_reindex([*removed, *article_ids])
        return removed, article_ids, flag_counts

    @staticmethod
    def _clear(page: Page) -> list[int]:
        """Remove what an earlier import of this page made (only reached when that is allowed)."""
        article_ids = list(page.articles.values_list("pk", flat=True))
        Flag.objects.filter(page=page).delete()
        Block.objects.filter(page=page).delete()
        Article.objects.filter(page=page).delete()
        return article_ids

    def _save_page(self, plan: PlannedPage) -> Page:
        newspaper = Newspaper.objects.filter(name=plan.entry.newspaper).first()
        if newspaper is None:
            newspaper = Newspaper.objects.create(name=plan.entry.newspaper,
                                                 slug=_unique_slug(Newspaper, pinyin_slug(plan.entry.newspaper) or "paper"))
        issue, _created = Issue.objects.get_or_create(
            newspaper=newspaper, date=plan.date, defaults={"date_is_estimated": plan.date_is_estimated}
        )
        page = plan.existing or Page(source_name=plan.source.name)
        old_issue_id = plan.existing.issue_id if plan.existing else None
        keep_number = plan.existing is not None and plan.existing.issue_id == issue.pk and not plan.entry.page
        if plan.entry.page:
            page.number, page.number_is_estimated = plan.entry.page, False
        elif not keep_number:
            used = set(Page.objects.filter(issue=issue).exclude(pk=page.pk).values_list("number", flat=True))
            page.number = next(n for n in range(1, len(used) + 2) if n not in used)
            page.number_is_estimated = True
        page.issue = issue
        page.name = plan.entry.page_name
        page.banner = plan.draft.banner[:300]
        page.sha256 = plan.source.sha256
        page.raw_text = plan.source.text
        if plan.entry.image:
            attach_page_image(page, plan.entry.image)
        page.save()
        if old_issue_id and old_issue_id != issue.pk and not Page.objects.filter(issue_id=old_issue_id).exists():
            Issue.objects.filter(pk=old_issue_id).delete()  # the page moved (e.g. a manifest date was added)
        return page


def _unique_slug(model, base: str) -> str:
    candidate, n = base, 1
    while model.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _key(banner: str) -> str:
    return "".join(banner.split())
