"""When content changes, every cache forgets: the content version changes (dropping cached pages,
fragments and in-process structures at once) and the CDN, if there is one, is asked to drop every
page of the site.

Which models count as content is not listed here: any model marked ``PublicContent`` (every record
type, the authors and publishers), Wagtail's pages, sites and locales, and redirects. A page can show
any record (a chapter lists records, a partner's page lists agreements, an agreement lists its
related ones, the partners index shades its map by every partner's agreements and partnerships, the
areas index counts their initiatives), so a purge of everything is the one purge that is never
incomplete, and a page added later needs nothing added here: see docs/deployment.md for what each
CDN does with it."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.frontend_cache.backends import cloudflare
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

import requests

from portal.foundations.records import is_public_content

from .version import clear_content_caches

logger = logging.getLogger(__name__)

STRUCTURE_MODELS = (Page, Site, Locale, Redirect)


def is_content(model):
    return is_public_content(model) or issubclass(model, STRUCTURE_MODELS)


def _saved_or_deleted(sender, **kwargs):
    # Drafts too: an extra cache miss costs less than a stale page.
    if is_content(sender):
        clear_content_caches()


def _published_or_unpublished(sender, **kwargs):
    clear_content_caches()
    transaction.on_commit(purge_cdn)


def _changed_without_drafts(sender, **kwargs):
    """Saving or deleting a public row that has no draft state (authors, publishers) or deleting any
    content row changes what visitors see at once."""
    if is_content(sender) and (kwargs.get("signal") is post_delete or not issubclass(sender, DraftStateMixin)):
        transaction.on_commit(purge_cdn)


def site_wildcard():
    """The address that stands for every page of the site in a purge."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/*"


def purge_cdn():
    """Ask the CDN (WAGTAILFRONTENDCACHE) to drop every page of the site; never fails publishing."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_url_from_cache(site_wildcard())
    except Exception:  # a CDN outage must never break publishing
        logger.exception("Could not purge the frontend cache")


class CloudflareBackend(cloudflare.CloudflareBackend):
    """Wagtail's Cloudflare backend, reading the site's wildcard address as Cloudflare's "purge
    everything" (its purge by URL does not expand wildcards)."""

    def purge_batch(self, urls):
        if site_wildcard() in urls:
            self.purge_everything()
        else:
            super().purge_batch(urls)

    def purge(self, url):
        self.purge_batch([url])

    def purge_everything(self):
        if self.cloudflare_token:
            headers = {"Authorization": f"Bearer {self.cloudflare_token}"}
        else:
            headers = {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}
        response = requests.post(
            self.cloudflare_purge_endpoint_url, json={"purge_everything": True}, headers=headers, timeout=30
        )
        if response.status_code != 200 or not response.json().get("success"):
            logger.error("Cloudflare refused to purge everything: %s %s", response.status_code, response.text[:500])


def connect():
    """Called from PortalConfig.ready()."""
    for signal in (page_published, page_unpublished, published, unpublished, post_page_move):
        signal.connect(_published_or_unpublished, dispatch_uid="portal-content-published")
    for signal in (post_save, post_delete):
        signal.connect(_saved_or_deleted, dispatch_uid="portal-content-saved")
        signal.connect(_changed_without_drafts, dispatch_uid="portal-content-changed")
