import re
from collections import Counter
from io import StringIO
from pathlib import Path
from random import Random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

import pytest

from gongkai.catalog.models import CatalogNode, NegativeListEntry, OpennessDocument
from gongkai.core.testing import aware
from gongkai.core.timeutil import local_date
from gongkai.demo import generator, vocab
from gongkai.demo.text import han_count
from gongkai.interpretation.models import Interpretation
from gongkai.interpretation.models import Status as InterpretationStatus
from gongkai.orgs.models import Level, Membership, Organization, Role
from gongkai.publishing import prechecks
from gongkai.publishing.choices import InfoType, Status
from gongkai.publishing.models import Item
from gongkai.publishing.register import register_verify
from gongkai.publishing.selectors import deadlines_for
from gongkai.publishing.services import findings_for, register_mismatches

pytestmark = pytest.mark.django_db
NOW = aware(2026, 6, 15, 18, 0)
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo with 120 items, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generator.load(items=120, seed=7, now=NOW)
        transaction.set_rollback(True)


def test_organization_tree(demo):
    city = Organization.objects.get(level=Level.GOVERNMENT)
    assert city.name == "临江市人民政府"
    assert city.children.filter(level=Level.DEPARTMENT).count() == len(vocab.DEPARTMENTS) == 25
    districts = Organization.objects.filter(level=Level.DISTRICT)
    assert districts.count() == 6
    for district in districts:
        assert district.children.filter(level=Level.DISTRICT_DEPARTMENT).count() == 5
        assert 3 <= district.children.filter(level=Level.TOWN).count() <= 5
    codes = list(Organization.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes) and all(len(code) == 18 for code in codes)


def test_every_organization_has_every_workflow_role(demo):
    held = set(Membership.objects.values_list("organization_id", "role"))
    for org_id in Organization.objects.values_list("id", flat=True):
        for role in generator.WORKFLOW_ROLES:
            assert (org_id, role) in held
    admin = get_user_model().objects.get(username=generator.ADMIN_USERNAME)
    assert admin.is_superuser and admin.memberships.filter(role=Role.PLATFORM_ADMIN).exists()
    assert admin.check_password(vocab.DEMO_PASSWORD)
    drafter = get_user_model().objects.get(username=f"{vocab.SHOWCASE_SLUG}-drafter")
    assert not drafter.is_staff and drafter.get_full_name() == drafter.first_name


def test_catalogs_guides_and_negative_lists(demo):
    assert not Organization.objects.filter(catalog_nodes=None).exists()
    guides = OpennessDocument.objects.filter(kind="guide").count()
    assert guides == Organization.objects.count()
    assert NegativeListEntry.objects.filter(legal_basis__contains="条例第十").exists()
    town = Organization.objects.filter(level=Level.TOWN).first()
    assert CatalogNode.objects.filter(organization=town, name="基层政务公开标准目录").exists()


def test_items_in_every_status_and_type(demo):
    statuses = set(Item.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert set(Item.objects.values_list("info_type", flat=True)) == set(InfoType.values)
    assert Item.objects.count() == 120
    assert demo.statuses[Status.PUBLISHED] > 60


def test_register_verifies_and_matches_published_content(demo):
    result = register_verify()
    assert result.ok and result.checked >= demo.statuses[Status.PUBLISHED]
    assert register_mismatches() == []


def test_document_numbers_are_unique_within_an_organization(demo):
    keys = Counter(
        Item.objects.exclude(document_number="").values_list("organization", "document_number")
    )
    assert keys and max(keys.values()) == 1


def test_published_bodies_are_full_documents(demo):
    for title, body in Item.objects.filter(status=Status.PUBLISHED).values_list("title", "body"):
        assert han_count(body) >= 500, title
        assert body.startswith("<p>")


def test_showcase_department_has_deadlines_and_prechecks(demo):
    office = get_user_model().objects.get(username=f"{vocab.SHOWCASE_SLUG}-office")
    overdue, due_soon = deadlines_for(office, today=local_date(NOW))
    assert overdue and due_soon
    reviewing = Item.objects.filter(
        organization__slug=vocab.SHOWCASE_SLUG, status=Status.CONFIDENTIALITY_REVIEW
    )
    kinds = {finding.kind for item in reviewing for finding in findings_for(item)}
    assert {"id_number", "mobile", "internal", "sensitive_word"} <= kinds


def test_interpretations_go_public_with_their_policies(demo):
    published = Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED)
    assert published.exists()
    for interpretation in published:
        assert all(p.status == Status.PUBLISHED for p in interpretation.policies.all())
    assert Item.objects.filter(needs_interpretation=True, status=Status.PUBLISHED).exists()


def test_corrections_withdrawals_and_abolitions(demo):
    assert demo.corrected >= 1 and demo.abolished >= 1
    assert Item.objects.filter(status=Status.WITHDRAWN).exists()
    abolished = Item.objects.get(validity="abolished", organization__slug=vocab.SHOWCASE_SLUG)
    assert abolished.relations_in.filter(kind="abolishes").exists()


def test_demo_logins_prints_accounts_and_password(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert vocab.DEMO_PASSWORD in text
    assert "admin" in text and f"{vocab.SHOWCASE_SLUG}-secrecy" in text
    assert "/workbench/" in text and "/admin/" in text


def test_demo_load_if_empty_leaves_a_loaded_database_alone(demo):
    out = StringIO()
    call_command("demo_load", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()
    assert Item.objects.count() == 120


def test_synthetic_id_numbers_pass_the_checksum():
    rng = Random(3)
    for _n in range(50):
        number = generator.id_number(rng)
        assert prechecks.id_number_is_valid(number) and number.startswith("3391")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_generated_text_does_not_repeat_the_seed_documents(demo):
    n = 24
    shingles = set()
    for seed in SEEDS.glob("*.txt"):
        chars = "".join(HAN.findall(seed.read_text(encoding="utf-8", errors="ignore")))
        shingles.update(chars[i : i + n] for i in range(len(chars) - n + 1))
    texts = [t + b for t, b in Item.objects.values_list("title", "body")]
    texts += [t + b for t, b in Interpretation.objects.values_list("title", "body")]
    texts += list(OpennessDocument.objects.filter(kind="rules").values_list("body", flat=True))
    texts += list(NegativeListEntry.objects.values_list("legal_basis", flat=True))
    for text in texts:
        chars = "".join(HAN.findall(text))
        copied = [
            chars[i : i + n] for i in range(len(chars) - n + 1) if chars[i : i + n] in shingles
        ]
        assert not copied, copied[0]


def test_participation_mailbox_and_response_have_demo_records(demo):
    from gongkai.participation.mailbox.models import Message
    from gongkai.participation.models import Comment, Consultation, Meeting
    from gongkai.response.models import OpinionEvent, PressConference

    for model in (Consultation, Comment, Meeting, Message, OpinionEvent, PressConference):
        assert model.objects.exists(), model.__name__
    assert any("信箱" in line for line in demo.lines())
