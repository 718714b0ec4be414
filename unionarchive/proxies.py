"""The client's address behind trusted reverse proxies (settings.TRUSTED_PROXIES).

Hand-written rather than django-ipware: ipware picks the *leftmost* X-Forwarded-For entry by
default (which the client writes itself) and matches trusted proxies by string prefix; the rule
here is the one proxies document (nginx's real_ip_recursive): walk X-Forwarded-For from the
right, skipping addresses of our own proxies; the first address that is not ours is the client.
An address not written by a trusted proxy is never believed.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request) -> str:
    """REMOTE_ADDR, or — when that is one of our proxies — the nearest untrusted address in
    X-Forwarded-For. Without TRUSTED_PROXIES, X-Forwarded-For is ignored entirely."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _trusted(address):
            return address
    return forwarded[0] if forwarded else remote
