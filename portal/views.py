from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*?*", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
