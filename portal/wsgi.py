import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
# The web process: production settings then bound each request's database work (statement_timeout).
os.environ.setdefault("PORTAL_PROCESS", "web")

application = get_wsgi_application()
