"""The open API at /api/v1/: Ninja's endpoints, the docs' assets, and a JSON 404 for the rest."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from gongkai.participation.api import router as participation_router
from gongkai.participation.mailbox.api import router as mailbox_router
from gongkai.response.api import router as response_router

from .api import api, docs_asset, not_found

api.add_router("/", participation_router)
api.add_router("/", mailbox_router)
api.add_router("/", response_router)

urlpatterns = [
    path("", api.urls),
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    re_path(r"", csrf_exempt(not_found)),
]
