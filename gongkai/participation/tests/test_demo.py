from collections import Counter

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.orgs.models import Role
from gongkai.participation.choices import (
    ApplicationStatus,
    CommentStatus,
    ConsultationState,
    MeetingStatus,
)
from gongkai.participation.demo import generate
from gongkai.participation.models import (
    AttendanceApplication,
    Comment,
    Consultation,
    Decision,
    FeedbackReport,
    Meeting,
)
from gongkai.participation.selectors import staff_row

NOW = aware(2026, 3, 16, 18, 0)


def test_demo_fills_every_state(db):
    org = OrganizationFactory(name="临江市城市管理局")
    staff(org, Role.OPENNESS_OFFICE)
    OrganizationFactory(name="没有公开工作机构人员的单位")  # skipped

    summary = generate(now=NOW, seed=7)

    assert summary.organizations == 1 and summary.reports == 1
    today = NOW.date()
    rows = [staff_row(c, today) for c in Consultation.objects.all()]
    states = Counter(row.state for row in rows)
    assert set(states) == set(ConsultationState.values)
    assert states[ConsultationState.OPEN] == 2
    assert sum(row.overdue for row in rows) == 1
    assert set(Comment.objects.values_list("status", flat=True)) == set(CommentStatus.values)
    report = FeedbackReport.objects.get()
    assert report.data["concentrated_not_adopted"][0]["summary"] == "建议对本办法的实施设置过渡期"
    assert Decision.objects.filter(removed_at__isnull=False).count() == 1
    assert Decision.objects.filter(status="evaluation").count() == 1
    assert summary.comments == Comment.objects.count()
    assert summary.lines()[0].startswith("公众参与：1 个单位")
    # Meetings in every status, applications answered either way and some waiting.
    assert set(Meeting.objects.values_list("status", flat=True)) == set(MeetingStatus.values)
    reported = Meeting.objects.get(status=MeetingStatus.REPORTED)
    assert reported.outcomes.filter(published_at__isnull=False).count() == 3
    assert set(AttendanceApplication.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert not AttendanceApplication.objects.filter(status=ApplicationStatus.PENDING).exclude(
        meeting__status=MeetingStatus.ANNOUNCED
    )
    assert summary.meetings == Meeting.objects.count() == 5
    assert summary.applications == AttendanceApplication.objects.count()
    assert summary.lines()[1].startswith("会议公开：会议 5 场")
