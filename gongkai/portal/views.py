"""The public site. Views only read, through selectors, and never show staff or drafts.

Pages that are the same for every anonymous visitor are marked ``@cache_public_page``; see
``cache.py`` for how they are kept and purged.
"""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from gongkai.catalog.selectors import catalog_tree
from gongkai.publishing.choices import POLICY_TYPES, InfoType, Status
from gongkai.publishing.models import Item
from gongkai.publishing.selectors import public_item, published_items

from . import metadata, navigation, selectors
from .cache import ELDERLY_COOKIE, ELDERLY_MAX_AGE, cache_public_page
from .forms import ItemFilterForm

PER_PAGE = 20
HOME_ITEMS = 8
HOME_LATEST = 7
HOME_INTERPRETATIONS = 6
XXGK_LATEST = 10
POLICY_CHOICES = [(value, label) for value, label in InfoType.choices if value in POLICY_TYPES]


def _page(request, queryset, per_page: int = PER_PAGE):
    """The requested page; a missing, malformed or too large number gives a valid page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number, on_each_side=2)
    return page


def _main_government(directory):
    """The government whose 公开指南 the home page links to: the first one listed."""
    return directory.governments[0] if directory.governments else None


# ---------------------------------------------------------------- home and hubs


@require_safe
@cache_public_page
def home(request):
    directory = selectors.organization_directory()
    return render(
        request,
        "portal/home.html",
        {
            "latest": selectors.latest_items(limit=HOME_LATEST),
            "policies": selectors.latest_items(InfoType.RULE, InfoType.NORMATIVE, limit=HOME_ITEMS),
            "notices": selectors.latest_items(InfoType.NOTICE, limit=HOME_ITEMS),
            "news": selectors.latest_items(InfoType.NEWS, limit=HOME_ITEMS),
            "interpretations": selectors.published_interpretations()[:HOME_INTERPRETATIONS],
            "directory": directory,
            "government": _main_government(directory),
            "modules": navigation.module_entries(),
        },
    )


@require_safe
@cache_public_page
def xxgk(request):
    """政府信息公开: the column every government site has, and the ways into it."""
    directory = selectors.organization_directory()
    return render(
        request,
        "portal/xxgk.html",
        {
            "directory": directory,
            "government": _main_government(directory),
            "items": published_items()[:XXGK_LATEST],
        },
    )


@require_safe
@cache_public_page
def organizations(request):
    return render(
        request,
        "portal/organizations.html",
        {
            "directory": selectors.organization_directory(),
        },
    )


@require_safe
@cache_public_page
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


@require_safe
@cache_public_page
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


# ---------------------------------------------------------------- lists with filters


def _filtered_list(
    request, template, *, fixed=(), form_options=None, base=None, topics=None, **context
):
    """A paginated, filterable list. ``fixed`` names the filters the page itself decides
    (left out of the form); ``base`` holds their values."""
    topics = topics if topics is not None else selectors.topic_tree()
    form = ItemFilterForm(
        request.GET,
        directory=selectors.organization_directory(),
        topics=topics,
        fixed=fixed,
        **(form_options or {}),
    )
    form.is_valid()  # invalid fields are dropped and named in a notice
    criteria = form.criteria(**(base or {}))
    return render(
        request,
        template,
        {
            "form": form,
            "page_obj": _page(request, selectors.filter_items(criteria)),
            "topics": topics,
            **context,
        },
    )


@require_safe
@cache_public_page
def item_list(request):
    return _filtered_list(request, "portal/item_list.html")


@require_safe
@cache_public_page
def topics(request):
    return render(request, "portal/topics.html", {"topics": selectors.topic_tree(with_counts=True)})


@require_safe
@cache_public_page
def topic_items(request, topic_id):
    topics = selectors.topic_tree()
    parent, branch = selectors.find_topic(topics, topic_id)
    return _filtered_list(
        request,
        "portal/topic_items.html",
        fixed=("topic",),
        base={"topics": (branch.topic.pk,)},
        topics=topics,
        branch=branch,
        parent=parent,
    )


@require_safe
@cache_public_page
def types(request):
    counts = selectors.info_type_counts()
    return render(
        request,
        "portal/types.html",
        {"types": [(value, label, counts.get(value, 0)) for value, label in InfoType.choices]},
    )


@require_safe
@cache_public_page
def type_items(request, info_type):
    if info_type not in InfoType.values:
        raise Http404
    return _filtered_list(
        request,
        "portal/type_items.html",
        fixed=("type",),
        base={"info_types": (info_type,)},
        info_type=info_type,
        type_label=InfoType(info_type).label,
    )


@require_safe
@cache_public_page
def policies(request):
    """政策文件库: 规章, 行政规范性文件 and other policy documents; current ones by default."""
    return _filtered_list(
        request,
        "portal/policies.html",
        form_options={"types": POLICY_CHOICES, "validity_default": "current"},
        base={"info_types": tuple(POLICY_TYPES)},
        policy_types=POLICY_CHOICES,
    )


# ---------------------------------------------------------------- item pages


@require_safe
@cache_public_page
def item(request, pk):
    try:
        obj = public_item(pk)
    except Item.DoesNotExist as exc:
        raise Http404 from exc
    obj.organization = selectors.organization_with_ancestors(obj.organization_id)
    related = selectors.related_items(obj)
    url = request.build_absolute_uri(reverse("portal:item", args=[obj.pk]))
    withdrawn = obj.status == Status.WITHDRAWN
    return render(
        request,
        "portal/item.html",
        {
            "item": obj,
            "withdrawn": withdrawn,
            "notices": selectors.item_notices(obj),
            "related": related,
            "similar": selectors.similar_items(obj, exclude={rel.item.pk for rel in related}),
            "attachments": list(obj.attachments.all()),
            "node": selectors.breadcrumb_node(obj),
            "canonical_url": url,
            "description": metadata.description(obj),
            "json_ld": None if withdrawn else metadata.item_json_ld(obj, url=url),
            "print_view": request.GET.get("print") == "1",
        },
    )


@require_safe
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


@require_safe
@cache_public_page
def interpretations(request):
    return render(
        request,
        "portal/interpretations.html",
        {
            "page_obj": _page(request, selectors.published_interpretations()),
        },
    )


@require_safe
@cache_public_page
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


# ---------------------------------------------------------------- site map, accessibility


@require_safe
@cache_public_page
def site_map(request):
    directory = selectors.organization_directory()
    return render(
        request,
        "portal/site_map.html",
        {
            "modules": navigation.module_entries(),
            "directory": directory,
            "government": _main_government(directory),
        },
    )


@require_safe
@cache_public_page
def accessibility(request):
    return render(request, "portal/accessibility.html")


@require_safe
def elderly_mode(request):
    """Turn the elderly-friendly mode on (``elderly=1``) or off, and go back to ``next``.

    A plain link does it, so it works without JavaScript; the choice is a cookie that every
    page (and the page cache) reads."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = HttpResponseRedirect(target)
    if request.GET.get("elderly") == "1":
        response.set_cookie(
            ELDERLY_COOKIE,
            "1",
            max_age=ELDERLY_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(ELDERLY_COOKIE, samesite="Lax")
    add_never_cache_headers(response)
    return response
