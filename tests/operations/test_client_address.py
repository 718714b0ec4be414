"""The client address behind trusted proxies: X-Forwarded-For is believed only as far as our own
proxies wrote it, read from the right."""

import pytest
from django.test import RequestFactory

from unionarchive.proxies import client_address


def request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize("remote, forwarded, client", [
    ("10.0.0.5", "198.51.100.1", "198.51.100.1"),  # one proxy
    ("10.0.0.5", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client wrote its own X-Forwarded-For
    ("10.0.0.5", "198.51.100.1, 10.1.2.3", "198.51.100.1"),  # two of our proxies
    ("10.0.0.5", "", "10.0.0.5"),  # nothing forwarded: the proxy itself
    ("10.0.0.5", "10.1.2.3", "10.1.2.3"),  # only our own addresses: the leftmost
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from a proxy: not believed
    ("10.0.0.5", "2001:db8::1", "2001:db8::1"),
])
def test_forwarded_for_is_read_from_the_right_past_our_proxies(settings, remote, forwarded, client):
    settings.TRUSTED_PROXIES = ["10.0.0.5", "10.1.0.0/16"]
    assert client_address(request(remote, forwarded)) == client
