"""Highlighting: the matched words are marked, nothing else; the text is escaped."""

import re

from articles.search.highlight import highlight_all, highlight_fragments
from articles.search.query import parse_query

MARK = re.compile(r"<mark>(.*?)</mark>")


def test_marks_exactly_the_query_word():
    html = highlight_all("义乌推进工资集体协商，集体合同覆盖职工", parse_query("工资集体协商"))
    assert MARK.findall(html) == ["工资集体协商"]


def test_whoosh_issue_532_longer_word_is_marked_whole():
    # whoosh 2.7.4 marks 马克 for 马克思 with overlapping jieba words; we mark the query word.
    html = highlight_all("学习马克思主义理论", parse_query("马克思"))
    assert MARK.findall(html) == ["马克思"]


def test_query_words_inside_a_longer_word_are_marked_separately():
    html = highlight_all("桐庐县为劳模工匠打造幸福之家", parse_query("劳模 工匠"))
    assert MARK.findall(html) == ["劳模", "工匠"]


def test_phrase_marks_the_run_not_scattered_words():
    html = highlight_all("技能提升很重要，提升技能也要培训", parse_query('"技能提升"'))
    assert MARK.findall(html) == ["技能提升"]


def test_traditional_query_marks_simplified_text_and_keeps_original_text():
    html = highlight_all("勞模精神与劳模工匠", parse_query("勞模"))
    assert MARK.findall(html) == ["勞模", "劳模"]


def test_text_is_escaped_and_only_mark_tags_remain():
    html = highlight_all('<script>alert("劳模")</script> & 劳模', parse_query("劳模"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert re.sub(r"</?mark>", "", html).count("<") == 0


def test_long_text_gives_several_fragments_around_matches():
    filler = "这是一段与主题无关的文字，" * 30
    text = f"开头{filler}第一次提到快递小哥。{filler}第二次提到快递小哥。{filler}结尾"
    fragments = highlight_fragments(text, parse_query("快递小哥"))
    assert len(fragments) == 2
    assert all(MARK.findall(f) == ["快递小哥"] for f in fragments)
    assert all(f.startswith("…") and f.endswith("…") for f in fragments)


def test_no_match_gives_the_start_of_the_text():
    assert highlight_fragments("没有匹配的正文" * 50, parse_query("快递小哥"))[0].startswith("没有匹配的正文")


def _plain(fragment: str) -> str:
    return re.sub(r"</?mark>", "", fragment).strip("…")


def test_a_fragment_starts_at_its_sentence_not_inside_the_byline():
    text = "本报讯 记者李凡 通讯员徐剑摄影报道\n近日，余姚市总工会将流动体检车开进牟山镇职工活动中心。"
    first = highlight_fragments(text, parse_query("流动体检车"))[0]
    assert first.startswith("…近日，") and "报道" not in first


def test_fragments_never_repeat_the_same_text():
    sentence = "完成一整套体检只需半小时左右，既快速又便捷，免去了职工往返体检的奔波。"
    text = "余姚市总工会将流动体检车开进牟山镇，开展上门体检服务。" + sentence * 3
    fragments = [_plain(f) for f in highlight_fragments(text, parse_query("流动体检车"), context=40)]
    assert len(fragments) > 1
    positions = []
    for fragment in fragments:
        at = text.find(fragment, positions[-1][1] if positions else 0)
        assert at != -1, fragment  # each fragment is a piece of the text, after the previous one
        positions.append((at, at + len(fragment)))
