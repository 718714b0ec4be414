"""A deterministic synthetic archive built from the seeds' own paragraphs, for the benchmark.

Same seed → same corpus: articles take 2–8 random paragraphs of the five seed pages (real union
news prose, so jieba and the index see realistic text), a title line of the seeds, a date between
2015 and 2024, 0–3 place tags from the gazetteer (city, county or town), 1–3 credited people from
a pool of synthetic names, 0–2 topics. Rows are written with bulk_create — never into a real
archive: the command runs this only against a throwaway database in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from pathlib import Path

from django.db import transaction

from articles.models import (
    Article, ArticleRegion, ArticleTopic, Block, BlockKind, Credit, CreditRole, Issue, Newspaper, Page, Person,
    Region, Topic,
)

PAGE_NAMES = ["要闻", "工会", "综合", "劳动保障", "职工生活", "技能", "法润工心", "副刊"]
PAGES_PER_ISSUE = 8
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬晓慧建国志鹏飞宇浩然晨曦佳琪子涵梓轩思远一鸣欣怡雨婷"


def seed_text(seeds_dir: Path) -> tuple[list[str], list[str]]:
    """(paragraphs, title lines) of the seed pages, markdown marks stripped."""
    paragraphs, titles = [], []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^[#\s]+|\*\*", "", line).strip()
            if len(line) >= 40:
                paragraphs.append(line)
            elif 6 <= len(line) < 40:
                titles.append(line)
    return paragraphs, titles


def _names(rng: random.Random, count: int) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < count:
        names[rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))] = None
    return list(names)


def build_corpus(articles: int, seeds_dir: Path, *, seed: int = 20240501, progress=None) -> list[int]:
    """Create ``articles`` synthetic articles (and their pages, blocks and tags). Returns ids."""
    rng = random.Random(seed)
    paragraphs, titles = seed_text(seeds_dir)
    regions = list(Region.objects.exclude(level="province").values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    newspaper, _ = Newspaper.objects.get_or_create(name="浙江工人日报", defaults={"slug": "zjgrb"})
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(name=name, slug=f"bench-{i}") for i, name in enumerate(_names(rng, max(50, articles // 40)))]
        )
    per_page = 6
    n_pages = -(-articles // per_page)
    n_issues = -(-n_pages // PAGES_PER_ISSUE)
    start = dt.date(2015, 1, 1)
    span = (dt.date(2024, 12, 31) - start).days
    days = sorted(rng.sample(range(span), min(n_issues, span)))
    while len(days) < n_issues:  # more issues than days: later ones go past the span
        days.append(days[-1] + 1)
    made: list[int] = []
    batch_pages = 200
    for first in range(0, n_issues, batch_pages // PAGES_PER_ISSUE or 1):
        chunk_days = days[first : first + batch_pages // PAGES_PER_ISSUE]
        with transaction.atomic():
            issues = Issue.objects.bulk_create(
                [Issue(newspaper=newspaper, date=start + dt.timedelta(days=d)) for d in chunk_days]
            )
            pages = Page.objects.bulk_create([
                Page(issue=issue, number=n + 1, name=PAGE_NAMES[n], source_name=f"bench-{issue.date}-{n + 1}",
                     sha256=hashlib.sha256(f"{issue.date}{n}".encode()).hexdigest(), raw_text="")
                for issue in issues for n in range(PAGES_PER_ISSUE)
            ])
            new_articles, layout = [], []
            for page in pages:
                for order in range(per_page):
                    if len(made) + len(new_articles) >= articles:
                        break
                    lines = rng.sample(titles, 2)
                    new_articles.append(Article(page=page, order=order + 1, kicker=lines[0] if rng.random() < .4 else "",
                                                headline=lines[1], slug=f"a{len(made) + len(new_articles)}"))
                    layout.append(rng.sample(paragraphs, rng.randint(2, 8)))
            Article.objects.bulk_create(new_articles)
            blocks, tags, topic_tags, credits = [], [], [], []
            seq: dict[int, int] = {}
            for article, body in zip(new_articles, layout):
                for position, text in enumerate(body):
                    seq[article.page_id] = seq.get(article.page_id, 0) + 1
                    blocks.append(Block(page_id=article.page_id, seq=seq[article.page_id], article=article,
                                        position=position + 1, kind=BlockKind.BODY, text=text, source_text=text,
                                        line_start=seq[article.page_id], line_end=seq[article.page_id]))
                for region in set(rng.sample(regions, rng.randint(0, 3))) if regions else ():
                    tags.append(ArticleRegion(article=article, region_id=region, mentions=1))
                for topic in set(rng.sample(topics, rng.randint(0, 2))) if topics else ():
                    topic_tags.append(ArticleTopic(article=article, topic_id=topic, score=1.0))
                for order, person in enumerate({p.pk: p for p in rng.sample(people, rng.randint(1, 3))}.values()):
                    role = rng.choice([CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER])
                    credits.append(Credit(article=article, person=person, role=role, printed_name=person.name,
                                          order=order))
            Block.objects.bulk_create(blocks, batch_size=2000)
            ArticleRegion.objects.bulk_create(tags, batch_size=2000)
            ArticleTopic.objects.bulk_create(topic_tags, batch_size=2000)
            Credit.objects.bulk_create(credits, batch_size=2000)
        made.extend(a.pk for a in new_articles)
        if progress:
            progress(len(made), articles)
        if len(made) >= articles:
            break
    return made
