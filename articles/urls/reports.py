"""URLs of the readers' problem reports."""

from django.urls import path

from articles.views.reports import report_problem

urlpatterns: list = [
    path("articles/<int:pk>/report/", report_problem, name="report_problem"),
]
