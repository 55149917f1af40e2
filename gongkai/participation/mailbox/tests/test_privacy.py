"""De-identifying a message for the public Q&A."""

from types import SimpleNamespace

from gongkai.participation.mailbox.privacy import MASK, deidentify, personal_data_left

WRITER = SimpleNamespace(
    writer_name="周晓燕", phone="13912345678", email="zhou.xy@example.com", address="滨河路88号3幢"
)


def test_the_writers_own_details_go():
    text = "我叫周晓燕，住滨河路88号3幢，手机139-1234-5678，邮箱 ZHOU.XY@example.com。"
    result = deidentify(text, WRITER)
    assert result == f"我叫{MASK}，住{MASK}，手机{MASK}，邮箱 {MASK}。"
    assert personal_data_left(result, WRITER) == []


def test_other_personal_numbers_go():
    text = "邻居电话13800001111，座机0571-87654321，身份证11010519491231002X，卡号6222020200112233445。"
    result = deidentify(text)
    for secret in ("13800001111", "87654321", "11010519491231002X"):
        assert secret not in result
    labels = personal_data_left(text)
    assert "居民身份证号码" in labels and "电话号码" in labels
    assert personal_data_left(result) == []


def test_invalid_id_numbers_and_ordinary_numbers_stay():
    text = "2025年共受理1234件，编号110105194912310021。"
    assert deidentify(text) == text
    assert personal_data_left(text) == []


def test_replies_keep_office_contacts():
    reply = "如有疑问，请拨打0571-87000000或发邮件至jyj@example.gov.cn。周晓燕您好。"
    result = deidentify(reply, WRITER, contacts=False)
    assert "0571-87000000" in result and "jyj@example.gov.cn" in result
    assert "周晓燕" not in result
    assert personal_data_left(result, WRITER, contacts=False) == []
    assert personal_data_left(reply, WRITER, contacts=False) == ["写信人姓名"]
