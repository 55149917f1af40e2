"""The demo's generated wording."""

from random import Random

from gongkai.demo import text


def test_a_subject_ending_in_management_is_not_doubled():
    ctx = {"subject": "预算绩效管理"}
    assert text.fill(Random(1), "临江市{subject}管理办法", ctx) == "临江市预算绩效管理办法"
    assert text.fill(Random(1), "临江市{subject}管理办法", {"subject": "防汛抗旱"}) == (
        "临江市防汛抗旱管理办法"
    )
