"""Vocabularies shared by the models, the importer, the editors' tools and the templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BlockKind(models.TextChoices):
    """What a block is on the printed page."""

    BANNER = "banner", _("通栏题")  # page banner / series title, belongs to no article
    COLUMN_LABEL = "column_label", _("栏目")  # 工会“小灵通”, 法润工心
    KICKER = "kicker", _("引题")
    HEADLINE = "headline", _("主题")
    SUBTITLE = "subtitle", _("副题")
    SUBHEAD = "subhead", _("小标题")  # inner subhead inside a long article
    BYLINE = "byline", _("署名")  # 本报讯 记者X 通讯员Y报道
    BODY = "body", _("正文")
    CAPTION = "caption", _("图片说明")
    CREDIT = "credit", _("图片署名")  # closing 通讯员X 摄, or an item's author in brackets （王乾鹏 凌婷）
    JUMP = "jump", _("转版提示")  # 下转第4版 / 上接第1版: not a title; the article's continued_to/from

    @classmethod
    def title_kinds(cls) -> tuple[str, ...]:
        return (cls.KICKER, cls.HEADLINE, cls.SUBTITLE)


class FlagCode(models.TextChoices):
    """What the importer could not decide, or repaired and wants an editor to see."""

    DUPLICATE = "duplicate", _("重复段落")
    ORPHAN = "orphan", _("孤立片段")
    TRUNCATED = "truncated", _("正文截断")
    LOST_TEXT = "lost_text", _("疑似缺字")
    JOINED_ACROSS_BREAK = "joined_across_break", _("跨栏拼接")
    MISSING_LEAD = "missing_lead", _("缺少导语")
    MISSING_BYLINE = "missing_byline", _("缺少署名")
    MISPLACED = "misplaced", _("位置可疑")
    AMBIGUOUS_TITLE = "ambiguous_title", _("标题层级待定")
    ESTIMATED_DATE = "estimated_date", _("日期为估计")
    UNPARSED_BYLINE = "unparsed_byline", _("署名未能解析")
    READER_REPORT = "reader_report", _("读者报告")


class ArticleStatus(models.TextChoices):
    AUTOMATIC = "automatic", _("自动切分")
    CORRECTED = "corrected", _("已校正")
    REVIEWED = "reviewed", _("已审核")


class Source(models.TextChoices):
    """Who made a tag: re-running automatic enrichment never overrides an editor's choice."""

    IMPORTER = "importer", _("导入")
    AUTOMATIC = "automatic", _("自动")
    EDITOR = "editor", _("编辑")


class CreditRole(models.TextChoices):
    REPORTER = "reporter", _("记者")
    CORRESPONDENT = "correspondent", _("通讯员")
    PHOTOGRAPHER = "photographer", _("摄影")
    MENTIONED = "mentioned", _("文中人物")


class CreditStatus(models.TextChoices):
    PUBLISHED = "published", _("已发布")
    SUGGESTED = "suggested", _("待审核")
    REJECTED = "rejected", _("已否决")


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县区")
    TOWN = "town", _("乡镇街道")


class RevisionAction(models.TextChoices):
    """What an editor did, stored on each ``Revision`` (stable values; the labels translate)."""

    SPLIT = "split", _("拆分文章")
    MERGE = "merge", _("合并文章")
    MOVE_BLOCK = "move_block", _("移动文本块")
    GATHER = "gather", _("组成新文章")
    SET_KIND = "set_kind", _("更改类型")
    SET_TITLE = "set_title", _("设定标题")
    SET_COLUMN_LABEL = "set_column_label", _("设定栏目")
    MARK_DUPLICATE = "mark_duplicate", _("标为重复")
    UNMARK_DUPLICATE = "unmark_duplicate", _("取消重复")
    CORRECT_TEXT = "correct_text", _("校正文本")
    JOIN = "join", _("接续上段")
    REORDER_ARTICLES = "reorder_articles", _("调整文章顺序")
    SET_ISSUE_DATE = "set_issue_date", _("设定出版日期")
    SET_PAGE_NUMBER = "set_page_number", _("设定版次")
    CREDITS = "credits", _("编辑署名与人物")
    REGIONS = "regions", _("编辑地区")
    TOPICS = "topics", _("编辑专题")
    MERGE_PERSONS = "merge_persons", _("合并人物")
    REVIEW = "review", _("标为已审核")
    RESOLVE_FLAG = "resolve_flag", _("处理待查标记")
    FLAG = "flag", _("添加待查标记")
    UNDO = "undo", _("撤销")
