"""The archive's data model, one module per concern.

Newspaper → Issue → Page → Block → Article: a page keeps its raw text verbatim; blocks are the
paragraph-like units cut from it, in reading order; an article is an ordered set of blocks, so
correcting article boundaries reassigns blocks and never copies or loses text.
"""

from .choices import (ArticleStatus, BlockKind, CreditRole, CreditStatus, FlagCode, RegionLevel, RevisionAction,
                      Source)
from .paper import Newspaper, Issue, Page, ImportLog
from .content import Article, Block, Flag
from .places import Region, ArticleRegion
from .people import Person, PersonAlias, Credit
from .topics import Topic, ArticleTopic
from .history import Revision, ProblemReport, ReportQuota
from .redirects import ArticleRedirect
from .search_queue import PendingIndexUpdate, IndexState

__all__ = [
    "ArticleStatus",
    "BlockKind",
    "CreditRole",
    "CreditStatus",
    "FlagCode",
    "RegionLevel",
    "RevisionAction",
    "Source",
    "Newspaper",
    "Issue",
    "Page",
    "ImportLog",
    "Article",
    "Block",
    "Flag",
    "Region",
    "ArticleRegion",
    "Person",
    "PersonAlias",
    "Credit",
    "Topic",
    "ArticleTopic",
    "Revision",
    "ProblemReport",
    "ReportQuota",
    "ArticleRedirect",
    "PendingIndexUpdate",
    "IndexState",
]
