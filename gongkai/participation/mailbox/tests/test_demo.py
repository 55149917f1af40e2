"""The mailbox's demonstration data on the demo organizations."""

from random import Random

import pytest

from gongkai.core.testing import aware
from gongkai.core.timeutil import local_date
from gongkai.demo import generator
from gongkai.participation.mailbox import demo, selectors
from gongkai.participation.mailbox.choices import Status
from gongkai.participation.mailbox.models import FaqEntry, Message, MessageTransfer

pytestmark = pytest.mark.django_db
NOW = aware(2026, 6, 15, 18, 0)


@pytest.fixture
def loaded(db):
    rng = Random(3)
    units = generator.organizations_create(rng)
    generator.staff_create(rng, units)
    return demo.generate(now=NOW, seed=5, messages=70)


def test_every_state_and_the_warnings(loaded):
    assert loaded["messages"] == Message.objects.count() >= 70
    statuses = set(Message.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert MessageTransfer.objects.exists() and loaded["transfers"] > 0
    assert Message.objects.filter(may_publish=True).count() == loaded["published"] > 5
    assert Message.objects.exclude(rating="").count() == loaded["rated"] > 5
    counts = selectors.counts_for(Message.objects.all(), local_date(NOW))
    assert counts.approaching >= 2 and counts.exceeded >= 2
    assert Message.objects.filter(submitted_at__gt=NOW).count() == 0
    assert FaqEntry.objects.filter(is_published=True).count() >= 3


def test_public_versions_hold_no_writer_data(loaded):
    for message in Message.objects.filter(may_publish=True):
        public = message.public_subject + message.public_question + message.public_reply
        assert message.writer_name not in public and message.phone not in public
