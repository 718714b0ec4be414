"""Topic keyword lists: context phrases that keep a short keyword from its other senses (issue 12).

A keyword of weight 0 is a *context phrase*: the tagger matches a topic's keywords longest first
without overlap, so the phrase claims its span and the shorter keyword inside it does not count
(``articles/enrich/topics.py: TopicMatcher.occurrences``). Measured with ``manage.py
evaluate_enrichment --only topics`` on the seeds and the development set, labelled by
``evaluation/topics/GUIDELINES.md``:

* 技能竞赛与人才培养: safety training, union-cadre business training and knowledge quizzes are not
  skills (安全生产培训 0, 安全培训 0, 业务培训 0, 知识竞赛 0), and a 培训班 is as often one of those as
  a skills class (1.5 → 0.5);
* 服务关爱: a legal check-up of employers is not a health check (法律体检 0, 用工体检 0); 爱心妈咪小屋
  is filed under 女职工 alone (its 妈咪小屋 keyword), not also under services;
* 工会组织建设: 工会干部 mostly names the union's people doing something else (1 → 0.5).

Only rows whose keyword list is still exactly what migration 0008 left are changed, so an editor's
own list is never overwritten; reversing restores the 0008 list on rows still as changed here.
"""

import importlib

from django.db import migrations

TUNED_0008 = importlib.import_module("articles.migrations.0008_topic_keywords_service_culture_organisation")

# slug → {word: new weight, or None to remove the word}
CHANGES = {
    "jineng-jingsai": {"培训班": "0.5", "安全生产培训": "0", "安全培训": "0", "业务培训": "0", "知识竞赛": "0"},
    "fuwu-guanai": {"法律体检": "0", "用工体检": "0", "爱心妈咪小屋": None},
    "zuzhi-jianshe": {"工会干部": "0.5"},
}


def lists_after_0008() -> dict[str, str]:
    return {slug: TUNED_0008.tuned_keywords(slug, keywords) for slug, keywords in TUNED_0008.original_keywords().items()}


def changed_keywords(slug: str, text: str) -> str:
    """``text`` (one ``word weight`` a line) with this migration's changes for ``slug`` applied."""
    weights = {}
    for line in text.splitlines():
        word, _, weight = line.partition(" ")
        weights[word] = weight or "1"
    for word, weight in CHANGES.get(slug, {}).items():
        if weight is None:
            weights.pop(word, None)
        else:
            weights[word] = weight
    return "\n".join(f"{word} {weight}" for word, weight in weights.items())


def change(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, keywords in lists_after_0008().items():
        if slug in CHANGES:
            Topic.objects.filter(slug=slug, keywords=keywords).update(keywords=changed_keywords(slug, keywords))


def unchange(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, keywords in lists_after_0008().items():
        if slug in CHANGES:
            Topic.objects.filter(slug=slug, keywords=changed_keywords(slug, keywords)).update(keywords=keywords)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_article_redirects_after_merges"),
    ]

    operations = [migrations.RunPython(change, unchange)]
