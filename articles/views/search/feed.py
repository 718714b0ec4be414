"""/search/feed/?q=…: an Atom feed for any search, so a reader can follow a subject or a place.

A feed is read by a feed reader that wants what is new, so it lists the newest matching articles
unless the URL asks for another sort explicitly. Its entries carry the highlighted snippets as
HTML summaries (the syndication framework escapes them into the XML).
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from articles.forms.search import SearchParams, search_params_from
from articles.search.vocabulary import FACET_LABELS, SORT_NEWEST
from articles.text.xml import xml_safe
from articles.views.search.engine import run_search
from articles.views.search.facets import collect_labels
from articles.views.search.results import ResultItem, result_items

FEED_LENGTH = 20


def describe(params: SearchParams) -> str:
    """“劳模工匠（城市：湖州市）” — the search in words, for titles."""
    parts = [f"{FACET_LABELS[param]}：{value}" for param, value in params.active_filters()]
    text = params.q or "全部文章"
    return f"{text}（{'；'.join(parts)}）" if parts else text


class _XmlSafeGenerator(SimplerXMLGenerator):
    """Drops what XML 1.0 cannot carry from every text and attribute (Django's generator raises
    on C0 controls and writes U+FFFE as it is): an article's stray control character or a facet
    value pasted with a noncharacter must give a well-formed feed, never a 500."""

    def characters(self, content):
        super().characters(xml_safe(content) if content else content)

    def startElement(self, name, attrs):
        super().startElement(name, {key: xml_safe(value) for key, value in (attrs or {}).items()})


class XmlSafeAtom1Feed(Atom1Feed):
    def write(self, outfile, encoding):
        handler = _XmlSafeGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class SearchFeed(Feed):
    feed_type = XmlSafeAtom1Feed
    author_name = "工报档案（浙江工人日报）"  # Atom requires an author for the feed or every entry

    def get_object(self, request, *args, **kwargs):
        params = search_params_from(request.GET).with_page(1)
        if "sort" not in request.GET:
            params = params.with_sort(SORT_NEWEST)
        return params

    def title(self, params: SearchParams) -> str:
        return f"工报档案搜索：{describe(params)}"

    def subtitle(self, params: SearchParams) -> str:
        return f"浙江工人日报档案中与“{describe(params)}”相关的文章"

    def link(self, params: SearchParams) -> str:
        return reverse("search") + params.querystring()

    def feed_url(self, params: SearchParams) -> str:
        return reverse("search_feed") + params.querystring()

    def items(self, params: SearchParams) -> list[ResultItem]:
        # No query and no filter: the archive's newest articles.
        outcome = run_search(params, per_page=FEED_LENGTH, browse=params.is_blank, facets=False)
        return result_items(outcome.hits, collect_labels({}, params, outcome.hits))

    def item_title(self, item: ResultItem) -> str:
        return " ".join(text for _, text in item.title_lines) or "（无题）"

    def item_link(self, item: ResultItem) -> str:
        return item.url

    def item_description(self, item: ResultItem) -> str:
        return " … ".join(item.snippets_html)

    def item_pubdate(self, item: ResultItem) -> datetime:
        return datetime.combine(item.date, time(6, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item: ResultItem) -> datetime:
        return item.article.updated_at

    def item_categories(self, item: ResultItem) -> list[str]:
        return item.cities

