"""URLs of the reading pages."""

urlpatterns: list = []
