"""The reading pages in a real browser at phone width, served by gunicorn (the shared served_site):
nothing overflows sideways, body paragraphs are indented two characters, and every page reads
without JavaScript."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _reading_urls(site) -> list[str]:
    """Home, an issue, a page and the longest article, read from the served database."""
    script = (
        "from django.db.models import Count\n"
        "from articles.models import Article\n"
        "a = Article.objects.annotate(n=Count('blocks')).order_by('-n').select_related('page__issue').first()\n"
        "print(a.page.issue.get_absolute_url()); print(a.page.get_absolute_url()); print(a.get_absolute_url())\n"
    )
    out = site.python(script).split()
    return ["/", "/issues/", *out]


def test_reading_pages_fit_a_phone_and_need_no_javascript(served_site, chromium):
    base = served_site.base
    urls = _reading_urls(served_site)
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    no_js = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = phone.new_page()
        for path in urls:
            response = page.goto(base + path)
            assert response.status == 200, path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
        # The article (last URL): serif body, paragraphs indented by two characters.
        indent, size = page.evaluate(
            "(() => { const p = document.querySelector('.article-body p:not(.photo-credit)');"
            " const s = getComputedStyle(p); return [parseFloat(s.textIndent), parseFloat(s.fontSize)]; })()")
        assert abs(indent - 2 * size) < 0.5
        assert page.locator("h1.headline").is_visible()

        reader = no_js.new_page()
        reader.goto(base + urls[-1])
        assert reader.locator("h1.headline").inner_text().strip()
        assert reader.locator(".article-body p").count() >= 1
    finally:
        phone.close()
        no_js.close()
