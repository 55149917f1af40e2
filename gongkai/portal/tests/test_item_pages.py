from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from gongkai.core.testing import OrganizationFactory, aware
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType, Status
from gongkai.publishing.models import ItemRelation

from .data import NOW, approve, draft, publish

pytestmark = pytest.mark.django_db

META_LABELS = (
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "信息类别",
    "主题词",
)


def item_url(item):
    return reverse("portal:item", args=[item.pk])


def test_home_lists_published_items_only(client, team):
    published = publish(team, title="关于公布年度重点民生实事项目的通知")
    approved = approve(team, draft(team, title="尚未发布的审定稿"))
    drafted = draft(team, title="还在起草的草稿")

    html = client.get(reverse("portal:home")).content.decode()

    assert published.title in html and item_url(published) in html
    assert approved.title not in html and drafted.title not in html


@pytest.mark.parametrize("stage", ["draft", "approved", "scheduled"])
def test_unpublished_item_is_404_and_not_listed(client, team, stage):
    item = draft(team, title="不应公开的信息")
    if stage != "draft":
        item = approve(team, item)
    if stage == "scheduled":
        item = services.item_publish(
            item=item, actor=team.office, now=NOW, at=NOW.replace(year=2026)
        )
        assert item.status == Status.SCHEDULED

    assert client.get(item_url(item)).status_code == 404
    for url in (reverse("portal:home"), reverse("portal:organization", args=[team.org.slug])):
        assert item.title not in client.get(url).content.decode()


def test_unknown_item_is_404(client, team):
    assert client.get("/xxgk/999999/").status_code == 404


def test_item_page_shows_metadata_table(client, team):
    item = publish(
        team,
        title="关于印发某市政务公开工作要点的通知",
        info_type=InfoType.NORMATIVE,
        document_number="测政办发〔2025〕7号",
        keywords="政务公开 要点",
        effective_on=date(2025, 4, 1),
    )

    response = client.get(item_url(item))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="meta-table"' in html
    for label in (*META_LABELS, "有效性", "施行日期"):
        assert f'<th scope="row">{label}</th>' in html
    assert "失效日期" not in html  # not set
    assert item.index_number in html and "测政办发〔2025〕7号" in html
    assert "现行有效" in html and "2025-04-01" in html and team.org.name in html
    assert '<h1 class="doc-title" id="doc-title">' in html and html.count("<h1") == 1
    assert "现就做好本年度政务公开工作通知如下" in html  # the body
    assert "联合发文机关" not in html


def test_non_policy_has_no_validity_row_and_lists_co_issuers(client, team):
    partner = OrganizationFactory(name="测试市联合发文局")
    item = publish(team, co_issuers=[partner])

    html = client.get(item_url(item)).content.decode()

    assert "有效性" not in html
    assert '<th scope="row">联合发文机关</th>' in html and partner.name in html


def test_withdrawn_item_shows_notice_but_not_body_or_attachments(client, team):
    item = draft(team)
    attachment = services.attachment_add(
        item=item,
        actor=team.drafter,
        now=NOW,
        title="实施细则",
        file=SimpleUploadedFile("rules.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    item = publish(team, item)
    services.item_withdraw(item=item, actor=team.office, now=NOW, reason="内容已过时效")

    html = client.get(item_url(item)).content.decode()

    assert "本信息已于2025年3月10日撤回。撤回原因：内容已过时效" in html
    assert "现就做好本年度政务公开工作通知如下" not in html
    assert "实施细则" not in html
    assert item.index_number in html  # the record of what it was stays
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404
    assert item.title not in client.get(reverse("portal:home")).content.decode()


def test_corrected_item_shows_correction_and_history(client, team):
    item = publish(team)
    services.item_correct(
        item=item,
        actor=team.office,
        now=NOW,
        reason="第二段日期有误",
        body="<p>各有关单位：现就做好本年度政务公开工作通知如下（更正）。</p>",
    )

    html = client.get(item_url(item)).content.decode()

    assert "本信息已于2025年3月10日更正。更正说明：第二段日期有误" in html
    assert "（更正）" in html
    assert "历史记录" in html and "<td>发布</td>" in html and "<td>更正</td>" in html


def test_abolished_policy_shows_notice(client, team):
    item = publish(team, info_type=InfoType.NORMATIVE)
    services.item_abolish(
        item=item,
        actor=team.office,
        now=NOW,
        reason="已被新规定取代",
        effective_on=date(2025, 3, 1),
    )

    html = client.get(item_url(item)).content.decode()

    assert "本文件已于2025年3月1日废止。废止说明：已被新规定取代" in html
    assert '<th scope="row">废止日期</th><td>2025-03-01</td>' in html
    assert '<th scope="row">失效日期</th>' not in html  # an abolition is not an expiry


def test_policy_to_be_abolished_says_from_when_until_the_day_comes(client, team):
    item = publish(team, info_type=InfoType.NORMATIVE)
    decided, reason = aware(2025, 12, 20, 10, 0), "已被《临江市停车服务管理办法》废止。"
    services.item_abolish(
        item=item, actor=team.office, now=decided, reason=reason, effective_on=date(2026, 1, 1)
    )

    html = client.get(item_url(item)).content.decode()

    assert "本文件将于2026年1月1日起废止。废止说明：已被《临江市停车服务管理办法》废止。" in html
    assert '<th scope="row">有效性</th><td>现行有效</td>' in html
    assert '<th scope="row">废止日期</th><td>2026-01-01</td>' in html
    assert "<td>决定废止</td>" in html and "自2026年1月1日起废止。" in html  # the history
    assert "本文件已于" not in html

    services.items_expire_due(now=aware(2026, 1, 1, 0, 5))
    html = client.get(item_url(item)).content.decode()

    assert "本文件已于2026年1月1日废止。废止说明：已被《临江市停车服务管理办法》废止。" in html
    assert '<th scope="row">有效性</th><td>废止</td>' in html
    assert "本文件将于" not in html


def test_expired_policy_shows_notice_and_reason(client, team):
    item = publish(team, info_type=InfoType.NORMATIVE, expires_on=date(2025, 3, 31))
    services.items_expire_due(now=aware(2025, 4, 1, 0, 5))

    html = client.get(item_url(item)).content.decode()

    assert "本文件有效期至2025年3月31日，已失效。" in html
    assert '<th scope="row">有效性</th><td>失效</td>' in html
    assert "<td>失效</td>" in html and "有效期至2025年3月31日届满。" in html  # the history
    # A browser that prefers English still reads the Chinese page with Chinese dates.
    english = client.get(item_url(item) + "?en", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "本文件有效期至2025年3月31日，已失效。" in english


def test_amended_policy_names_the_amending_document(client, team):
    old = publish(team, title="临江市停车管理办法", info_type=InfoType.NORMATIVE)
    new = publish(
        team,
        title="关于修改停车管理办法的决定",
        info_type=InfoType.NORMATIVE,
        document_number="临政发〔2025〕2号",
    )
    services.item_relation_add(source=new, target=old, kind="amends", actor=team.office, now=NOW)

    html = client.get(item_url(old)).content.decode()

    assert "本文件已被修改，修改后继续有效。修改文件：" in html
    assert (
        f'<a href="{item_url(new)}">《关于修改停车管理办法的决定》</a>（临政发〔2025〕2号）' in html
    )
    assert '<th scope="row">有效性</th><td>已修改</td>' in html
    assert "<td>被修改</td>" in html
    assert "已被《关于修改停车管理办法的决定》（临政发〔2025〕2号）修改。" in html
    assert "本文件已被修改" not in client.get(item_url(new)).content.decode()


def test_history_lists_public_events_only(client, team):
    item = publish(team)

    html = client.get(item_url(item)).content.decode()

    for internal in ("提交审核", "审核通过", "保密审查通过", "起草"):
        assert f"<td>{internal}</td>" not in html


def test_staff_personal_data_never_shown(client, team):
    team.drafter.first_name, team.drafter.last_name = "起草", "张"
    team.drafter.save()
    item = draft(team)
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW, comment="内部意见：请核实")
    services.item_approve(item=item, actor=team.secrecy, now=NOW)
    item = services.item_publish(item=item, actor=team.office, now=NOW)

    html = client.get(item_url(item)).content.decode()

    for person in (team.drafter, team.reviewer, team.secrecy, team.office):
        assert person.username not in html
        assert person.first_name not in html
    assert team.drafter.get_full_name() not in html
    assert "内部意见" not in html


def test_related_items_link_both_ways_and_hide_unpublished(client, team):
    old = publish(team, title="原办法", info_type=InfoType.NORMATIVE)
    new = publish(team, title="修改后的办法", info_type=InfoType.NORMATIVE)
    pending = draft(team, title="待定的修改稿", info_type=InfoType.NORMATIVE)
    ItemRelation.objects.create(source=new, target=old, kind="amends")
    ItemRelation.objects.create(source=pending, target=old, kind="amends")

    old_html = client.get(item_url(old)).content.decode()
    new_html = client.get(item_url(new)).content.decode()

    assert "修改本文件的文件" in old_html and item_url(new) in old_html
    assert pending.title not in old_html
    assert "本文件修改了" in new_html and item_url(old) in new_html


# ---------------------------------------------------------------- attachments


def _attach(team, item, name, content, **kwargs):
    return services.attachment_add(
        item=item, actor=team.drafter, now=NOW, file=SimpleUploadedFile(name, content), **kwargs
    )


def test_attachment_of_published_item_is_served_with_its_title(client, team):
    item = draft(team)
    pdf = _attach(team, item, "a1.pdf", b"%PDF-1.4 body", title="附件1：申请表")
    image = _attach(
        team,
        item,
        "chart.png",
        b"\x89PNG fake",
        title="流程图",
        alt_text="办理流程：受理、审查、决定三个环节",
    )
    item = publish(team, item)

    html = client.get(item_url(item)).content.decode()
    assert "附件1：申请表" in html and "PDF" in html and "13" in html  # 13 bytes
    assert 'alt="办理流程：受理、审查、决定三个环节"' in html

    response = client.get(reverse("portal:attachment", args=[pdf.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 body"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "%E9%99%84%E4%BB%B61" in disposition and disposition.endswith(".pdf")

    response = client.get(reverse("portal:attachment", args=[image.pk]))
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "image/png"


def test_attachment_of_unpublished_item_is_404(client, team):
    item = draft(team)
    attachment = _attach(team, item, "a.pdf", b"%PDF-1.4")
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404
    approve(team, item)
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("portal:attachment", args=[999999])).status_code == 404
