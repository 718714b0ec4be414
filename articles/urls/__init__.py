"""The public site's URLs, one module per area of the site (each owned by its views module)."""

from . import browse, health, reading, reports, search

# reports first: /articles/<pk>/report/ would otherwise be taken for an article slug "report".
urlpatterns = [
    *health.urlpatterns,
    *reports.urlpatterns,
    *reading.urlpatterns,
    *search.urlpatterns,
    *browse.urlpatterns,
]
