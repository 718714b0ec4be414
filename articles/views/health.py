"""``/healthz`` (liveness) and ``/readyz`` (readiness) as JSON, never cached: see articles/health.py.

``/readyz`` answers 503 when the database or the search index does not, so a load balancer stops
sending readers to this instance; both are exempt from the HTTPS redirect (probes speak plain HTTP).
"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.health import liveness, readiness


@never_cache
@require_safe
def healthz(request):
    return JsonResponse(liveness())


@never_cache
@require_safe
def readyz(request):
    report = readiness()
    return JsonResponse(report, status=200 if report["ready"] else 503, json_dumps_params={"ensure_ascii": False})
