"""Which database a request reads from when replicas are configured (unionarchive/db_router.py).

The routing decision is checked here on Django requests; the real primary + streaming replica + two
gunicorn hosts run in test_replicas.py (slow)."""

import time

from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from unionarchive.db_router import PIN_COOKIE, PRIMARY, PrimaryReplicaRouter, ReadYourWritesMiddleware

router = PrimaryReplicaRouter()


def routed(request, replicas=("replica1",)) -> tuple[str, str, HttpResponse]:
    """(read alias, write alias, response) seen inside a request handled by the middleware."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Article)
        seen["write"] = router.db_for_write(Article)
        return HttpResponse("ok")

    middleware = ReadYourWritesMiddleware(view)
    middleware.replicas = list(replicas)  # the aliases settings.py makes from DATABASE_REPLICA_URLS
    response = middleware(request)
    return seen["read"], seen["write"], response


def test_a_readers_page_reads_a_replica_and_writes_the_primary(rf: RequestFactory):
    read, write, response = routed(rf.get("/regions/hangzhou/"))
    assert (read, write) == ("replica1", PRIMARY)
    assert PIN_COOKIE not in response.cookies


def test_a_write_pins_that_browser_to_the_primary_for_a_few_seconds(rf: RequestFactory, settings):
    read, write, response = routed(rf.post("/report/"))
    assert (read, write) == (PRIMARY, PRIMARY)
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == settings.READ_YOUR_WRITES_SECONDS and cookie["httponly"]

    next_page = rf.get("/regions/hangzhou/")
    next_page.COOKIES[PIN_COOKIE] = cookie.value
    assert routed(next_page)[0] == PRIMARY


def test_a_forged_tampered_or_garbled_pin_reads_a_replica_again(rf: RequestFactory):
    genuine = routed(rf.post("/report/"))[2].cookies[PIN_COOKIE].value
    forged_far_future = f"{time.time() + 10**9:.3f}"  # what an unsigned time-stamp cookie would trust
    for value in (forged_far_future, genuine.replace("1:", "2:", 1), genuine + "x", "not-a-pin", ""):
        request = rf.get("/")
        request.COOKIES[PIN_COOKIE] = value
        assert routed(request)[0] == "replica1", value


def test_a_pin_older_than_the_read_your_writes_window_reads_a_replica_again(rf: RequestFactory, settings):
    settings.READ_YOUR_WRITES_SECONDS = 1
    cookie = routed(rf.post("/report/"))[2].cookies[PIN_COOKIE].value
    time.sleep(2.1)  # the signature's own time stamp has whole-second resolution
    request = rf.get("/")
    request.COOKIES[PIN_COOKIE] = cookie
    assert routed(request)[0] == "replica1"


def test_the_admin_always_reads_the_primary(rf: RequestFactory):
    assert routed(rf.get("/admin/articles/page/"))[0] == PRIMARY


def test_outside_a_request_and_without_replicas_everything_is_the_primary(rf: RequestFactory):
    assert router.db_for_read(Article) == PRIMARY  # commands, the index worker, tests
    assert routed(rf.get("/"), replicas=())[0] == PRIMARY


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate(PRIMARY, "articles") and not router.allow_migrate("replica1", "articles")


def test_one_request_keeps_one_replica_for_all_its_reads(rf: RequestFactory):
    replicas, seen = ("replica1", "replica2"), []

    def view(request):
        seen.append({router.db_for_read(Article) for _ in range(20)})
        return HttpResponse("ok")

    middleware = ReadYourWritesMiddleware(view)
    middleware.replicas = list(replicas)
    for _ in range(10):
        middleware(rf.get("/"))
    assert all(len(aliases) == 1 and aliases <= set(replicas) for aliases in seen)
