"""The public site's URLs, one module per area of the site (each owned by its views module)."""

from . import browse, reading, reports, search

urlpatterns = [
    *reading.urlpatterns,
    *search.urlpatterns,
    *browse.urlpatterns,
    *reports.urlpatterns,
]
