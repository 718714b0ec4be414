"""The language of a response: the readers' site is Chinese; the editors' admin follows the browser.

The public pages are written in Chinese in their templates; only a few words come from translatable
labels (region levels, roles, revision actions…). Django's ``LocaleMiddleware`` on every path let a
browser asking for English get pages half in English (“City” beside 市辖区), and it added
``Vary: Accept-Language`` to every public page, so a shared cache kept one copy per language header
for pages that do not differ. The admin has a full English translation (``locale/en``) for editors
who prefer it; there, and only there, the browser's ``Accept-Language`` chooses.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .areas import is_admin_path


class AdminLocaleMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` inside the admin; ``LANGUAGE_CODE`` (Chinese) everywhere else."""

    def process_request(self, request):
        if is_admin_path(request.path):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if is_admin_path(request.path):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
