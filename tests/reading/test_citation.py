"""The GB/T 7714 reference line: what a reader copies into a bibliography."""

from datetime import date

from articles.views.reading.citation import CitationSource, gbt7714_newspaper


def source(**overrides) -> CitationSource:
    fields = dict(authors=["寿慧桢"], headline="德清工会推动审计服务“零距离”", subtitle="", newspaper="浙江工人日报",
                  issue_date=date(2024, 3, 1), date_is_estimated=False, page_number=3,
                  page_number_is_estimated=False)
    fields.update(overrides)
    return CitationSource(**fields)


def test_the_standard_example():
    assert gbt7714_newspaper(source()) == "寿慧桢. 德清工会推动审计服务“零距离”[N]. 浙江工人日报, 2024-03-01(3)."


def test_several_authors_are_joined_and_more_than_three_end_with_deng():
    assert gbt7714_newspaper(source(authors=["甲", "乙"])).startswith("甲, 乙. ")
    assert gbt7714_newspaper(source(authors=["甲", "乙", "丙", "丁"])).startswith("甲, 乙, 丙, 等. ")


def test_no_author_starts_with_the_title():
    assert gbt7714_newspaper(source(authors=[])).startswith("德清工会推动审计服务")


def test_subtitle_is_other_title_information():
    line = gbt7714_newspaper(source(headline="让技术工人遇见美好未来", subtitle="——义乌企业将“能级工资”写入集体合同"))
    assert "让技术工人遇见美好未来: 义乌企业将“能级工资”写入集体合同[N]." in line


def test_estimated_date_and_page_number_are_bracketed():
    line = gbt7714_newspaper(source(date_is_estimated=True))
    assert line.endswith("浙江工人日报, [2024-03-01](3).")
    line = gbt7714_newspaper(source(date_is_estimated=True, page_number_is_estimated=True))
    assert line.endswith("浙江工人日报, [2024-03-01]([3]).")
