"""The readers' report limit holds under 30 reports sent at the same moment to a real gunicorn
(threads, one connection each), and it is counted per client address as the trusted proxy
reports it — a client's own X-Forwarded-For entries do not give it a fresh limit."""

import http.client
import re
import threading
from urllib.parse import urlencode, urlsplit

import pytest

from articles.views.reports import REPORTS_PER_HOUR
from live_site import serve_seeded_site

pytestmark = pytest.mark.slow
SENT_AT_ONCE = 30


def fetch_form(site, path: str) -> tuple[str, str]:
    """The report form's CSRF token and the cookie that goes with it."""
    host = urlsplit(site.base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return token, cookie


def post_report(site, path: str, token: str, cookie: str, forwarded_for: str, message: str) -> int:
    host = urlsplit(site.base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    body = urlencode({"csrfmiddlewaretoken": token, "message": message})
    connection.request("POST", path, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
        "X-Forwarded-For": forwarded_for, "Referer": site.base + path})
    return connection.getresponse().status


def test_thirty_reports_at_once_store_exactly_the_limit(tmp_path):
    with serve_seeded_site(tmp_path / "site", extra_env={"TRUSTED_PROXIES": "127.0.0.1"}, workers=3) as site:
        article_id = int(site.python("from articles.models import Article; print(Article.objects.order_by('pk').first().pk)"))
        path = f"/articles/{article_id}/report/"
        token, cookie = fetch_form(site, path)
        statuses: list[int] = []
        barrier = threading.Barrier(SENT_AT_ONCE)

        def send(n: int) -> None:
            barrier.wait()
            statuses.append(post_report(site, path, token, cookie, "198.51.100.7", f"第{n}段有错字"))

        threads = [threading.Thread(target=send, args=(n,)) for n in range(SENT_AT_ONCE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert sorted(set(statuses)) == [302, 429]
        assert statuses.count(302) == REPORTS_PER_HOUR
        stored = site.python("from articles.models import ProblemReport; print(ProblemReport.objects.count())")
        assert int(stored) == REPORTS_PER_HOUR

        # The client cannot escape by writing its own X-Forwarded-For: the proxy's entry counts.
        assert post_report(site, path, token, cookie, "6.6.6.6, 198.51.100.7", "再来一个") == 429
        # Another reader behind the same proxy has a limit of its own.
        assert post_report(site, path, token, cookie, "198.51.100.8", "另一位读者") == 302
