"""Results of calendar arithmetic that remember whether they rest on a known calendar.

They behave as a plain ``date`` and ``int`` so that callers can store and compare them, and
carry ``provisional`` / ``missing_years`` so that a deadline computed across a year whose
holidays are not yet entered is never mistaken for a final one. Kept free of Django imports
so that ``gongkai.workdays`` can expose them without loading models.
"""

from collections.abc import Iterable
from datetime import date


def _normalize(years: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(years)))


class WorkDate(date):
    """A date computed from the calendar. ``provisional`` when some year in the way is unknown.

    Arithmetic returns plain dates: a shifted date is no longer the computed result, so it
    must not carry the result's provenance.
    """

    missing_years: tuple[int, ...]

    def __new__(cls, year: int, month: int, day: int, *, missing_years: Iterable[int] = ()):
        self = super().__new__(cls, year, month, day)
        self.missing_years = _normalize(missing_years)
        return self

    @classmethod
    def of(cls, value: date, *, missing_years: Iterable[int] = ()) -> "WorkDate":
        return cls(value.year, value.month, value.day, missing_years=missing_years)

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)

    def as_date(self) -> date:
        return date(self.year, self.month, self.day)

    def __add__(self, other):
        return self.as_date() + other

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, WorkDate):
            other = other.as_date()
        return self.as_date() - other

    def replace(self, *args, **kwargs) -> date:
        return self.as_date().replace(*args, **kwargs)

    def __reduce__(self):
        return (_work_date, (self.as_date(), self.missing_years))

    def __repr__(self) -> str:
        return (
            f"WorkDate({self.year}, {self.month}, {self.day}, missing_years={self.missing_years!r})"
        )


def _work_date(value: date, missing_years: tuple[int, ...]) -> WorkDate:
    """Unpickling helper: ``date`` pickles itself as raw bytes our constructor cannot take."""
    return WorkDate.of(value, missing_years=missing_years)


class WorkDayCount(int):
    """A number of working days. ``provisional`` when some year in the range is unknown."""

    missing_years: tuple[int, ...]

    def __new__(cls, value: int, *, missing_years: Iterable[int] = ()):
        self = super().__new__(cls, value)
        self.missing_years = _normalize(missing_years)
        return self

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)

    def __repr__(self) -> str:
        return f"WorkDayCount({int(self)}, missing_years={self.missing_years!r})"
