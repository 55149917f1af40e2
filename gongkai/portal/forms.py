"""The GET filters of the portal's lists.

The form gives a ``selectors.ItemCriteria``, as the open API's ``/items`` does, so a filter
means the same on both. A value that does not fit is dropped and named in a notice; the list
is never refused for it.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.choices import InfoType, Validity

from .selectors import ItemCriteria, OrganizationDirectory, TopicBranch

EARLIEST = date(1949, 10, 1)
LATEST = date(2999, 12, 31)
ALL = "all"


def organization_choices(directory: OrganizationDirectory) -> list:
    """Organizations grouped as on the organization page: the city, then each district."""
    choices: list = [("", _("全部机构"))]
    city = [(org.pk, org.name) for org in directory.city]
    if city:
        choices.append((_("市政府及部门"), city))
    for group in directory.districts:
        members = [group.org, *group.departments, *group.towns]
        choices.append((group.org.name, [(org.pk, org.name) for org in members]))
    if directory.others:
        choices.append((_("其他机构"), [(org.pk, org.name) for org in directory.others]))
    return choices


def topic_choices(tree: list[TopicBranch]) -> list:
    choices: list = [("", _("全部主题"))]
    for root in tree:
        if root.children:
            label = _("%(name)s（全部）") % {"name": root.topic.name}
            options = [(root.topic.pk, label)]
            options += [(child.topic.pk, child.topic.name) for child in root.children]
            choices.append((root.topic.name, options))
        else:
            choices.append((root.topic.pk, root.topic.name))
    return choices


class DateInput(forms.DateInput):
    input_type = "date"


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={"invalid": _("请按“年-月-日”填写日期")},
    )


class ItemFilterForm(forms.Form):
    """Build with ``data=request.GET``; read ``criteria()`` (valid fields only) and
    ``ignored`` (labels of the fields that were dropped)."""

    def __init__(
        self,
        data,
        *,
        directory: OrganizationDirectory,
        topics: list[TopicBranch],
        types=InfoType.choices,
        validity_default: str = "",
        fixed: tuple[str, ...] = (),
    ):
        super().__init__(data)
        self.validity_default = validity_default
        invalid = _("没有这个选项")
        fields = {
            "org": forms.TypedChoiceField(
                label=_("发布机构"),
                help_text=_("含该机构参与联合发文的信息，不含下属机构发布的信息"),
                choices=organization_choices(directory),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": invalid},
            ),
            "type": forms.ChoiceField(
                label=_("信息类别"),
                choices=[("", _("全部类别")), *types],
                required=False,
                error_messages={"invalid_choice": invalid},
            ),
            "topic": forms.TypedChoiceField(
                label=_("主题分类"),
                choices=topic_choices(topics),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": invalid},
            ),
            "from": _date_field(_("发布日期（起）")),
            "to": _date_field(_("发布日期（止）")),
            "validity": forms.ChoiceField(
                label=_("有效性"),
                choices=self._validity_choices(validity_default),
                required=False,
                error_messages={"invalid_choice": invalid},
            ),
        }
        for name, form_field in fields.items():
            if name not in fixed:
                self.fields[name] = form_field
        if validity_default and "validity" in self.fields:
            self.fields["validity"].initial = validity_default

    @staticmethod
    def _validity_choices(default: str) -> list:
        if default:  # the policy library: current by default, "all" to see every one
            return [(Validity.CURRENT, Validity.CURRENT.label), (ALL, _("全部"))] + [
                (value, label) for value, label in Validity.choices if value != Validity.CURRENT
            ]
        return [("", _("全部")), *Validity.choices]

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("日期超出范围"))
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("结束日期早于开始日期"))
        return cleaned

    @property
    def ignored(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (beyond the page's own default)."""
        data = self.cleaned_data
        return (
            any(data.get(name) for name in ("org", "type", "topic", "from", "to"))
            or (data.get("validity") or self.validity_default) != self.validity_default
        )

    def criteria(self, **fixed) -> ItemCriteria:
        """What to list: the valid submitted values over ``fixed`` (the page's own, e.g. the
        policy types of the policy library)."""
        data = self.cleaned_data
        values = {}
        if data.get("org"):
            values["organizations"] = (data["org"],)
        if data.get("type"):
            values["info_types"] = (data["type"],)
        if data.get("topic"):
            values["topics"] = (data["topic"],)
        if data.get("from"):
            values["published_from"] = data["from"]
        if data.get("to"):
            values["published_to"] = data["to"]
        validity = data.get("validity") or self.validity_default
        if validity and validity != ALL:
            values["validities"] = (validity,)
        return ItemCriteria(**{**fixed, **values})
