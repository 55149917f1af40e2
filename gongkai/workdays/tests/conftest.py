import pytest

from gongkai.workdays.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Each test starts and ends with no calendar in memory.

    Tests run in transactions that are rolled back, so a calendar cached during one test may
    hold data that no longer exists. The cache also re-checks its revision token whenever it
    was filled inside a transaction; clearing here keeps tests independent even so.
    """
    clear_cache()
    yield
    clear_cache()
