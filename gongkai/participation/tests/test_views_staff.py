from datetime import date, timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.core.timeutil import local_date
from gongkai.participation import services
from gongkai.participation.choices import Adoption, CommentStatus, DecisionStatus
from gongkai.participation.models import Comment, Consultation, Decision
from gongkai.participation.testing import DRAFT, article, at, comment, make_consultation
from gongkai.workdays import calendar as calendar_module


def today():
    return local_date(timezone.now())


@pytest.fixture
def signed_in(client, office):
    client.force_login(office)
    return client


def create_data(org, **overrides):
    data = {
        "organization": org.pk,
        "decision": "",
        "title": "临江市公共自行车管理办法（征求意见稿）",
        "draft_text": DRAFT,
        "basis": "",
        "explanation": "",
        "opens_on": today().isoformat(),
        "closes_on": (today() + timedelta(days=29)).isoformat(),
        "short_period_reason": "",
        "channels": ["online", "post"],
        "channel_post": "临江市人民路1号 310000",
    }
    data.update(overrides)
    return data


def test_workbench_needs_the_office_role(client, outsider, org, office):
    consultation = make_consultation(
        org, office, opens_on=today(), closes_on=today() + timedelta(days=30), now=timezone.now()
    )
    client.force_login(outsider)
    assert client.get(reverse("participation_staff:list")).status_code == 200  # own office
    assert (
        client.get(reverse("participation_staff:detail", args=[consultation.pk])).status_code == 404
    )
    from gongkai.core.testing import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("participation_staff:list"))
    assert response.status_code == 403 and "政务公开工作机构" in response.content.decode()


def test_create_with_a_short_period_saves_and_warns(signed_in, org):
    response = signed_in.post(reverse("participation_staff:create"), create_data(org), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "已保存草稿" in html
    assert "少于7个工作日" not in html  # 30 calendar days is more than 7 working days
    consultation = Consultation.objects.get()
    assert consultation.articles.filter(number__isnull=False).count() == 5
    assert {c.kind: c.details for c in consultation.channels.all()}[
        "post"
    ] == "临江市人民路1号 310000"

    decision = services.decision_create(
        organization=org,
        year=today().year,
        title="制定管理办法",
        actor=consultation.created_by,
        now=timezone.now(),
    )
    response = signed_in.post(
        reverse("participation_staff:edit", args=[consultation.pk]),
        create_data(org, decision=decision.pk, closes_on=(today() + timedelta(days=9)).isoformat()),
        follow=True,
    )
    html = response.content.decode()
    assert "征求意见期为10日，少于重大行政决策草案征求意见期一般不少于30日的要求" in html
    consultation.refresh_from_db()
    assert consultation.decision == decision


def test_create_bad_input_is_400_with_messages(signed_in, org):
    response = signed_in.post(
        reverse("participation_staff:create"),
        create_data(
            org, title="", channels=[], closes_on=(today() - timedelta(days=1)).isoformat()
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请至少选择一种意见征集渠道。" in html and "请按提示修改后再保存" in html
    assert not Consultation.objects.exists()


def test_publish_moderate_close_and_report_through_the_workbench(signed_in, org, office):
    signed_in.post(reverse("participation_staff:create"), create_data(org))
    consultation = Consultation.objects.get()
    response = signed_in.post(
        reverse("participation_staff:action", args=[consultation.pk, "publish"])
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    stored = comment(consultation, now=timezone.now(), article=article(consultation, 3))
    spam = comment(consultation, now=timezone.now(), body="代开发票")

    queue = signed_in.get(reverse("participation_staff:moderation")).content.decode()
    assert queue.index("代开发票") < queue.index("建议增加站点数量")  # flagged first
    assert "包含垃圾信息词语：代开发票" in queue
    response = signed_in.post(
        reverse("participation_staff:comment_action", args=[spam.pk, "reject"])
    )
    assert response.status_code == 400 and "请填写不予公开的理由。" in response.content.decode()
    signed_in.post(
        reverse("participation_staff:comment_action", args=[spam.pk, "reject"]), {"reason": "广告"}
    )
    signed_in.post(reverse("participation_staff:comment_action", args=[stored.pk, "approve"]))
    assert set(Comment.objects.values_list("status", flat=True)) == {
        CommentStatus.PUBLISHED,
        CommentStatus.REJECTED,
    }

    # Marking before closing is refused with 409.
    url = reverse("participation_staff:comment_mark", args=[consultation.pk, stored.pk])
    prefix = f"c{stored.pk}"
    response = signed_in.post(url, {f"{prefix}-adoption": Adoption.ADOPTED})
    assert response.status_code == 409
    response = signed_in.post(
        reverse("participation_staff:action", args=[consultation.pk, "close"])
    )
    assert response.status_code == 400 and "提前结束意见征集须填写理由" in response.content.decode()
    signed_in.post(
        reverse("participation_staff:action", args=[consultation.pk, "close"]),
        {"close-reason": "草案需要与新出台的上位法衔接"},
    )
    response = signed_in.post(url, {f"{prefix}-adoption": Adoption.NOT_ADOPTED})
    assert response.status_code == 400 and "须说明理由" in response.content.decode()
    signed_in.post(url, {f"{prefix}-adoption": Adoption.ADOPTED})
    signed_in.post(
        reverse("participation_staff:channel_counts", args=[consultation.pk]), {"post": "3"}
    )
    page = signed_in.get(reverse("participation_staff:feedback", args=[consultation.pk]))
    assert "共收到意见 5 条" in page.content.decode()
    response = signed_in.post(
        reverse("participation_staff:report_publish", args=[consultation.pk]),
        {"summary": "说明"},
        follow=True,
    )
    assert "意见采纳情况反馈已发布" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.report.data["total"] == 5


def overdue_consultation(org, office):
    """A consultation closed 50 days ago whose feedback report is overdue."""
    return make_consultation(
        org,
        office,
        opens_on=today() - timedelta(days=80),
        closes_on=today() - timedelta(days=50),
        now=timezone.now() - timedelta(days=80),
        title="逾期的征集",
    )


def test_list_flags_overdue_reports(signed_in, org, office):
    overdue_consultation(org, office)
    make_consultation(
        org,
        office,
        opens_on=today() - timedelta(days=10),
        closes_on=today() - timedelta(days=1),
        now=timezone.now() - timedelta(days=10),
        title="刚结束的征集",
    )
    html = signed_in.get(reverse("participation_staff:list"), {"tab": "overdue"}).content.decode()
    assert "逾期的征集" in html and "刚结束的征集" not in html and "badge-overdue" in html


def test_list_query_count_does_not_grow_with_rows(
    signed_in, org, office, monkeypatch, django_assert_max_num_queries
):
    # Requests are not atomic: the calendar stays cached between uses, as here.
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))

    def make(n):
        for i in range(n):
            make_consultation(
                org,
                office,
                opens_on=date(2026, 3, 2),
                closes_on=date(2026, 3, 31 - i % 3),
                title=f"草案{i}",
            )

    make(3)
    signed_in.get(reverse("participation_staff:list"))  # warm session, settings and calendar
    with django_assert_max_num_queries(14) as few:
        assert signed_in.get(reverse("participation_staff:list")).status_code == 200
    make(12)
    with django_assert_max_num_queries(len(few)):
        assert signed_in.get(reverse("participation_staff:list")).status_code == 200


def test_decision_pages(signed_in, org, office):
    response = signed_in.post(
        reverse("participation_staff:decision_create"),
        {
            "organization": org.pk,
            "year": "2026",
            "title": "制定公共自行车管理办法",
            "basis": "",
            "planned_time": "2026年6月",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    url = reverse("participation_staff:decision_action", args=[decision.pk, "edit"])
    response = signed_in.post(
        url, {"year": "2026", "title": decision.title, "planned_time": "2026年9月"}
    )
    assert response.status_code == 400 and "请填写调整理由" in response.content.decode()
    signed_in.post(
        url,
        {
            "year": "2026",
            "title": decision.title,
            "planned_time": "2026年9月",
            "reason": "调研需要更多时间",
        },
    )
    signed_in.post(reverse("participation_staff:decision_action", args=[decision.pk, "advance"]))
    decision.refresh_from_db()
    assert decision.planned_time == "2026年9月" and decision.status == DecisionStatus.CONSULTING
    html = signed_in.get(
        reverse("participation_staff:decision", args=[decision.pk])
    ).content.decode()
    assert "调研需要更多时间" in html and "进展更新为“审议”" in html


def test_feedback_page_renders_for_a_closed_consultation(signed_in, org, office):
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    stored = comment(consultation, now=at(date(2026, 3, 10)))
    services.comment_approve(comment=stored, actor=office, now=at(date(2026, 3, 10)))
    html = signed_in.get(
        reverse("participation_staff:feedback", args=[consultation.pk])
    ).content.decode()
    assert "逐条标注" in html and stored.receipt_number in html and "新建同类意见" in html


def test_workbench_navigation_links_the_office_only(client, office, outsider):
    from gongkai.core.testing import OrganizationFactory, staff
    from gongkai.orgs.models import Role

    link = f'<a href="{reverse("participation_staff:list")}">意见征集</a>'
    client.force_login(office)
    assert link in client.get(reverse("workbench:home")).content.decode()
    client.force_login(staff(OrganizationFactory(), Role.DRAFTER))
    assert link not in client.get(reverse("workbench:home")).content.decode()


def test_workbench_home_shows_what_waits_for_the_office(signed_in, org, office):
    overdue_consultation(org, office)
    html = signed_in.get(reverse("workbench:home")).content.decode()
    assert "公众参与" in html and "待审核意见" in html
    assert f'href="{reverse("participation_staff:list")}?tab=overdue"' in html
    assert "1 项" in html


def test_workbench_home_leaves_participation_out_without_the_role(client, org):
    from gongkai.core.testing import staff
    from gongkai.orgs.models import Role

    client.force_login(staff(org, Role.DRAFTER))
    assert "待审核意见" not in client.get(reverse("workbench:home")).content.decode()
