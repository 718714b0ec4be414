"""Every kind of page satisfies the site's Content-Security-Policy in a real browser: chromium
reports no violation (console or ``securitypolicyviolation`` event) on the reading, browse, search,
report and admin pages, and the header is there on each."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LISTEN = ("window.__cspViolations = [];"
          "document.addEventListener('securitypolicyviolation',"
          " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")


def _page_urls(site) -> list[str]:
    script = (
        "from articles.models import Article, Region, Topic, Person\n"
        "a = Article.objects.exclude(slug='').select_related('page__issue').order_by('pk').first()\n"
        "print(a.page.issue.get_absolute_url()); print(a.page.get_absolute_url()); print(a.get_absolute_url())\n"
        "print(f'/articles/{a.pk}/report/')\n"
        "print(Region.objects.filter(level='city').first().get_absolute_url())\n"
        "print(Topic.objects.first().get_absolute_url()); print(Person.objects.first().get_absolute_url())\n"
        "print(a.page.issue.get_absolute_url().rsplit('/', 2)[0] + '/')\n"
    )
    return ["/", "/issues/", "/regions/", "/topics/", "/people/", "/search/", "/search/?q=工会",
            "/search/?q=不存在的词语", *site.python(script).split()]


def test_no_page_violates_the_content_security_policy(served_site, chromium):
    context = chromium.new_context()
    violations: list[str] = []
    try:
        page = context.new_page()
        page.add_init_script(LISTEN)
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text or "Refused to" in message.text else None)
        for path in _page_urls(served_site):
            response = page.goto(served_site.url(path))
            assert response.status == 200, path
            assert "default-src 'self'" in response.headers["content-security-policy"], path
            page.wait_for_load_state("load")
            violations.extend(f"{path}: {v}" for v in page.evaluate("window.__cspViolations"))
        # The admin's own pages (Django's scripts and styles) under the same policy.
        page.goto(served_site.url("/admin/login/"))
        violations.extend(f"/admin/login/: {v}" for v in page.evaluate("window.__cspViolations"))
    finally:
        context.close()
    assert violations == []
