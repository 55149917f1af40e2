from datetime import date

from django.core.exceptions import ValidationError

import pytest
import time_machine

from gongkai.foi.validators import (
    IdDocumentType,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
    validate_credit_code,
    validate_id_document,
    validate_mobile_or_phone,
    validate_resident_id,
)

# A well-known public test number (GB 11643 example shape), not a real person's.
KNOWN_ID = "11010519491231002X"
# Public registration codes of two large companies (公开的企业登记信息).
KNOWN_CREDIT_CODES = ("91330100799655058B", "91440300708461136T")
TODAY = date(2025, 6, 30)


def with_id_check(body: str) -> str:
    """Append the ISO 7064 MOD 11-2 check character, computed independently of the module."""
    remainder = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body)) % 11
    return body + "10X98765432"[remainder]


def with_credit_check(body: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [3**i % 31 for i in range(17)]
    remainder = sum(chars.index(c) * w for c, w in zip(body, weights, strict=True)) % 31
    return body + chars[(31 - remainder) % 31]


def wrong_last(number: str, alphabet: str = "0123456789X") -> str:
    return number[:-1] + next(c for c in alphabet if c != number[-1])


def codes(exc_info) -> list[str]:
    return [e.code for e in exc_info.value.error_list]


# --- 居民身份证号码 -------------------------------------------------------------------------


def test_test_helper_matches_the_published_example():
    assert with_id_check(KNOWN_ID[:17]) == KNOWN_ID


@pytest.mark.parametrize(
    "value",
    [
        KNOWN_ID,
        KNOWN_ID.lower(),
        f" {KNOWN_ID[:6]} {KNOWN_ID[6:14]} {KNOWN_ID[14:]} ",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and letter
        with_id_check("33010619800101123"),
        with_id_check("44030620000229002"),  # a leap day
        with_id_check("65010219000101001"),  # the earliest accepted birth year
        with_id_check("81000019900101001"),  # 港澳居民居住证 numbers share the format
        with_id_check("33010620250630001"),  # born today
    ],
)
def test_valid_resident_ids(value):
    assert validate_resident_id(value, today=TODAY) is None


@pytest.mark.parametrize(
    "value",
    ["", "11010519491231002", "11010519491231002XX", "110105491231002", "1101051949123100ZX"],
)
def test_resident_id_with_wrong_length_or_characters(value):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(value, today=TODAY)
    assert codes(exc) == ["id_format"]
    assert "18位" in exc.value.messages[0]


@pytest.mark.parametrize("prefix", ["00", "10", "20", "66", "72", "90", "99"])
def test_resident_id_with_unknown_province(prefix):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(with_id_check(prefix + "010519491231002"), today=TODAY)
    assert codes(exc) == ["id_region"]


@pytest.mark.parametrize(
    "birth",
    ["19490230", "19491331", "19490000", "20230229", "18991231", "20250701", "20990101"],
)
def test_resident_id_with_wrong_birth_date(birth):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(with_id_check(f"330106{birth}123"), today=TODAY)
    assert codes(exc) == ["id_birth_date"]
    assert "出生日期" in exc.value.messages[0]


def test_resident_id_birth_date_is_bounded_by_the_current_date_by_default():
    born_2030 = with_id_check("33010620300101123")
    with time_machine.travel(date(2029, 12, 31), tick=False), pytest.raises(ValidationError):
        validate_resident_id(born_2030)
    with time_machine.travel(date(2030, 1, 1), tick=False):
        validate_resident_id(born_2030)


@pytest.mark.parametrize("value", [KNOWN_ID, with_id_check("33010619800101123")])
def test_resident_id_with_wrong_check_digit(value):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(wrong_last(value), today=TODAY)
    assert codes(exc) == ["id_check_digit"]
    assert exc.value.messages == ["身份证号码校验位不正确，请核对后重新填写"]


def test_a_single_digit_typo_is_caught_by_the_checksum():
    number = with_id_check("33010619800101123")
    typo = number[:15] + str((int(number[15]) + 1) % 10) + number[16:]
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(typo, today=TODAY)
    assert codes(exc) == ["id_check_digit"]


# --- 统一社会信用代码 -----------------------------------------------------------------------


def test_credit_helper_matches_public_codes():
    for code in KNOWN_CREDIT_CODES:
        assert with_credit_check(code[:17]) == code


@pytest.mark.parametrize(
    "value",
    [
        *KNOWN_CREDIT_CODES,
        KNOWN_CREDIT_CODES[0].lower(),
        " 9133 0100 7996 5505 8B ",
        "９１３３０１００７９９６５５０５８Ｂ",
        with_credit_check("11330100MB0000001"),  # an organ of state, 机关
        with_credit_check("52330100MJ0000000"),  # a social organisation
        with_credit_check("12100000400000398"),
    ],
)
def test_valid_credit_codes(value):
    assert validate_credit_code(value) is None


@pytest.mark.parametrize("value", ["", "9133010079965505", "91330100799655058BB"])
def test_credit_code_with_wrong_length(value):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(value)
    assert codes(exc) == ["credit_code_length"]
    assert f"当前为{len(value)}位" in exc.value.messages[0]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V", "-", "*"])
def test_credit_code_with_characters_outside_the_set(letter):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("91330100" + letter + "99655058B")
    assert codes(exc) == ["credit_code_chars"]


@pytest.mark.parametrize("value", KNOWN_CREDIT_CODES)
def test_credit_code_with_wrong_check_character(value):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(wrong_last(value, "0123456789ABCDEFGHJKLMNPQRTUWXY"))
    assert codes(exc) == ["credit_code_check"]
    assert "校验位" in exc.value.messages[0]


# --- 证件 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_type", "number"),
    [
        (IdDocumentType.RESIDENT_ID, KNOWN_ID),
        ("resident_id", KNOWN_ID.lower()),
        (IdDocumentType.PASSPORT, "E12345678"),
        (IdDocumentType.PASSPORT, "ea1234567"),
        (IdDocumentType.PASSPORT, "X1234"),
        (IdDocumentType.PASSPORT, "A" * 17),
        (IdDocumentType.HK_MACAO_PERMIT, "H12345678"),
        (IdDocumentType.HK_MACAO_PERMIT, "m1234567801"),
        (IdDocumentType.TAIWAN_PERMIT, "12345678"),
        (IdDocumentType.TAIWAN_PERMIT, "1234567890（B）"),
        (IdDocumentType.TAIWAN_PERMIT, "F290299977"),
        (IdDocumentType.FOREIGN_PERMANENT_RESIDENT, "USA330619800101"),
        (IdDocumentType.FOREIGN_PERMANENT_RESIDENT, with_id_check("93384019800101001")),
        (IdDocumentType.OTHER, "军字第12345号"),
    ],
)
def test_valid_id_documents(doc_type, number):
    assert validate_id_document(doc_type, number, today=TODAY) is None


@pytest.mark.parametrize(
    ("doc_type", "number", "code"),
    [
        (IdDocumentType.RESIDENT_ID, wrong_last(KNOWN_ID), "id_check_digit"),
        (IdDocumentType.RESIDENT_ID, "123", "id_format"),
        (IdDocumentType.PASSPORT, "E123", "passport_format"),
        (IdDocumentType.PASSPORT, "E" * 18, "passport_format"),
        (IdDocumentType.PASSPORT, "E1234-5678", "passport_format"),
        (IdDocumentType.HK_MACAO_PERMIT, "C12345678", "hk_macao_permit_format"),
        (IdDocumentType.HK_MACAO_PERMIT, "H1234567", "hk_macao_permit_format"),
        (IdDocumentType.TAIWAN_PERMIT, "1234567", "taiwan_permit_format"),
        (IdDocumentType.TAIWAN_PERMIT, "T12345678", "taiwan_permit_format"),
        (IdDocumentType.FOREIGN_PERMANENT_RESIDENT, "US330619800101", "foreign_pr_format"),
        (IdDocumentType.FOREIGN_PERMANENT_RESIDENT, KNOWN_ID, "foreign_pr_format"),
        (
            IdDocumentType.FOREIGN_PERMANENT_RESIDENT,
            wrong_last(with_id_check("93384019800101001")),
            "foreign_pr_check_digit",
        ),
        (IdDocumentType.OTHER, "  ", "id_document_required"),
        (IdDocumentType.PASSPORT, None, "id_document_required"),
        ("driving_licence", "E12345678", "id_document_type"),
        (None, KNOWN_ID, "id_document_type"),
    ],
)
def test_invalid_id_documents(doc_type, number, code):
    with pytest.raises(ValidationError) as exc:
        validate_id_document(doc_type, number, today=TODAY)
    assert codes(exc) == [code]


def test_id_document_type_labels_are_chinese():
    assert IdDocumentType.RESIDENT_ID.label == "居民身份证"
    assert IdDocumentType.HK_MACAO_PERMIT.label == "港澳居民来往内地通行证"
    assert len(IdDocumentType.choices) == 6


# --- 电话 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        ("13812345678", "13812345678"),
        ("199 1234 5678", "19912345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("８６１３８１２３４５６７８", "13812345678"),
        ("0571-87001234", "0571-87001234"),
        ("057187001234", "0571-87001234"),
        ("（0571）87001234", "0571-87001234"),
        ("010-62345678", "010-62345678"),
        ("021 6234 5678", "021-62345678"),
        ("0571-8700123", "0571-8700123"),
        ("0571-87001234-802", "0571-87001234-802"),
        ("0571-87001234转802", "0571-87001234-802"),
        ("0571-87001234 ext. 802", "0571-87001234-802"),
    ],
)
def test_valid_phones_and_their_normal_form(value, normalized):
    assert validate_mobile_or_phone(value) is None
    assert normalize_phone(value) == normalized


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "12812345678",  # no such mobile prefix
        "1381234567",
        "138123456789",
        "87001234",  # landline without area code
        "0571-07001234",  # local numbers do not start with 0 or 1
        "0571-87001234-1234567",
        "电话13812345678",
    ],
)
def test_invalid_phones(value):
    with pytest.raises(ValidationError) as exc:
        validate_mobile_or_phone(value)
    assert codes(exc) == ["phone_format"]
    assert "手机号码" in exc.value.messages[0]


# --- 规范化与脱敏 --------------------------------------------------------------------------


def test_normalize_id_number():
    assert normalize_id_number(" １１０１０５ 19491231002x\t") == KNOWN_ID
    assert normalize_id_number(None) == ""


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("330106198001011234", "3301**********1234"),
        (KNOWN_ID.lower(), "1101**********002X"),
        ("E12345678", "E1*****78"),
        ("12345678", "12****78"),
        ("ABC", "***"),
        ("", ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0571-87001234", "0571-****1234"),
        ("010-62345678-802", "010-****5678"),
        ("12345", "1***5"),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked
