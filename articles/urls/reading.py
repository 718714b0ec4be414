"""URLs of the reading pages. Months and days are written with two digits (/issues/2024/03/01/);
one-digit forms are accepted too."""

from django.urls import path, register_converter

from articles.views import reading


class TwoDigitConverter:
    regex = "[0-9]{1,2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

DAY = "issues/<int:year>/<dd:month>/<dd:day>/"

urlpatterns = [
    path("", reading.home, name="home"),
    path("issues/", reading.issue_archive, name="issue_archive"),
    path("issues/<int:year>/", reading.issue_year, name="issue_year"),
    path("issues/<int:year>/<dd:month>/", reading.issue_month, name="issue_month"),
    path(DAY, reading.issue_detail, name="issue_detail"),
    path(DAY + "pages/<int:number>/", reading.page_detail, name="page_detail"),
    path("articles/<int:pk>/", reading.article_detail_short, name="article_detail_short"),
    path("articles/<int:pk>/cite.<str:extension>", reading.article_cite, name="article_cite"),
    path("articles/<int:pk>/<str:slug>/", reading.article_detail, name="article_detail"),
]
