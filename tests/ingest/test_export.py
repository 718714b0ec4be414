"""export_articles: every article as one JSON object per line, in a fixed number of queries."""

import io
import json

import pytest
from django.core.management import call_command

from articles.ingest.export import export_articles
from articles.models import Article

pytestmark = pytest.mark.django_db


def exported(tmp_path) -> list[dict]:
    target = tmp_path / "articles.jsonl"
    call_command("export_articles", output=str(target), stderr=io.StringIO())
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_every_article_once_with_its_fields(tmp_path):
    records = exported(tmp_path)
    assert len(records) == Article.objects.count() == 38
    assert len({r["id"] for r in records}) == 38
    record = next(r for r in records if {"role": "subtitle", "text": "温州市网约配送员集中入会"} in r["title"])
    assert record["newspaper"] == "浙江工人日报"
    assert record["issue_date"].startswith("2022-") and record["date_is_estimated"] is True
    assert record["page"]["number"] >= 1 and "name" in record["page"]
    assert record["title"] == [{"role": "headline", "text": "全力推进、突出加强 新就业形态劳动者 工会工作"},
                               {"role": "subtitle", "text": "温州市网约配送员集中入会"}]
    assert {"name": "邹伟锋", "printed_name": "邹伟锋", "role": "photographer", "status": "published"} in record["credits"]
    assert record["byline"] == "本报讯 记者邹伟锋摄影 报道"
    assert [b["kind"] for b in record["body"]][:2] == ["byline", "body"]
    assert record["body"][1]["text"].startswith("近日，温州市总工会")
    assert {"regions", "topics", "flags", "column_label"} <= set(record)


def test_hidden_duplicates_are_not_exported_as_body(tmp_path):
    record = next(r for r in exported(tmp_path) if r["title"][-1]["text"].startswith("杭州临平区总工会"))
    texts = [b["text"] for b in record["body"]]
    assert not any(t.startswith("正是有了马军") for t in texts)
    assert {"duplicate", "misplaced"} <= {f["code"] for f in record["flags"]}


def test_column_label_and_subheads_in_export(tmp_path):
    records = exported(tmp_path)
    label = next(r for r in records if r["headline"] == "引领职工学法知法护法")
    assert label["column_label"] == "法润工心"
    long_story = next(r for r in records if r["headline"] == "照片背后的履职故事")
    assert [b["text"] for b in long_story["body"] if b["kind"] == "subhead"] == [
        "一份沉甸甸的责任", "让新就业形态劳动者更有保障更有干劲", "人民大会堂里的平湖“小名片”"]


def test_export_query_count_does_not_grow_with_articles(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        records = list(export_articles())
    assert len(records) == 38


def test_stdout_is_json_lines():
    out = io.StringIO()
    call_command("export_articles", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 38 and all(json.loads(line)["id"] for line in lines)
