"""The public search page /search/."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from gongkai.orgs.models import Level, Organization

from . import MAX_PAGE, search
from .forms import SearchForm


class ResultPaginator(Paginator):
    """Pages over the engine's total (a range stands in for the hits: it costs nothing), at
    most MAX_PAGE of them; the count stays the full total."""

    def __init__(self, total: int, per_page: int):
        super().__init__(range(min(total, MAX_PAGE * per_page)), per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total

    @cached_property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))


def _page_number(raw: str | None) -> tuple[int, str]:
    """The requested page and, when it was not a usable number, a message."""
    if raw in (None, ""):
        return 1, ""
    try:
        number = int(raw)
    except ValueError:
        return 1, _("页码“%(page)s”无效，已显示第 1 页。") % {"page": raw[:20]}
    if number < 1:
        return 1, _("页码无效，已显示第 1 页。")
    if number > MAX_PAGE:
        return MAX_PAGE, _("最多显示前 %(max)d 页结果，请增加检索词或筛选条件缩小范围。") % {
            "max": MAX_PAGE
        }
    return number, ""


def _guide_org(form) -> Organization | None:
    """Whose 公开指南 to suggest: the chosen organization's, or the government's."""
    org_id = form.cleaned_data.get("org") if form.is_bound and form.is_valid() else None
    if org_id:
        return Organization.objects.filter(pk=org_id).first()
    return (
        Organization.objects.filter(level=Level.GOVERNMENT, is_active=True)
        .order_by("sort_order", "id")
        .first()
    )


def search_page(request):
    form = SearchForm(request.GET if request.GET else None)
    context = {"form": form, "notices": []}
    status = 200
    if not form.is_bound:
        return render(request, "search/results.html", context)
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    if not form.cleaned_data["q"].strip():
        if form.has_changed() and set(request.GET) - {"sort", "page"}:
            context["notices"].append(_("请输入检索词。"))
        return render(request, "search/results.html", context)
    page, message = _page_number(request.GET.get("page"))
    if message:
        context["notices"].append(message)
    query = form.to_query(page=page)
    results = search(query)
    if results.total and page > results.num_pages:
        context["notices"].append(_("没有第 %(page)d 页，已显示最后一页。") % {"page": page})
        query = form.to_query(page=results.num_pages)
        results = search(query)
    paginator = ResultPaginator(results.total, query.per_page)
    page_obj = paginator.get_page(results.page)
    page_obj.elided_range = paginator.get_elided_page_range(page_obj.number, on_each_side=2)
    context.update(
        {
            "query": query,
            "results": results,
            "page_obj": page_obj,
            "guide_org": None if results.total else _guide_org(form),
        }
    )
    return render(request, "search/results.html", context, status=status)
