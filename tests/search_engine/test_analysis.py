"""The analyzer: the domain dictionary is loaded, positions are word ordinals, text is folded."""

import jieba
import pytest

from articles.search.analysis import ChineseTokenizer, fold_keep_length, get_segmenter, segment, userdict_words
from articles.text.fold import fold_width


def words(text, **kwargs):
    return [w.text for w in segment(text, **kwargs)]


@pytest.fixture(scope="module")
def plain_jieba():
    """jieba without our dictionary, to show what the dictionary changes."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.mark.parametrize("term", ["工资集体协商", "劳模工匠", "新就业形态", "能级工资", "职工书屋"])
def test_user_dictionary_keeps_domain_terms_whole(term, plain_jieba):
    sentence = f"今年{term}工作取得新进展"
    assert term not in plain_jieba.lcut(sentence), "jieba alone would split it: the test shows nothing"
    assert term in words(sentence)


def test_every_dictionary_word_is_one_query_word():
    split = [w for w in userdict_words() if words(w) != [w.lower()]]
    assert split == []


def test_query_words_are_consecutive_and_index_subwords_share_the_position():
    query = segment("义乌企业开展工资集体协商")
    assert [w.pos for w in query] == list(range(len(query)))
    index = segment("义乌企业开展工资集体协商", for_index=True)
    positions = {w.text: w.pos for w in index}
    assert positions["集体协商"] == positions["工资集体协商"] == positions["工资"]
    assert positions["开展"] + 1 == positions["工资集体协商"]


def test_spaces_do_not_break_phrases_but_punctuation_does():
    assert [w.pos for w in segment("技术工人 遇见")] == [0, 1]
    assert [w.pos for w in segment("技术工人，遇见")] == [0, 2]


def test_traditional_and_full_width_text_becomes_the_same_words():
    assert words("勞模工匠與ＡＢＣ公司") == words("劳模工匠与abc公司")


def test_offsets_point_into_the_original_text():
    text = "本報訊　記者ＡＢ 勞模工匠\u200b在杭州"
    for word in segment(text, for_index=True):
        assert fold_keep_length(text[word.start:word.end]).lower() == word.text


def test_fold_keep_length_agrees_with_the_project_fold_for_width():
    sample = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    assert fold_keep_length(sample) == fold_width(sample)


def test_tokenizer_modes_for_whoosh():
    tokenizer = ChineseTokenizer()
    index_tokens = [(t.text, t.pos) for t in tokenizer("工资集体协商", positions=True, mode="index")]
    query_tokens = [t.text for t in tokenizer("工资集体协商", mode="query")]
    assert ("集体协商", 0) in index_tokens and query_tokens == ["工资集体协商"]


def test_the_dictionary_is_loaded_once_per_process():
    assert get_segmenter() is get_segmenter()
