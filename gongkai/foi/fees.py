"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

An application is charged by one method only — 按件 (its place among the applicant's
applications in the calendar month) or 按量 (pages provided) — and both are 超额累进:
each band's price applies only to the part that falls in that band (Art. 3–5).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

FREE_APPLICATIONS_PER_MONTH = 10
APPLICATION_FIRST_BAND_END = 30
APPLICATION_BAND_SIZE = 10
APPLICATION_BAND_STEP = Decimal("100.00")

# (first page, last page or None for no upper bound, price per page)
PAGE_BANDS = (
    (1, 30, Decimal("0.00")),
    (31, 100, Decimal("10.00")),
    (101, 200, Decimal("20.00")),
    (201, None, Decimal("40.00")),
)


class FeeMethod(models.TextChoices):
    BY_APPLICATION = "per_application", _("按件计收")
    BY_PAGE = "per_page", _("按量计收")


class FeeLine(NamedTuple):
    label: str
    quantity: int
    unit_price: Decimal
    subtotal: Decimal


@dataclass(frozen=True)
class FeeQuote:
    method: FeeMethod
    amount: Decimal
    breakdown: tuple[FeeLine, ...]
    basis: str

    @property
    def is_free(self) -> bool:
        return self.amount == 0


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def application_band(nth_in_month: int) -> tuple[int, int | None, Decimal]:
    """The band (first, last, price per application) of the n-th application in a month."""
    if nth_in_month <= FREE_APPLICATIONS_PER_MONTH:
        return 1, FREE_APPLICATIONS_PER_MONTH, ZERO
    if nth_in_month <= APPLICATION_FIRST_BAND_END:
        return FREE_APPLICATIONS_PER_MONTH + 1, APPLICATION_FIRST_BAND_END, APPLICATION_BAND_STEP
    # Above 30: every further band of 10 raises the price by another 100 元/件.
    index = (nth_in_month - APPLICATION_FIRST_BAND_END - 1) // APPLICATION_BAND_SIZE + 1
    first = APPLICATION_FIRST_BAND_END + (index - 1) * APPLICATION_BAND_SIZE + 1
    return first, first + APPLICATION_BAND_SIZE - 1, APPLICATION_BAND_STEP * (index + 1)


def _per_application(nth: int) -> FeeQuote:
    first, last, price = application_band(nth)
    label = gettext("本自然月第%(nth)d件（第%(first)d—%(last)d件档）") % {
        "nth": nth,
        "first": first,
        "last": last,
    }
    return FeeQuote(
        method=FeeMethod.BY_APPLICATION,
        amount=price.quantize(CENT),
        breakdown=(FeeLine(label, 1, price, price),),
        basis=gettext(
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第四条按件计收："
            "同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
            "11—30件（含30件）的部分，100元/件；30件以上的部分，以10件为一档，"
            "每增加一档，收费标准提高100元/件。"
        ),
    )


def _per_page(pages: int) -> FeeQuote:
    lines = []
    for first, last, price in PAGE_BANDS:
        quantity = min(pages, last or pages) - first + 1
        if quantity <= 0:
            break
        if last is None:
            label = gettext("第%(first)d页及以后") % {"first": first}
        else:
            label = gettext("第%(first)d—%(last)d页") % {"first": first, "last": last}
        lines.append(FeeLine(label, quantity, price, (price * quantity).quantize(CENT)))
    return FeeQuote(
        method=FeeMethod.BY_PAGE,
        amount=sum((line.subtotal for line in lines), ZERO).quantize(CENT),
        breakdown=tuple(lines),
        basis=gettext(
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条按量计收，"
            "超额累进：30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；"
            "101—200页（含200页）的部分，20元/页；200页以上的部分，40元/页。"
        ),
    )


def fee_for(method, *, nth_in_month: int | None = None, pages: int | None = None) -> FeeQuote:
    """The 信息处理费 of one application by one method.

    ``nth_in_month`` (按件) is the application's place, from 1, among the applicant's
    applications in the calendar month; ``pages`` (按量) is the number of pages provided.
    Passing the quantity of the other method is an error: one application, one method.
    """
    try:
        method = FeeMethod(method)
    except ValueError:
        raise ValueError(
            f"收费方式无效：{method!r}；应为按件计收（{FeeMethod.BY_APPLICATION.value}）"
            f"或按量计收（{FeeMethod.BY_PAGE.value}）。"
        ) from None
    if method == FeeMethod.BY_APPLICATION:
        if pages is not None:
            raise ValueError("按件计收不得同时按页数计费：同一申请只能采用一种计收方式。")
        if nth_in_month is None:
            raise ValueError("按件计收须提供 nth_in_month：该申请是申请人本自然月内的第几件。")
        if not _is_count(nth_in_month) or nth_in_month < 1:
            raise ValueError(f"nth_in_month 应为不小于1的整数，收到 {nth_in_month!r}。")
        return _per_application(nth_in_month)
    if nth_in_month is not None:
        raise ValueError("按量计收不得同时按件计费：同一申请只能采用一种计收方式。")
    if pages is None:
        raise ValueError("按量计收须提供 pages：提供政府信息的页数。")
    if not _is_count(pages) or pages < 0:
        raise ValueError(f"pages 应为不小于0的整数，收到 {pages!r}。")
    return _per_page(pages)
