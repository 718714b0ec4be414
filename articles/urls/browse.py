"""URLs of the browse pages."""

urlpatterns: list = []

# Places.
from django.urls import path  # noqa: E402

from articles.views import regions  # noqa: E402

urlpatterns += [
    path("regions/", regions.region_list, name="region_list"),
    path("regions/<slug:slug>/", regions.region_detail, name="region_detail"),
]

# Topics and people.
from articles.views import people, topics  # noqa: E402

urlpatterns += [
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", topics.topic_detail, name="topic_detail"),
    path("people/", people.person_list, name="person_list"),
    # str, not slug: an old spelling (/people/金钩胤/) redirects to the person's pinyin URL.
    path("people/<str:slug>/", people.person_detail, name="person_detail"),
]
