"""The OpenSearch description, so that browsers can offer “search 工报档案” from the address bar.

base.html links it with ``<link rel="search">``. The URL templates are absolute (the spec asks for
it) and built from the request, so the file is right on any host the site is served from.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

CONTENT_TYPE = "application/opensearchdescription+xml; charset=utf-8"


@require_safe
@cache_control(max_age=86400, public=True)
def opensearch_description(request):
    absolute = request.build_absolute_uri
    context = {
        "html_url": absolute(reverse("search")),
        "feed_url": absolute(reverse("search_feed")),
        "json_url": absolute(reverse("search_json")),
        "self_url": absolute(reverse("opensearch")),
        "home_url": absolute("/"),
    }
    return render(request, "search/opensearch.xml", context, content_type=CONTENT_TYPE)
