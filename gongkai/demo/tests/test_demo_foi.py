"""The demo's year of applications for government information (gongkai.demo.foi)."""

import re
from io import StringIO
from pathlib import Path
from random import Random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

import pytest

from gongkai.core.testing import aware
from gongkai.core.timeutil import local_date
from gongkai.demo import generator, vocab
from gongkai.demo.foi import SECOND_OFFICE_SUFFIX, generate_applications
from gongkai.foi.choices import (
    LAPSE_OUTCOMES,
    ApplicantKind,
    Channel,
    Outcome,
    RemedyKind,
    RemedyResult,
    Status,
)
from gongkai.foi.clock import EventKind
from gongkai.foi.models import Application, ClockEntry, Letter, Remedy
from gongkai.foi.services import clock_for
from gongkai.foi.similarity import similar_groups
from gongkai.foi.validators import validate_credit_code, validate_id_document
from gongkai.orgs.models import Membership, Role

pytestmark = pytest.mark.django_db
NOW = aware(2026, 6, 15, 18, 0)  # a Monday evening
TODAY = local_date(NOW)
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Organizations and staff of the demo, and its applications; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        rng = Random(5)
        generator.settings_update()
        units = generator.organizations_create(rng)
        generator.staff_create(rng, units)
        counts = generate_applications(rng, units, now=NOW, count=120)
        yield counts
        transaction.set_rollback(True)


def showcase():
    return Application.objects.filter(organization__slug=vocab.SHOWCASE_SLUG)


def test_every_outcome_of_table_three_appears_with_its_reasons(demo):
    outcomes = set(Application.objects.values_list("outcome", flat=True)) - {""}
    assert outcomes == set(Outcome.values)
    decided = Application.objects.exclude(outcome="").exclude(outcome__in=LAPSE_OUTCOMES)
    for application in decided.exclude(outcome=Outcome.DISCLOSE):
        assert application.reasons.strip(), application.outcome
    for application in decided.filter(outcome=Outcome.DISCLOSE):
        assert application.processing_summary.strip() or application.linked_items.exists()


def test_every_status_appears_and_the_showcase_office_has_work_in_each(demo):
    assert set(demo) == set(Status.values)
    assert set(showcase().values_list("status", flat=True)) == set(Status.values)
    office = get_user_model().objects.get(username=f"{vocab.SHOWCASE_SLUG}-office")
    # Something waits for czj-office's approval: decided by the second office member.
    waiting = showcase().filter(status=Status.PENDING_APPROVAL)
    assert waiting.exclude(decided_by=office).exists()
    assert waiting.filter(decided_by=office).exists()


def test_each_organization_used_has_two_office_members(demo):
    for org_id in Application.objects.values_list("organization", flat=True).distinct():
        members = Membership.objects.filter(organization=org_id, role=Role.OPENNESS_OFFICE)
        assert members.count() >= 2
    second = get_user_model().objects.get(username=f"{vocab.SHOWCASE_SLUG}-{SECOND_OFFICE_SUFFIX}")
    assert second.is_staff and second.check_password(vocab.DEMO_PASSWORD)
    for application in Application.objects.exclude(approved_by=None):
        assert application.approved_by_id != application.decided_by_id


def test_clocks_today_due_soon_overdue_paused_and_late(demo):
    states = [
        clock_for(application, today=TODAY)
        for application in showcase().filter(status=Status.PROCESSING)
    ]
    assert any(s.paused for s in states)
    assert any(s.overdue for s in states)
    assert any(not s.paused and 0 < s.working_days_left <= 5 for s in states)
    assert any(s.extended for s in states)
    assert Application.objects.filter(replied_late=True).exists()
    kinds = set(ClockEntry.objects.values_list("kind", flat=True))
    assert kinds == {kind.value for kind in EventKind}


def test_channels_kinds_and_letters(demo):
    assert set(Application.objects.values_list("channel", flat=True)) == set(Channel.values)
    kinds = set(Application.objects.values_list("applicant_kind", flat=True))
    assert kinds == set(ApplicantKind.values)
    natural = Application.objects.filter(applicant_kind=ApplicantKind.NATURAL).count()
    assert natural > Application.objects.count() / 2
    replied = Application.objects.filter(
        status__in=(Status.REPLIED, Status.DELIVERED, Status.ARCHIVED)
    )
    assert not replied.filter(letters=None).exists()
    assert Letter.objects.filter(kind="supplement").exists()
    for application in Application.objects.filter(status=Status.SUBMITTED):
        assert application.received_on is None


def test_remedies_of_every_kind_with_every_result(demo):
    found = set(Remedy.objects.values_list("kind", "result"))
    assert found == {(kind.value, result.value) for kind in RemedyKind for result in RemedyResult}
    for remedy in Remedy.objects.exclude(result=RemedyResult.PENDING):
        assert remedy.filed_on <= remedy.concluded_on <= TODAY


def test_applicants_are_fake_but_valid(demo):
    for application in Application.objects.all():
        if application.applicant_kind == ApplicantKind.NATURAL:
            validate_id_document(application.id_type, application.id_number, today=TODAY)
        else:
            validate_credit_code(application.credit_code)
        assert re.fullmatch(r"13\d{9}", application.phone)


def test_statistics_of_the_demo_year_pass_the_consistency_check(demo):
    statistics = pytest.importorskip("gongkai.foi.statistics")
    for year in (TODAY.year - 1, TODAY.year):
        three = statistics.table_three(year=year, today=TODAY)
        assert three.consistent, [(c.left, c.right) for c in three.checks]
    three = statistics.table_three(year=TODAY.year, today=TODAY)
    for outcome in Outcome:
        concluded = Application.objects.filter(
            outcome=outcome, concluded_on__year=TODAY.year, concluded_on__lte=TODAY
        )
        assert three.outcome(outcome).total == concluded.count()


def test_several_applicants_asking_for_the_same_information_make_a_proposal(demo):
    from gongkai.orgs.models import Organization

    org = Organization.objects.get(slug=vocab.SHOWCASE_SLUG)
    groups = similar_groups(organization=org, today=TODAY)
    assert any("惠企纾困" in "".join(g.terms) and g.applicant_count >= 3 for g in groups)


def test_demo_logins_lists_the_second_office_member(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert f"{vocab.SHOWCASE_SLUG}-{SECOND_OFFICE_SUFFIX}" in out.getvalue()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_request_texts_do_not_repeat_the_seed_documents(demo):
    n = 24
    shingles = set()
    for seed in SEEDS.glob("*.txt"):
        chars = "".join(HAN.findall(seed.read_text(encoding="utf-8", errors="ignore")))
        shingles.update(chars[i : i + n] for i in range(len(chars) - n + 1))
    fields = ("title_hint", "description", "reasons", "processing_summary")
    for row in Application.objects.values_list(*fields):
        chars = "".join(HAN.findall("".join(row)))
        copied = [
            chars[i : i + n] for i in range(len(chars) - n + 1) if chars[i : i + n] in shingles
        ]
        assert not copied, copied[0]
