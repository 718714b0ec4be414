"""URLs of the health checks (no trailing slash: what probes conventionally ask for)."""

from django.urls import path

from articles.views.health import healthz, readyz

urlpatterns: list = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
