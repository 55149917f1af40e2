"""The citizen's pages of 依申请公开: apply online, see the tracking code, follow progress.

Status codes: invalid applications re-render the form with 400; too many requests, 429; a
progress query with a wrong tracking code or a wrong phone number re-renders the query form
with 400 and the same message either way (never 404, which would look like "no such code").
"""

from datetime import date

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.core.timeutil import local_date
from gongkai.foi import services
from gongkai.foi.choices import ApplicantKind, LetterKind, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.models import Application
from gongkai.foi.testing import CREDIT_CODE, PHONE, RESIDENT_ID, person_data, received_application
from gongkai.foi.views_public import mask_name
from gongkai.orgs.models import Level, Role

pytestmark = pytest.mark.django_db

APPLY = reverse("foi:apply")
DONE = reverse("foi:apply_done")
TRACK = reverse("foi:track")
RESULT = reverse("foi:track_result")
BAD_ID = RESIDENT_ID[:-1] + "1"  # right format and birth date, wrong check character
WRONG = "查询码或联系电话不正确"


@pytest.fixture
def org():
    return OrganizationFactory(name="测试市财政局", short_name="市财政局", slug="czj")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


def person_form(org, **overrides) -> dict:
    data = {
        "organization": org.slug,
        "applicant_kind": ApplicantKind.NATURAL,
        "person_name": "张三",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": PHONE,
        "email": "zhangsan@example.com",
        "address": "测试市人民路100号",
        "postcode": "310000",
        "title_hint": "2025年度部门预算",
        "document_number_hint": "",
        "description": "申请公开本机关2025年度部门预算及“三公”经费预算情况。",
        "provision_form": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def company_form(org, **overrides) -> dict:
    data = person_form(
        org,
        applicant_kind=ApplicantKind.COMMERCIAL,
        person_name="",
        id_number="",
        org_name="测试市某某科技有限公司",
        credit_code=CREDIT_CODE.lower(),
        legal_representative="李四",
        contact_name="王五",
        phone="0571-87001234",
        email="",
        delivery="post",
    )
    data.update(overrides)
    return data


def submit(client, data, capture):
    with capture(execute=True):
        return client.post(APPLY, data)


class TestPages:
    def test_guide_lists_channels_time_limits_and_each_office(self, client, org):
        OrganizationFactory(name="测试市某某街道办事处", level=Level.TOWN, slug="jd")
        OrganizationFactory(name="已撤销的局", is_active=False)
        response = client.get(reverse("foi:home"))
        html = response.content.decode()
        assert response.status_code == 200
        for text in (
            "网上申请",
            "当面提交",
            "信函",
            "传真",
            "20个工作日",
            "补正",
            org.office_name,
            org.address,
            org.fax,
            org.email,
            "测试市某某街道办事处",
        ):
            assert text in html, text
        assert "已撤销的局" not in html
        assert reverse("catalog:guide", args=[org.slug]) in html
        assert f'href="{APPLY}"' in html and f'href="{TRACK}"' in html
        assert f"{APPLY}?org=czj" in html

    def test_apply_form_groups_organizations_and_preselects_one(self, client, org):
        OrganizationFactory(name="测试市人民政府", level=Level.GOVERNMENT, slug="gov")
        html = client.get(APPLY, {"org": "czj"}).content.decode()
        assert '<optgroup label="人民政府">' in html and '<optgroup label="政府部门">' in html
        assert '<option value="czj" selected>' in html
        for label in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
            assert label in html
        assert "foi-apply.js" in html and 'name="website"' in html
        assert "只用于办理本次政府信息公开申请" in html

    def test_unknown_org_is_ignored(self, client, org):
        response = client.get(APPLY, {"org": "nope<script>"})
        assert (
            response.status_code == 200 and 'value="czj" selected' not in response.content.decode()
        )

    def test_track_page(self, client):
        assert client.get(TRACK).status_code == 200

    def test_done_without_a_submission_goes_to_the_query(self, client):
        response = client.get(DONE)
        assert response.status_code == 302 and response["Location"] == TRACK

    def test_result_without_a_query_goes_to_the_query(self, client):
        response = client.get(RESULT)
        assert response.status_code == 302 and response["Location"].startswith(TRACK)

    def test_main_navigation_links_the_section(self, client, org):
        html = client.get(reverse("foi:home")).content.decode()
        nav = html.split('class="main-nav')[1].split("</nav>")[0]
        assert f'href="{reverse("foi:home")}" aria-current="true">依申请公开' in nav


class TestApply:
    def test_person_applies_and_gets_the_code_by_page_and_mail(
        self, client, org, django_capture_on_commit_callbacks
    ):
        response = submit(client, person_form(org), django_capture_on_commit_callbacks)
        assert response.status_code == 302 and response["Location"] == DONE

        app = Application.objects.get()
        assert app.status == Status.SUBMITTED and app.organization == org
        assert app.applicant_kind == ApplicantKind.NATURAL and app.applicant_name == "张三"
        assert app.id_number == RESIDENT_ID and app.received_on is None
        assert app.tracking_code and app.tracking_code not in response["Location"]
        assert len(mail.outbox) == 1 and app.tracking_code in mail.outbox[0].body
        assert mail.outbox[0].to == ["zhangsan@example.com"]

        done = client.get(DONE)
        html = done.content.decode()
        assert done.status_code == 200
        assert f'id="tracking-code" translate="no">{app.tracking_code}</code>' in html
        assert "测试市财政局" in html and "第三十一条" in html and "电子邮箱" in html
        assert "no-store" in done["Cache-Control"]
        assert RESIDENT_ID not in html and PHONE not in html

    def test_company_applies_with_a_lowercase_credit_code(
        self, client, org, django_capture_on_commit_callbacks
    ):
        response = submit(client, company_form(org), django_capture_on_commit_callbacks)
        assert response.status_code == 302
        app = Application.objects.get()
        assert app.applicant_kind == ApplicantKind.COMMERCIAL
        assert app.applicant_name == "测试市某某科技有限公司"
        assert app.credit_code == CREDIT_CODE and app.id_number == ""
        assert app.legal_representative == "李四" and app.contact_name == "王五"
        assert app.status == Status.SUBMITTED and app.tracking_code
        assert mail.outbox == []  # no e-mail address given
        assert "查询码也已发送" not in client.get(DONE).content.decode()

    def test_company_with_email_gets_one_mail(
        self, client, org, django_capture_on_commit_callbacks
    ):
        data = company_form(org, email="office@example.com", delivery="email")
        assert submit(client, data, django_capture_on_commit_callbacks).status_code == 302
        code = Application.objects.get().tracking_code
        assert len(mail.outbox) == 1 and code in mail.outbox[0].body

    def test_invalid_id_number_is_refused_on_its_field_and_keeps_the_entries(
        self, client, org, django_capture_on_commit_callbacks
    ):
        data = person_form(org, id_number=BAD_ID, description="我要2025年预算")
        response = submit(client, data, django_capture_on_commit_callbacks)
        html = response.content.decode()
        assert response.status_code == 400
        assert not Application.objects.exists() and mail.outbox == []
        assert '<span class="field-message" id="id_id_number_error">身份证号码校验位不正确' in html
        assert 'aria-invalid="true"' in html and "id_id_number_error" in html
        assert 'href="#id_id_number"' in html  # the error summary links to the field
        for kept in (
            f'value="{BAD_ID}"',
            'value="张三"',
            "我要2025年预算",
            f'value="{PHONE}"',
            'value="czj" selected',
        ):
            assert kept in html, kept
        assert "no-store" in response["Cache-Control"]

    def test_missing_description_is_refused_with_a_message(self, client, org):
        response = client.post(APPLY, person_form(org, description="  "))
        html = response.content.decode()
        assert response.status_code == 400
        assert "请描述所需政府信息" in html and 'href="#id_description"' in html
        assert 'value="张三"' in html and not Application.objects.exists()

    def test_company_needs_its_fields(self, client, org):
        data = company_form(org, credit_code="91350100M000100Y44", legal_representative="")
        html = client.post(APPLY, data).content.decode()
        assert "统一社会信用代码校验位不正确" in html
        assert "请填写法定代表人或者负责人" in html
        assert not Application.objects.exists()

    def test_person_fields_are_ignored_for_a_company(
        self, client, org, django_capture_on_commit_callbacks
    ):
        data = company_form(org, person_name="张三", id_number=BAD_ID)
        assert submit(client, data, django_capture_on_commit_callbacks).status_code == 302
        app = Application.objects.get()
        assert app.applicant_name == "测试市某某科技有限公司" and app.id_number == ""

    def test_service_errors_land_on_the_form(self, client, org):
        org.is_active = False
        org.save()
        response = client.post(APPLY, person_form(org))
        assert response.status_code == 400
        assert "请从列表中选择受理机关" in response.content.decode()

    def test_bad_choices_and_formats_are_400_not_500(self, client, org):
        data = person_form(
            org,
            applicant_kind="alien",
            provision_form="x",
            postcode="31",
            email="not-an-address",
            phone="12345",
        )
        response = client.post(APPLY, data)
        html = response.content.decode()
        assert response.status_code == 400
        for text in (
            "请选择申请人类型",
            "邮政编码应为6位数字",
            "请填写正确的电子邮箱地址",
            "请填写正确的手机号码",
        ):
            assert text in html, text

    def test_honeypot_creates_nothing(self, client, org):
        response = client.post(APPLY, person_form(org, website="http://spam.example"))
        assert response.status_code == 400
        assert "提交未成功" in response.content.decode()
        assert not Application.objects.exists() and mail.outbox == []

    def test_too_many_submissions_from_one_address_get_429(
        self, client, org, settings, django_capture_on_commit_callbacks
    ):
        settings.GONGKAI_FOI_RATES = {"apply_submit": "2/h"}
        for _ in range(2):
            assert (
                submit(client, person_form(org), django_capture_on_commit_callbacks).status_code
                == 302
            )
        response = client.post(APPLY, person_form(org, description="第三次申请"))
        html = response.content.decode()
        assert response.status_code == 429
        assert "提交过于频繁" in html and "第三次申请" in html  # the entries are kept
        assert Application.objects.count() == 2
        # Another address is not affected.
        other = client.post(APPLY, person_form(org), REMOTE_ADDR="10.0.0.2")
        assert other.status_code == 302

    def test_too_many_attempts_get_429(self, client, org, settings):
        settings.GONGKAI_FOI_RATES = {"apply_attempt": "3/h"}
        for _ in range(3):
            assert client.post(APPLY, person_form(org, description="")).status_code == 400
        response = client.post(APPLY, person_form(org))
        assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
        assert not Application.objects.exists()


def _tracked_application(org, office):
    app = received_application(org, office, received_on=date(2026, 11, 2))
    services.clock_entry_add(
        application=app,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=date(2026, 11, 3),
        until=date(2026, 11, 20),
        actor=office,
        now=aware(2026, 11, 3, 10),
    )
    return app


class TestTrack:
    def test_wrong_phone_and_wrong_code_answer_alike(self, client, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        wrong_phone = client.post(TRACK, {"code": app.tracking_code, "phone": "13900139000"})
        wrong_code = client.post(TRACK, {"code": "AAAA-BBBB-CCCC", "phone": PHONE})
        assert wrong_phone.status_code == wrong_code.status_code == 400
        for response in (wrong_phone, wrong_code):
            html = response.content.decode()
            assert WRONG in html
            for secret in (
                "张三",
                RESIDENT_ID,
                app.number,
                "待确认接收",
                "办理中",
                "13900139000",
                "zhangsan@example.com",
                "测试市人民路100号",
            ):
                assert secret not in html, secret
            assert "no-store" in response["Cache-Control"]
        assert client.get(RESULT).status_code == 302  # nothing was opened

    def test_empty_query_is_400_with_messages(self, client):
        response = client.post(TRACK, {"code": "", "phone": ""})
        html = response.content.decode()
        assert response.status_code == 400 and "请填写查询码" in html and "联系电话" in html

    def test_queries_are_rate_limited_per_address(self, client, org, office, settings):
        settings.GONGKAI_FOI_RATES = {"track_minute": "3/m"}
        app = received_application(org, office, received_on=date(2025, 9, 26))
        for _ in range(3):
            assert client.post(TRACK, {"code": "AAAA-BBBB-CCCC", "phone": PHONE}).status_code == 400
        # Even the right pair is refused now: guessing is what the limit stops.
        response = client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        assert response.status_code == 429 and "查询过于频繁" in response.content.decode()

    def test_hourly_limit(self, client, settings):
        settings.GONGKAI_FOI_RATES = {"track_hour": "2/h"}
        for _ in range(2):
            client.post(TRACK, {"code": "AAAA-BBBB-CCCC", "phone": PHONE})
        assert client.post(TRACK, {"code": "AAAA-BBBB-CCCC", "phone": PHONE}).status_code == 429

    def test_submitted_application_waits_for_confirmation(
        self, client, org, django_capture_on_commit_callbacks
    ):
        submit(client, person_form(org), django_capture_on_commit_callbacks)
        app = Application.objects.get()
        code = app.tracking_code.replace("-", "").lower()  # typed loosely
        response = client.post(TRACK, {"code": code, "phone": f" {PHONE} "})
        assert response.status_code == 302 and response["Location"] == RESULT
        html = client.get(RESULT).content.decode()
        assert "待确认接收" in html and "待机关确认" in html and "第三十一条" in html

    def test_result_shows_progress_but_no_personal_data(self, client, org, office):
        app = _tracked_application(org, office)
        response = client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        assert response.status_code == 302
        result = client.get(RESULT)
        html = result.content.decode()
        assert result.status_code == 200
        state = services.clock_for(app, today=local_date(timezone.now()))
        assert state.due_on
        due = f"{state.due_on.year}年{state.due_on.month}月{state.due_on.day}日"
        for text in (
            app.number,
            "测试市财政局",
            "办理中",
            "2026年11月2日",
            due,
            "张*",
            "暂停计时",
            state.pause_reason,
            state.explanation[0],
        ):
            assert text in html, text
        for secret in ("张三", RESIDENT_ID, PHONE, "zhangsan@example.com", "测试市人民路100号"):
            assert secret not in html, secret
        cache_control = result["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control
        letter = app.letters.get(kind=LetterKind.SUPPLEMENT)
        assert letter.title in html and letter.number in html
        assert reverse("foi:track_letter", args=[letter.pk, "docx"]) in html

    def test_letters_download_only_for_the_queried_application(self, client, org, office):
        app = _tracked_application(org, office)
        other = _tracked_application(org, office)  # same applicant data, different application
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        letter = app.letters.get()
        docx = client.get(reverse("foi:track_letter", args=[letter.pk, "docx"]))
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
        assert "attachment" in docx["Content-Disposition"] and "no-store" in docx["Cache-Control"]
        pdf = client.get(reverse("foi:track_letter", args=[letter.pk, "pdf"]))
        assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
        foreign = other.letters.get()
        assert client.get(reverse("foi:track_letter", args=[foreign.pk, "docx"])).status_code == 404
        assert client.get(reverse("foi:track_letter", args=[letter.pk, "exe"])).status_code == 404

    def test_letters_need_a_query_first(self, client, org, office):
        letter = _tracked_application(org, office).letters.get()
        assert client.get(reverse("foi:track_letter", args=[letter.pk, "pdf"])).status_code == 404

    def test_consultation_letters_are_not_the_applicants(self, client, org, office):
        app = received_application(org, office, received_on=date(2026, 11, 2))
        services.clock_entry_add(
            application=app,
            kind=EventKind.CONSULTATION_STARTED,
            on=date(2026, 11, 3),
            party="third_party",
            actor=office,
            now=aware(2026, 11, 3, 10),
        )
        letter = app.letters.get()
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        assert letter.number not in client.get(RESULT).content.decode()
        assert client.get(reverse("foi:track_letter", args=[letter.pk, "pdf"])).status_code == 404

    def test_the_query_expires_and_can_be_ended(self, client, org, office, time_machine):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        assert client.get(RESULT).status_code == 200
        client.post(reverse("foi:track_end"))
        assert client.get(RESULT).status_code == 302

        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        time_machine.move_to(timezone.now() + timezone.timedelta(minutes=31))
        response = client.get(RESULT)
        assert response.status_code == 302 and "expired=1" in response["Location"]
        assert "已超时" in client.get(response["Location"]).content.decode()

    def test_a_later_deadline_is_shown_with_why(self, client, org, office, time_machine):
        time_machine.move_to(aware(2025, 9, 26, 9), tick=False)
        app = received_application(org, office, received_on=date(2025, 9, 1))  # due 9/28
        for kind, on, extra in (
            (EventKind.REASONS_REQUESTED, date(2025, 9, 10), {}),
            (EventKind.DEFERRAL_SET, date(2025, 9, 25), {"until": date(2025, 10, 17)}),
        ):
            services.clock_entry_add(
                application=app,
                kind=kind,
                on=on,
                actor=office,
                now=aware(2025, 9, on.day, 10),
                **extra,
            )
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        html = client.get(RESULT).content.decode()
        assert '<span class="due">2025年10月17日</span>' in html
        assert "已依《条例》第三十五条确定延迟答复的合理期限至2025年10月17日" in html
        assert "答复期限由2025年9月28日改为2025年10月17日" in html
        assert "说明理由告知书" in html and "延迟答复告知书" in html

    def test_replied_application_shows_the_outcome(self, client, org, office):
        approver = staff(org, Role.OPENNESS_OFFICE)
        app = received_application(org, office, received_on=date(2026, 11, 2), data=person_data())
        now = aware(2026, 11, 10, 10)
        services.application_decide(
            application=app,
            outcome="partial",
            reasons="部分内容涉及第三方商业秘密。",
            actor=office,
            now=now,
        )
        services.application_approve(application=app, actor=approver, now=now)
        services.application_reply(application=app, actor=office, now=now)
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})
        html = client.get(RESULT).content.decode()
        assert "已答复" in html and "部分公开" in html and "政府信息公开申请答复书" in html


def test_mask_name():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧***"
    assert mask_name("") == ""


def test_page_cache_never_keeps_the_pages(client, org):
    """The portal's page cache keeps only responses of views marked @cache_public_page."""
    for url in (reverse("foi:home"), APPLY, TRACK):
        response = client.get(url)
        assert response.status_code == 200
        assert not getattr(response, "gongkai_public", False), url


class TestSupplement:
    URL = reverse("foi:track_supplement")

    def _open(self, client, app):
        client.post(TRACK, {"code": app.tracking_code, "phone": PHONE})

    def test_the_applicant_supplements_online(self, client, org, office, time_machine):
        time_machine.move_to(aware(2026, 11, 10, 9), tick=False)
        app = _tracked_application(org, office)
        self._open(client, app)
        page = client.get(RESULT).content.decode()
        assert "提交补正" in page
        empty = client.post(self.URL, {"text": "  "})
        assert empty.status_code == 400 and "请填写补正内容" in empty.content.decode()
        response = client.post(self.URL, {"text": "<script>alert(1)</script>需要2026年度预算"})
        assert response.status_code == 302
        entry = app.clock_entries.get(kind=EventKind.SUPPLEMENT_RECEIVED)
        assert entry.on == date(2026, 11, 10) and "<script>" not in entry.note
        page = client.get(response["Location"]).content.decode()
        assert "补正内容已提交" in page and "提交补正</button>" not in page
        again = client.post(self.URL, {"text": "再补充"})
        assert again.status_code == 409 and "不需要补正" in again.content.decode()

    def test_needs_a_query_first(self, client, org, office):
        _tracked_application(org, office)
        response = client.post(self.URL, {"text": "补充"})
        assert response.status_code == 302 and "expired" in response["Location"]
