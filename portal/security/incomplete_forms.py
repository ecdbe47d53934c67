"""An admin form that arrives without the fields its editor always sends (a StreamField's block
count, a formset's management form) is answered with a clear 400 page, not a server error: nothing
is saved, and the editor is told to reload and try again."""

from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError

from portal.foundations.navigation import admin_prefix


class IncompleteAdminFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if (
            isinstance(exception, MultiValueDictKeyError)
            and request.method == "POST"
            and request.path_info.startswith(admin_prefix())
        ):
            return render(request, "wagtailadmin/portal_incomplete_form.html", status=400)
        return None
