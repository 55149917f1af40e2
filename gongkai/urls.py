from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("政务公开平台管理后台")
admin.site.site_title = _("政务公开平台")
admin.site.index_title = _("数据管理")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("workbench/foi/reports/", include("gongkai.foi.urls_reports")),
    path("workbench/foi/proposals/", include("gongkai.foi.urls_proposals")),
    path("workbench/foi/", include("gongkai.foi.urls_staff")),
    path("workbench/participation/", include("gongkai.participation.staff_urls")),
    path("workbench/mailbox/", include("gongkai.participation.mailbox.staff_urls")),
    path("workbench/response/", include("gongkai.response.staff_urls")),
    path("workbench/", include("gongkai.workbench.urls")),
    path("ysqgk/", include("gongkai.foi.urls_public")),
    path("hdjl/xx/", include("gongkai.participation.mailbox.urls")),
    path("hdjl/faq/", include("gongkai.participation.mailbox.faq_urls")),
    path("hdjl/", include("gongkai.participation.urls")),
    path("hygq/", include("gongkai.response.urls")),
    path("captcha/", include("captcha.urls")),
    path("api/v1/", include("gongkai.portal.api_urls")),
    path("", include("gongkai.portal.discovery_urls")),
    path("search/", include("gongkai.search.urls")),
    path("", include("gongkai.catalog.urls")),
    path("", include("gongkai.portal.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
