"""The public site. Views only read, through selectors, and never show staff or drafts."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render

from gongkai.catalog.selectors import catalog_tree
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Item
from gongkai.publishing.selectors import public_item, published_items

from . import selectors

PER_PAGE = 20
HOME_ITEMS = 10
HOME_INTERPRETATIONS = 5


def _page(request, queryset, per_page: int = PER_PAGE):
    """The requested page; a missing, malformed or too large number gives a valid page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number, on_each_side=2)
    return page


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "items": published_items()[:HOME_ITEMS],
            "interpretations": selectors.published_interpretations()[:HOME_INTERPRETATIONS],
            "directory": selectors.organization_directory(),
        },
    )


def organizations(request):
    return render(
        request,
        "portal/organizations.html",
        {
            "directory": selectors.organization_directory(),
        },
    )


def organization(request, slug):
    org = selectors.public_organization(slug)
    return render(
        request,
        "portal/organization.html",
        {
            "org": org,
            "children": selectors.organization_children(org),
            "tree": catalog_tree(org),
            "page_obj": _page(request, selectors.organization_items(org)),
        },
    )


def catalog_node(request, slug, node_id):
    org = selectors.public_organization(slug)
    tree = catalog_tree(org)
    path = selectors.find_in_tree(tree, node_id)
    if path is None:
        raise Http404
    current = path[-1]
    return render(
        request,
        "portal/catalog_node.html",
        {
            "org": org,
            "tree": tree,
            "ancestors": [tree_node.node for tree_node in path[:-1]],
            "node": current.node,
            "current": current,
            "page_obj": _page(request, selectors.node_items(current.node.pk)),
        },
    )


def item(request, pk):
    try:
        obj = public_item(pk)
    except Item.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "portal/item.html",
        {
            "item": obj,
            "withdrawn": obj.status == Status.WITHDRAWN,
            "notices": selectors.item_notices(obj),
            "related": selectors.related_items(obj),
            "attachments": list(obj.attachments.all()),
        },
    )


def attachment(request, pk):
    obj = selectors.public_attachment(pk)
    is_image = obj.extension in obj.IMAGE_EXTENSIONS
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=not is_image, filename=_download_name(obj))


def _download_name(obj) -> str:
    """The attachment's title as a file name, with the stored file's extension."""
    ext = obj.extension
    name = "".join(c for c in obj.title.strip() if c not in '\\/:*?"<>|\r\n') or "attachment"
    if ext and not name.lower().endswith(f".{ext}"):
        name = f"{name}.{ext}"
    return name


def interpretations(request):
    return render(
        request,
        "portal/interpretations.html",
        {
            "page_obj": _page(request, selectors.published_interpretations()),
        },
    )


def interpretation(request, pk):
    obj = selectors.public_interpretation(pk)
    # The stored link is not validated on every path in; never render another scheme.
    media_url = obj.media_url if obj.media_url.startswith(("https://", "http://")) else ""
    return render(
        request,
        "portal/interpretation.html",
        {
            "interpretation": obj,
            "media_url": media_url,
        },
    )
