"""The personal-data scanner: ID numbers with their check digit, old 15-digit ones, bank
cards (Luhn), mobile numbers; found in every free-text field, named by field, masked."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain import privacy
from gwgk_desktop.domain.enums import ItemKind, NodeKind
from gwgk_desktop.domain.models import (
    Attachment,
    Flowchart,
    FlowEdge,
    FlowNode,
    ItemContent,
    Material,
    ServiceGuide,
)
from gwgk_desktop.domain.privacy import PrivacyLevel, RuleError
from gwgk_desktop.paths import resource

RULES = privacy.parse_rules(
    json.loads(resource("templates", "reference-template.json").read_text(encoding="utf-8"))[
        "privacy"
    ]
)
BLOCKING = {"id_card", "id_card_15", "bank_card"}

# Text around a number: Chinese, punctuation, no ASCII letters or digits touching it.
surrounding = st.text(
    alphabet=st.sampled_from("申请人身份证号码：，。（）、电话卡号为 \n"), max_size=12
)


def id18(region: int, birth: dt.date, sequence: int) -> str:
    first17 = f"{region:06d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + privacy.id18_check_char(first17)


def luhn_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if privacy.luhn_valid(body + d))


regions = st.integers(110000, 659999)
births = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
id18s = st.builds(id18, regions, births, st.integers(0, 999))
id15s = st.builds(
    lambda region, birth, seq: f"{region:06d}{birth:%y%m%d}{seq:03d}",
    regions,
    st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
    st.integers(0, 999),
)
cards = st.builds(
    lambda first, rest: luhn_complete(first + rest),
    st.sampled_from("3456"),
    st.integers(15, 18).flatmap(lambda n: st.text("0123456789", min_size=n - 1, max_size=n - 1)),
)


def _only_hit(text: str) -> privacy.Hit:
    hits = privacy.find(text, RULES)
    assert len(hits) == 1, hits
    return hits[0]


@given(id18s, surrounding, surrounding)
def test_every_valid_id_number_is_found_and_masked(number: str, before: str, after: str) -> None:
    text = before + number + after
    hit = _only_hit(text)
    assert hit.rule.code == "id_card"
    assert hit.rule.level is PrivacyLevel.BLOCK
    assert hit.masked == number[:6] + "********" + number[-4:]
    masked = privacy.mask_text(text, [hit])
    assert masked == before + hit.masked + after
    assert number not in masked
    assert privacy.find(masked, RULES) == []


@given(id15s, surrounding, surrounding)
def test_every_old_15_digit_id_number_is_found(number: str, before: str, after: str) -> None:
    hit = _only_hit(before + number + after)
    assert hit.rule.code == "id_card_15"
    assert hit.masked == number[:6] + "*****" + number[-4:]


@given(cards, st.booleans(), surrounding, surrounding)
def test_every_luhn_valid_card_number_is_found_and_blocks(
    number: str, grouped: bool, before: str, after: str
) -> None:
    shown = " ".join(re.findall(".{1,4}", number)) if grouped else number
    text = before + shown + after
    hit = _only_hit(text)
    # An 18-digit card number can also be a valid ID number; either way it blocks.
    assert hit.rule.code in BLOCKING
    assert hit.text == shown
    digits = [c for c in hit.masked if c != " "]
    assert "".join(digits[:6]) == number[:6]
    assert "".join(digits[-4:]) == number[-4:]
    assert set(digits[6:-4]) == {"*"}
    assert all(
        h.rule.level is PrivacyLevel.WARN
        for h in privacy.find(privacy.mask_text(text, [hit]), RULES)
    )


# Any text whose digit runs are too short for an ID or a card (and with no separators a
# card could be grouped by) holds nothing that blocks.
no_long_numbers = st.lists(
    st.one_of(
        st.text(
            alphabet=st.sampled_from("政务公开派出所申请材料（）、，。《》ABCxyzXE"), max_size=8
        ),
        st.text(alphabet="0123456789０１２３", min_size=1, max_size=14),
    ),
    max_size=20,
).map("甲".join)


@given(no_long_numbers)
def test_text_without_long_numbers_never_blocks(text: str) -> None:
    assert not [h for h in privacy.find(text, RULES) if h.rule.level is PrivacyLevel.BLOCK]


@given(st.text(max_size=60))
def test_masking_is_final(text: str) -> None:
    """Whatever is found, the masked text has nothing left to find."""
    once = privacy.mask_text(text, privacy.find(text, RULES))
    assert privacy.find(once, RULES) == []


def test_near_misses_are_not_reported() -> None:
    number = id18(110105, dt.date(1990, 3, 7), 123)
    wrong_check = number[:17] + ("0" if number[17] != "0" else "1")
    bad_date = id18(110105, dt.date(1990, 3, 7), 123).replace("19900307", "19901337")
    for text in (
        wrong_check,
        bad_date,
        "a" + number,  # part of a longer code
        number + "7",
        "0531-88880000",  # a station's landline
        "000014349/2018-00222",  # an index number
        "4111111111111112",  # fails Luhn
    ):
        assert not [h for h in privacy.find(text, RULES) if h.rule.level is PrivacyLevel.BLOCK], (
            text
        )


def test_full_width_digits_are_found_and_stay_full_width_where_kept() -> None:
    number = id18(110105, dt.date(1990, 3, 7), 123)
    full = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    hit = _only_hit(f"身份证{full}。")
    assert hit.rule.code == "id_card"
    assert hit.masked == full[:6] + "********" + full[-4:]


def test_mobile_numbers_warn_and_are_masked_3_4() -> None:
    hits = privacy.find("联系人手机：138 1234 5678，备用13912345678", RULES)
    assert [(h.rule.code, h.rule.level, h.masked) for h in hits] == [
        ("mobile", PrivacyLevel.WARN, "138 **** 5678"),
        ("mobile", PrivacyLevel.WARN, "139****5678"),
    ]


def _content() -> ItemContent:
    number = id18(110105, dt.date(1990, 3, 7), 123)
    return ItemContent(
        kind=ItemKind.LICENSING,
        name="居民身份证补领",
        content=f"示例：张三，身份证号{number}",
        guide=ServiceGuide(phone="13812345678", faq="咨询请拨13912345678"),
        materials=[Material("户口簿", note="卡号6222021154192579203")],
        flowchart=Flowchart(
            nodes=[FlowNode("a", NodeKind.START, "开始"), FlowNode("b", NodeKind.STEP, number)],
            edges=[FlowEdge("e", "a", "b", "")],
        ),
        attachments=[Attachment("0" * 64, f"{number}.jpg", 10)],
    )


def test_scan_names_every_field_and_ignores_the_guide_phone() -> None:
    found = privacy.scan(_content(), RULES)
    assert [(f.field, f.where, f.rule_code) for f in found.findings] == [
        ("content", "公开内容（要素）", "id_card"),
        ("guide.faq", "办事指南的常见问题", "mobile"),
        ("materials[0].note", "第1项申请材料的备注", "bank_card"),
        ("flowchart.nodes[1].text", "流程图第2个框的文字", "id_card"),
        ("attachments[0].filename", "第1个附件的文件名", "id_card"),
    ]
    assert [f.field for f in found.blocked] == [
        "content",
        "materials[0].note",
        "flowchart.nodes[1].text",
        "attachments[0].filename",
    ]
    assert found.blocked[0].masked == "110105********" + _content().content[-4:]


def test_masked_content_holds_nothing_and_the_original_is_unchanged() -> None:
    content = _content()
    before = json.dumps(content, default=str)
    result = privacy.masked(content, RULES)
    assert json.dumps(content, default=str) == before
    assert not privacy.scan(result, RULES)
    assert result.content.startswith("示例：张三，身份证号110105********")
    assert result.guide is not None and result.guide.phone == "13812345678"  # ignored field
    assert result.attachments[0].filename.endswith(".jpg")


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ([], "只含 rules"),
        ({"rules": {}}, "须为列表"),
        ({"rules": [{"code": "x", "name": "x", "pattern": "1"}]}, "缺少level"),
        (
            {"rules": [{"code": "x", "name": "x", "pattern": "(", "level": "warn"}]},
            "正则表达式有误",
        ),
        ({"rules": [{"code": "x", "name": "x", "pattern": "[0-9", "level": "warn"}]}, "有误"),
        ({"rules": [{"code": "x", "name": "x", "pattern": "1", "level": "stop"}]}, "block 或 warn"),
        (
            {
                "rules": [
                    {"code": "x", "name": "x", "pattern": "1", "level": "warn", "check": "md5"}
                ]
            },
            "check",
        ),
        (
            {
                "rules": [
                    {"code": "x", "name": "x", "pattern": "1", "level": "warn", "keep": [9, 1]}
                ]
            },
            "keep",
        ),
        (
            {"rules": [{"code": "x", "name": "x", "pattern": "1", "level": "warn", "colour": 1}]},
            "不认识",
        ),
        (
            {
                "rules": [
                    {"code": "x", "name": "x", "pattern": "1", "level": "warn"},
                    {"code": "x", "name": "y", "pattern": "2", "level": "block"},
                ]
            },
            "重复",
        ),
    ],
)
def test_malformed_rules_are_refused_with_a_reason(section: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        privacy.parse_rules(section)
