"""URLs of the browse pages."""

urlpatterns: list = []
