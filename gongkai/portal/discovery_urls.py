"""Feeds, sitemaps and robots.txt, mounted at the site root."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.utils.feedgenerator import Atom1Feed
from django.views.generic import TemplateView

from . import feeds
from .sitemaps import SITEMAPS

app_name = "discovery"

urlpatterns = [
    path("feeds/latest/rss.xml", feeds.LatestFeed(), name="latest_rss"),
    path("feeds/latest/atom.xml", feeds.LatestFeed(Atom1Feed), name="latest_atom"),
    path("feeds/org/<slug:slug>/rss.xml", feeds.OrganizationFeed(), name="org_rss"),
    path("feeds/org/<slug:slug>/atom.xml", feeds.OrganizationFeed(Atom1Feed), name="org_atom"),
    path("feeds/catalog/<int:node_id>/rss.xml", feeds.CatalogNodeFeed(), name="catalog_rss"),
    path(
        "feeds/catalog/<int:node_id>/atom.xml",
        feeds.CatalogNodeFeed(Atom1Feed),
        name="catalog_atom",
    ),
    path("feeds/type/<slug:info_type>/rss.xml", feeds.InfoTypeFeed(), name="type_rss"),
    path("feeds/type/<slug:info_type>/atom.xml", feeds.InfoTypeFeed(Atom1Feed), name="type_atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "discovery:sitemap_section",
            "template_name": "discovery/sitemap_index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "discovery/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="discovery/robots.txt", content_type="text/plain; charset=utf-8"
        ),
        name="robots",
    ),
]
