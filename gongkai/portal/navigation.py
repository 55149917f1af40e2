"""The site's sections, defined once for the home page's service grid and the site map.

A section links to its page only when its URL exists. A module not built yet shows as plain
text marked 建设中: never a link to an empty column (an inspection failure) or to a 404. When
the module's app adds its URL name, the link appears by itself.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: Promise
    description: Promise
    url_name: str
    icon: str  # a CSS class; the icons are drawn in site.css


@dataclass(frozen=True)
class Entry:
    label: str
    description: str
    url: str | None
    icon: str


# SPEC.md's public modules, in the order a citizen looks for them.
MODULES = (
    Section(_("政府信息公开"), _("公开指南、公开制度、法定主动公开内容"), "portal:xxgk", "i-open"),
    Section(_("政策文件"), _("规章、行政规范性文件，按有效性查询"), "portal:policies", "i-doc"),
    Section(_("政策解读"), _("文字、图解、问答等形式的解读"), "portal:interpretations", "i-read"),
    Section(_("依申请公开"), _("在线申请政府信息公开，查询办理进度"), "foi:home", "i-apply"),
    Section(_("互动交流"), _("意见征集、领导信箱、咨询问答"), "participation:home", "i-talk"),
    Section(_("回应关切"), _("政务舆情回应、新闻发布会"), "response:home", "i-voice"),
    Section(_("办事服务"), _("权责清单、办事指南、执法公示"), "lists:home", "i-serve"),
    Section(_("数据开放"), _("政府数据资源目录与下载"), "opendata:home", "i-data"),
    Section(_("政府公报"), _("历年政府公报全文"), "gazette:home", "i-gazette"),
    Section(_("公开年报"), _("政府信息公开工作年度报告"), "assessment:reports", "i-report"),
)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def module_entries() -> list[Entry]:
    return [Entry(str(s.label), str(s.description), _url(s.url_name), s.icon) for s in MODULES]
