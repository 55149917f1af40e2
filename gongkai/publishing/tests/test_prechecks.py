from gongkai.publishing.prechecks import id_number_is_valid, luhn_is_valid, mask_personal, scan_text

# A syntactically valid test number (check digit computed per GB 11643), not a real person's.
VALID_ID = "11010519491231002X"


def kinds(text, **kw):
    return [(f.kind, f.text) for f in scan_text(text, field="正文", **kw)]


def test_id_number_checksum():
    assert id_number_is_valid(VALID_ID)
    assert id_number_is_valid(VALID_ID.lower())
    assert not id_number_is_valid("110105194912310021")  # wrong check digit
    assert not id_number_is_valid("110105194913310029")  # month 13


def test_findings_have_positions_and_context():
    text = f"经核实，申请人张某（身份证号{VALID_ID}）于近日来访。"
    (finding,) = scan_text(text, field="正文")
    assert finding.kind == "id_number"
    assert text[finding.start : finding.end] == VALID_ID
    assert finding.before.endswith("身份证号")


def test_invalid_id_like_numbers_are_not_flagged_as_ids():
    assert kinds("项目编号110105194912310021") == []


def test_classification_marks_and_internal_markers():
    found = kinds("机密★5年\n本材料为内部资料，不得外传。")
    assert ("classification", "机密★5年") in found
    assert ("internal", "内部资料") in found
    assert ("internal", "不得外传") in found


def test_ordinary_use_of_secret_words_is_not_a_mark():
    assert kinds("依法保护商业秘密和个人隐私。") == []


def test_mobile_and_bank_card():
    assert luhn_is_valid("4111111111111111") and not luhn_is_valid("4111111111111112")
    found = kinds("联系电话13912345678，退款账号4111 1111 1111 1111。")
    assert ("mobile", "13912345678") in found
    assert ("bank_card", "4111 1111 1111 1111") in found


def test_landline_and_dates_are_not_mobiles():
    assert kinds("咨询电话0571-87001234，2025年3月1日起施行。") == []


def test_sensitive_words_each_occurrence():
    found = kinds("甲词出现，又一次甲词。", words=["甲词"])
    assert found == [("sensitive_word", "甲词"), ("sensitive_word", "甲词")]


def test_mask_personal():
    masked = mask_personal(f"身份证{VALID_ID}，电话139-1234-5678，卡号4111111111111111")
    assert VALID_ID not in masked and "110105********002X" in masked
    assert "139****5678" in masked
    assert "**** **** **** 1111" in masked
