"""Reads from PostgreSQL streaming replicas, writes to the primary, and read-your-writes for editors.

With ``DATABASE_REPLICA_URLS`` set (settings.py), the site's read-only traffic — search, browsing,
reading pages — is served from the replicas, and everything else stays on the primary:

* Only *requests* that are safe to answer from a replica use one: GET/HEAD, outside the admin, from
  a browser that has not written in the last ``READ_YOUR_WRITES_SECONDS``. Management commands, the
  index worker and the tests never see a replica (the index worker must read what was just saved).
* Each such request picks one replica and keeps it for all its queries, so one page is one
  consistent snapshot even when the replicas lag by different amounts.
* Read-your-writes: a request that may have written (POST, PUT, PATCH, DELETE — an editor saving in
  the admin, a reader sending a report) sets a cookie holding the time until which that browser's
  reads stay on the primary. The editor who just saved sees the change on the very next page, on any
  web host; everyone else sees it once the replica has replayed it (usually well under a second).
  The cookie is signed with the site's secret key and carries its own time (Django's
  ``TimestampSigner``), so it is honoured for ``READ_YOUR_WRITES_SECONDS`` after it was set and no
  longer: a forged or replayed cookie cannot pin a client's reads to the primary for good (which
  would let anyone aim all of their traffic at the one server that takes the writes).

Writes always go to the primary ("default"); migrations run only there (a replica is a read-only
physical copy that follows the primary's schema by itself).
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings

from .areas import is_admin_path

PRIMARY = "default"
PIN_COOKIE = "ua_primary"
PIN_SALT = "unionarchive.db_router.read-your-writes"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The database alias this request reads from; None outside a request (primary).
_read_alias: ContextVar[str | None] = ContextVar("read_alias", default=None)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


class PrimaryReplicaRouter:
    """Django database router: the request's chosen replica for reads, the primary for the rest."""

    def db_for_read(self, model, **hints):
        return _read_alias.get() or PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _pinned_to_primary(request) -> bool:
    """True while the browser's signed pin is younger than ``READ_YOUR_WRITES_SECONDS``; a missing,
    forged, tampered or expired pin is False (``get_signed_cookie`` checks signature and age)."""
    return request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT,
                                     max_age=settings.READ_YOUR_WRITES_SECONDS) is not None


class ReadYourWritesMiddleware:
    """Chooses the database a request reads from (see the module docstring) and pins a browser's
    reads to the primary for a few seconds after it wrote. Does nothing without replicas."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.replicas = replica_aliases()
        self.pin_seconds = settings.READ_YOUR_WRITES_SECONDS

    def __call__(self, request):
        if not self.replicas:
            return self.get_response(request)
        use_replica = (request.method in SAFE_METHODS and not is_admin_path(request.path)
                       and not _pinned_to_primary(request))
        token = _read_alias.set(random.choice(self.replicas) if use_replica else PRIMARY)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(PIN_COOKIE, "1", salt=PIN_SALT, max_age=self.pin_seconds,
                                       httponly=True, samesite="Lax", secure=request.is_secure())
        return response
