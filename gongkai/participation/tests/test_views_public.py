import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from gongkai.core.timeutil import local_date
from gongkai.participation import services
from gongkai.participation.choices import Adoption, CommentStatus
from gongkai.participation.models import Comment
from gongkai.participation.testing import article, make_consultation

PERSONAL = ("张小明", "13900004321", "xiaoming@example.com", "198.51.100.9")


def today():
    return local_date(timezone.now())


@pytest.fixture
def consultation(org, office):
    """Open now: the views use the real clock."""
    return make_consultation(
        org,
        office,
        opens_on=today() - timedelta(days=3),
        closes_on=today() + timedelta(days=27),
        now=timezone.now(),
    )


def form_data(**overrides):
    data = {
        "article": "",
        "body": "建议增加站点。",
        "signed": "anonymous",
        "name": "",
        "phone": "",
        "email": "",
        "captcha_0": "test",
        "captcha_1": "PASSED",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, consultation, address="198.51.100.9", **overrides):
    return client.post(
        reverse("participation:comment", args=[consultation.pk]),
        form_data(**overrides),
        REMOTE_ADDR=address,
    )


def page(client, consultation) -> str:
    response = client.get(reverse("participation:consultation", args=[consultation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_draft_page_with_articles_and_form(client, consultation):
    html = page(client, consultation)
    assert 'id="art-3"' in html and "第三条" in html
    assert "区人民政府负责本辖区内站点的建设和日常管理。" in html
    assert "起草说明" in html and "《临江市城市交通管理条例》" in html
    assert "jtj@example.gov.cn" in html  # the e-mail channel's details
    assert 'name="captcha_1"' in html and 'name="website"' in html
    # The article select offers 总体意见 and each numbered article (not the preamble).
    select = re.search(r'<select name="article".*?</select>', html, re.S).group(0)
    assert select.count("<option") == 6 and "总体意见" in select


def test_link_to_an_article_preselects_it(client, consultation):
    third = article(consultation, 3)
    html = client.get(
        reverse("participation:consultation", args=[consultation.pk]), {"article": third.pk}
    ).content.decode()
    assert re.search(rf'<option value="{third.pk}" selected>', html)


def test_comment_gets_a_receipt_and_waits_for_review(client, consultation, office):
    response = post(
        client,
        consultation,
        article=str(article(consultation, 3).pk),
        body="第三条建议写明考核办法。",
        name="张小明",
        phone="13900004321",
        email="xiaoming@example.com",
    )
    assert response.status_code == 302
    stored = Comment.objects.get()
    done = client.get(response["Location"])
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    assert stored.receipt_number in done.content.decode()
    assert stored.article.heading == "第三条" and stored.status == CommentStatus.PENDING

    assert "第三条建议写明考核办法。" not in page(client, consultation)
    services.comment_approve(comment=stored, actor=office, now=timezone.now())
    html = page(client, consultation)
    assert "第三条建议写明考核办法。" in html and "匿名网友" in html
    assert stored.receipt_number in html
    for value in PERSONAL:
        assert value not in html


def test_bad_input_is_answered_400_in_chinese_with_the_input_kept(client, consultation):
    response = post(client, consultation, body="   ", name="王" * 41, captcha_1="wrong")
    html = response.content.decode()
    assert response.status_code == 400
    assert "提交未成功" in html and "请填写意见内容。" in html
    assert "验证码不正确，请重新输入。" in html and "姓名不能超过40字。" in html
    response = post(client, consultation, body="我的意见", signed="signed", captcha_1="wrong")
    html = response.content.decode()
    assert response.status_code == 400 and "我的意见</textarea>" in html
    assert "选择公开署名时，请填写姓名。" in html
    assert not Comment.objects.exists()


def test_a_burst_of_50_comments_is_throttled(client, consultation):
    statuses = [post(client, consultation, body=f"第{n}条意见").status_code for n in range(50)]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert Comment.objects.count() == 5
    response = post(client, consultation, body="第51条意见")
    html = response.content.decode()
    assert response.status_code == 429
    assert "您提交意见过于频繁，请稍后再试" in html and "第51条意见</textarea>" in html
    # Another address is not affected.
    assert post(client, consultation, address="192.0.2.1").status_code == 302


def test_script_is_stored_sanitized_and_rendered_inert(client, consultation, office):
    response = post(
        client, consultation, body='<script>alert("x")</script>好建议<img src=x onerror=alert(1)>'
    )
    assert response.status_code == 302
    stored = Comment.objects.get()
    assert stored.body == "好建议"
    services.comment_approve(comment=stored, actor=office, now=timezone.now())
    html = page(client, consultation)
    assert "<script>alert" not in html and "onerror" not in html
    # Text that only looks like markup is printed escaped.
    post(client, consultation, body="当 a < b 且 b > c 时")
    latest = Comment.objects.latest("id")
    services.comment_approve(comment=latest, actor=office, now=timezone.now())
    assert "当 a &lt; b 且 b &gt; c 时" in page(client, consultation)


def test_honeypot_submissions_are_kept_flagged(client, consultation):
    response = post(client, consultation, website="http://spam.example")
    assert response.status_code == 302
    assert Comment.objects.get().spam_flags == ["隐藏字段被填写，疑似自动程序提交"]


def test_rejected_comments_are_not_public(client, consultation, office):
    post(client, consultation, body="与草案无关的广告")
    stored = Comment.objects.get()
    services.comment_reject(comment=stored, reason="广告", actor=office, now=timezone.now())
    assert "与草案无关的广告" not in page(client, consultation)
    client.force_login(office)
    staff_html = client.get(
        reverse("participation_staff:detail", args=[consultation.pk])
    ).content.decode()
    assert "与草案无关的广告" in staff_html and "理由：广告" in staff_html


def test_closed_consultation_takes_no_comments(client, org, office):
    closed = make_consultation(
        org,
        office,
        opens_on=today() - timedelta(days=40),
        closes_on=today() - timedelta(days=1),
        now=timezone.now() - timedelta(days=40),
    )
    html = page(client, closed)
    assert 'name="captcha_1"' not in html and "本次意见征集已结束" in html
    response = post(client, closed)
    assert response.status_code == 400 and "不再接受网上意见" in response.content.decode()
    assert not Comment.objects.exists()


def test_unpublished_consultations_are_not_found(client, org, office):
    draft = make_consultation(
        org,
        office,
        opens_on=today(),
        closes_on=today() + timedelta(days=30),
        publish=False,
        now=timezone.now(),
    )
    assert client.get(reverse("participation:consultation", args=[draft.pk])).status_code == 404
    assert post(client, draft).status_code == 404
    assert client.get(reverse("participation:report", args=[draft.pk])).status_code == 404


def _reported(org, office):
    """A consultation over 2026-03, with one concentrated opinion not adopted, reported."""
    consultation = make_consultation(
        org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31)
    )
    from gongkai.participation.testing import at, comment

    rows = []
    for n in range(3):
        stored = comment(
            consultation,
            now=at(date(2026, 3, 10)),
            body=f"建议写明考核责任{n}",
            article=article(consultation, 3),
            name=PERSONAL[0],
            phone=PERSONAL[1],
            email=PERSONAL[2],
            ip=PERSONAL[3],
        )
        services.comment_approve(comment=stored, actor=office, now=at(date(2026, 3, 11)))
        rows.append(stored.pk)
    services.opinion_group_create(
        consultation=consultation,
        summary="建议写明区政府考核责任",
        comment_ids=rows,
        adoption=Adoption.NOT_ADOPTED,
        reason="考核由市政府统一规定",
        actor=office,
        now=at(date(2026, 4, 2)),
    )
    services.feedback_report_publish(
        consultation=consultation, summary="总体情况说明。", actor=office, now=at(date(2026, 4, 3))
    )
    return consultation


def test_report_page_feeds_and_api_carry_no_personal_data(client, org, office):
    consultation = _reported(org, office)
    report_html = client.get(
        reverse("participation:report", args=[consultation.pk])
    ).content.decode()
    assert "建议写明区政府考核责任" in report_html and "考核由市政府统一规定" in report_html
    assert "未予采纳的集中意见及理由" in report_html
    urls = [
        reverse("participation:home"),
        reverse("participation:consultations") + "?state=reported",
        reverse("participation:consultation", args=[consultation.pk]),
        reverse("participation:report", args=[consultation.pk]),
        reverse("participation:consultations_rss"),
        reverse("participation:consultations_atom"),
        "/api/v1/consultations",
        f"/api/v1/consultations/{consultation.pk}",
        f"/api/v1/consultations/{consultation.pk}/report",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert consultation.title in body, url
        for value in PERSONAL:
            assert value not in body, (url, value)


def test_api(client, org, office, consultation):
    reported = _reported(org, office)
    listing = client.get("/api/v1/consultations", {"state": "open"}).json()
    assert [row["id"] for row in listing["results"]] == [consultation.pk]
    assert listing["results"][0]["state"] == {"code": "open", "label": "征求意见中"}
    detail = client.get(f"/api/v1/consultations/{reported.pk}").json()
    assert [a["heading"] for a in detail["articles"]][:4] == ["", "第一条", "第二条", "第三条"]
    assert detail["comments"][0]["author"] == "匿名网友"
    assert detail["report_url"].endswith(f"/api/v1/consultations/{reported.pk}/report")
    report = client.get(detail["report_url"]).json()
    assert report["concentrated_not_adopted"][0]["reason"] == "考核由市政府统一规定"
    assert report["concentrated_not_adopted"][0]["adoption"] == {
        "code": "not_adopted",
        "label": "未采纳",
    }
    missing = client.get(f"/api/v1/consultations/{consultation.pk}/report")
    assert missing.status_code == 404 and "尚未发布" in missing.json()["error"]["message"]
    assert client.get("/api/v1/consultations", {"state": "draft"}).status_code == 422
    assert client.get("/api/v1/consultations/999999").status_code == 404


def test_decision_catalog_page(client, org, office):
    decision = services.decision_create(
        organization=org,
        year=2026,
        title="制定临江市公共自行车管理办法",
        basis="《临江市城市交通管理条例》",
        planned_time="2026年第三季度",
        actor=office,
        now=timezone.now(),
    )
    services.decision_update(
        decision=decision,
        changes={"planned_time": "2026年第四季度"},
        reason="与省级规定衔接",
        actor=office,
        now=timezone.now(),
    )
    consultation = make_consultation(
        org,
        office,
        opens_on=today(),
        closes_on=today() + timedelta(days=30),
        decision=decision,
        now=timezone.now(),
    )
    html = client.get(reverse("participation:decisions"), {"year": "2026"}).content.decode()
    assert "制定临江市公共自行车管理办法" in html and "临江市交通运输局" in html
    assert 'aria-current="step">草案公开征求意见' in html
    assert "计划完成时间由“2026年第三季度”调整为“2026年第四季度”" in html
    assert "与省级规定衔接" in html
    assert reverse("participation:consultation", args=[consultation.pk]) in html
    detail = client.get(reverse("participation:decision", args=[decision.pk])).content.decode()
    assert "调整和进展记录" in detail and consultation.title in detail
    assert client.get(reverse("participation:decisions"), {"year": "abc"}).status_code == 200
    api = client.get("/api/v1/decisions", {"year": 2026}).json()
    assert api["results"][0]["consultation_ids"] == [consultation.pk]
    assert [h["kind"]["code"] for h in api["results"][0]["history"]] == [
        "listed",
        "adjusted",
        "advanced",
    ]


def test_landing_page_and_navigation(client, consultation):
    html = client.get(reverse("participation:home")).content.decode()
    assert consultation.title in html
    assert f'href="{reverse("participation:home")}" aria-current="true">互动交流' in html


def test_list_pages_query_counts(client, org, office, django_assert_max_num_queries):
    for n in range(5):
        make_consultation(
            org,
            office,
            opens_on=today(),
            closes_on=today() + timedelta(days=30),
            title=f"草案{n}",
            now=timezone.now(),
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("participation:consultations")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("participation:home")).status_code == 200
