from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView as ImageServeView

from .citations import views as citations
from .discovery import feeds
from .discovery import views as discovery
from .discovery.sitemaps import sitemaps
from .search.views import search
from .security.password_resets import RateLimitedPasswordResetView

# No Django admin: editors work in Wagtail's admin only.
urlpatterns = [
    # Before Wagtail's own, which it replaces.
    path("admin/password_reset/", RateLimitedPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Signed image renditions, served through Django so they carry the security headers.
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ImageServeView.as_view(), name="wagtailimages_serve"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps()}, name="sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# "Cite this": a page's citation files are at its own address followed by cite.<format> (bib, ris or
# json), a public contract; before the apps' and Wagtail's own addresses, which they extend.
citation_patterns = [
    path("cite.<str:format>", citations.book_citation, name="book_citation"),
    path("data/cite.<str:format>", citations.dataset_citation, name="dataset_citation"),
    path(
        "agreements/<slug:slug>/cite.<str:format>",
        citations.record_citation,
        {"detail_url_name": "agreement_detail"},
        name="agreement_citation",
    ),
    path(
        "partners/<slug:slug>/cite.<str:format>",
        citations.record_citation,
        {"detail_url_name": "partner_detail"},
        name="partner_citation",
    ),
    path(
        "initiatives/<slug:slug>/cite.<str:format>",
        citations.record_citation,
        {"detail_url_name": "initiative_detail"},
        name="initiative_citation",
    ),
    path(
        "diplomacy/<slug:slug>/cite.<str:format>",
        citations.record_citation,
        {"detail_url_name": "area_detail"},
        name="area_citation",
    ),
    path("<slug:chapter>/cite.<str:format>", citations.chapter_citation, name="chapter_citation"),
]

# Public pages live under a language prefix; LocaleMiddleware redirects "/" to the visitor's language.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("changes/", discovery.changes, name="changes"),
    path("changes/feed/", feeds.ChangesFeed(), name="changes_feed"),
    path("agreements/feed/", feeds.AgreementsFeed(), name="agreement_feed"),
    path("initiatives/feed/", feeds.InitiativesFeed(), name="initiative_feed"),
    path("", include("portal.data.urls")),
    *citation_patterns,
    path("", include("agreements.urls")),
    path("", include("diplomacy.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
