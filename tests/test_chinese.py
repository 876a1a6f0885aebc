"""Pinyin and traditional forms of glossary terms (generator/chinese.py): E213, E214, W203."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.chinese import check_pinyin, check_traditional, suggestion, tokens, toneless
from generator.diagnostics import Diagnostics, Span
from tests.conftest import ROOT
from tests.test_validate import check

SPAN = Span("glossary.yaml", 3, 11, 3, 17)
TERM = """- id: t
  term: {term}
  pinyin: {pinyin}
  english: E
  summary: S
  sources:
    - url: https://example.org/a
      title: A
      publisher: P
"""


def reading(term: str) -> str:
    """A pinyin the checker accepts for any term (E213, E214): pypinyin's syllable for each Han
    character, the other runs as written less separators, one space between them."""
    parts = [t.spoken if t.options else re.sub(r"[\s'’]", "", t.text) for t in tokens(term)]
    return " ".join(p for p in parts if p) or "a"


def pinyin_problems(term: str, pinyin: str) -> list[tuple[str, str, str | None]]:
    diags = Diagnostics()
    check_pinyin(term, pinyin, SPAN, diags)
    return [(d.code, d.message, d.hint) for d in diags.items]


@pytest.mark.parametrize("term, pinyin", [
    ("比特币", "bǐtèbì"), ("比特币", "Bǐtèbì"), ("比特币", "bǐ tè bì"), ("比特币", "BǏTÈBÌ"),
    ("银行", "yínháng"), ("行", "xíng"), ("行", "háng"), ("一行三会", "yī háng sān huì"),
    ("玩儿", "wánr"), ("玩儿", "wán'ér"), ("玩儿", "wán’ér"),
    ("3·15", "sān yāo wǔ"), ("U商", "U shāng"), ("5G网络", "5G wǎngluò"),
    ("西安", "Xī'ān"), ("电子", "diànzi"), ("电子", "diànzǐ"), ("女", "nǚ"), ("绿", "lǜ"),
    ("中国人民政治协商会议", "Zhōngguó Rénmín Zhèngzhì Xiéshāng Huìyì"),
])
def test_readings_the_dictionary_gives_pass(term: str, pinyin: str) -> None:
    assert pinyin_problems(term, pinyin) == []


def test_a_wrong_tone_names_the_syllable_and_the_character() -> None:
    assert pinyin_problems("比特币", "bǐtèbí") == [(
        "E214", "'bǐtèbí' does not spell 比特币: 'bí' is not a reading of 币 (character 3 of 比特币); the dictionary "
        "gives bì, yìn", "pypinyin reads 比特币 as 'bǐtèbì'")]


def test_english_words_are_not_pinyin_of_the_characters() -> None:
    [(code, message, hint)] = pinyin_problems("比特币", "bit coin")
    assert code == "E214" and "'bi' for 比 (character 1 of 比特币) has no tone mark" in message
    assert hint == "pypinyin reads 比特币 as 'bǐtèbì'"


@pytest.mark.parametrize("term, pinyin", [("比特币", "bitebi"), ("绿", "lü"), ("私募", "simù"), ("人民银行", "rénmín yinháng")])
def test_a_syllable_without_a_tone_mark_may_not_start_a_word(term: str, pinyin: str) -> None:
    [(code, message, _)] = pinyin_problems(term, pinyin)
    assert code == "E214" and "has no tone mark" in message


@pytest.mark.parametrize("term, pinyin", [("电子", "diànzi"), ("东西", "dōngxi"), ("比特币", "bǐtebi")])
def test_the_neutral_tone_passes_inside_a_word(term: str, pinyin: str) -> None:
    assert pinyin_problems(term, pinyin) == []


@pytest.mark.parametrize("pinyin, detail", [
    ("bǐtè", "the pinyin ends before 币 (character 3 of 比特币)"),
    ("bǐtèbì bì", "'bì' is left over after the last character"),
    ("bǐ tè r bì", "'r' is not a reading of 币"),  # erhua only for 儿, and only attached
])
def test_syllables_match_the_characters_one_to_one(pinyin: str, detail: str) -> None:
    [(code, message, _)] = pinyin_problems("比特币", pinyin)
    assert code == "E214" and detail in message


NEUTRAL = "has no tone mark, and a syllable without one (the neutral tone) only follows another in its word"


@pytest.mark.parametrize("term, pinyin, message, hint", [
    # 和 may end after 'hu' or 'huo' inside a word: 派 fails after the furthest
    ("温和派", "wēnhuoxyz", "'xyz' is not a reading of 派 (character 3 of 温和派); the dictionary gives pài, mài, bài, pā",
     "wēnhépài"),
    # after a free run (U), at the end of its word; without a separator, after its shortest stretch
    ("U商", "U xyz", "'xyz' is not a reading of 商 (character 2 of U商); the dictionary gives shāng", "U shāng"),
    ("U商", "Uxyz", "'xyz' is not a reading of 商 (character 2 of U商); the dictionary gives shāng", "U shāng"),
    # the free run 3·15 ends at the space, where a syllable without a tone mark may not start
    ("3·15晚会", "3·15 wanhui", f"'wan' for 晚 (character 5 of 3·15晚会) {NEUTRAL}; the dictionary gives wǎn", "3·15 wǎnhuì"),
    ("饿了", "ele", f"'e' for 饿 (character 1 of 饿了) {NEUTRAL}; the dictionary gives è", "èle"),  # a one-letter syllable
    # pinyin written syllable by syllable: the hint for a long term is written the same way
    ("数字货币", "shù zì", "the pinyin ends before 货 (character 3 of 数字货币)", "shù zì huò bì"),
    # the phrase's reading (银行: háng, not xíng) holds beside characters that are not Han
    ("P2P银行", "P2P yín", "the pinyin ends before 行 (character 5 of P2P银行)", "P2P yínháng"),
])
def test_the_message_names_where_the_reading_stops(term: str, pinyin: str, message: str, hint: str) -> None:
    assert pinyin_problems(term, pinyin) == [
        ("E214", f"'{pinyin}' does not spell {term}: {message}", f"pypinyin reads {term} as '{hint}'")]


def test_erhua_r_is_attached_to_the_previous_syllable() -> None:
    assert pinyin_problems("玩儿", "wán r")[0][0] == "E214"


@pytest.mark.parametrize("pinyin, detail", [
    ("bi3 te4 bi4", "'3' (U+0033) is a digit (write tones as marks: ā á ǎ à)"),
    ("ㄅㄧˇ", "'ㄅ' (U+3105) is not a pinyin letter"),
    ("bǐtèbі", "'і' (U+0456) is not a pinyin letter"),  # Cyrillic і
    ("bǐtè-bì", "'-' (U+002D) is not a pinyin letter"),
    ("bǐ  tèbì", "separate words with one space, and syllables only with an apostrophe"),
    ("'bǐtèbì", "separate words with one space, and syllables only with an apostrophe"),
])
def test_characters_that_cannot_be_pinyin(pinyin: str, detail: str) -> None:
    [(code, message, hint)] = pinyin_problems("比特币", pinyin)
    assert (code, message) == ("E213", f"'{pinyin}' is not pinyin: {detail}") and hint.startswith("pypinyin reads 比特币 as")


def test_digits_are_pinyin_only_where_the_term_has_them() -> None:
    assert pinyin_problems("3·15", "3·15") == []
    assert pinyin_problems("三一五", "3·15")[0][0] == "E213"


def test_apostrophe_before_a_o_e_inside_a_word() -> None:
    assert pinyin_problems("币安", "bìān") == [(
        "E213", "'bìān': the syllable of 安 starts with 'ā' inside a word, so an apostrophe goes before it",
        "write 'bì'ān'")]
    assert pinyin_problems("币安", "bì ān") == []
    assert pinyin_problems("鄂尔多斯", "Èěrduōsī") == [(  # after a syllable of one letter too
        "E213", "'Èěrduōsī': the syllable of 尔 starts with 'ě' inside a word, so an apostrophe goes before it",
        "write 'È'ěrduōsī'")]
    assert pinyin_problems("比特币", "bǐ'tèbì") == [(
        "E213", "'bǐ'tèbì': an apostrophe goes only before a syllable starting with a, o or e, not before that of 特",
        "write 'bǐtèbì'")]
    assert pinyin_problems("比特币", "bǐ’tèbì")[0][2] == "write 'bǐtèbì'"  # the typographic apostrophe too
    assert pinyin_problems("海鸥", "hǎiōu")[0][2] == "write 'hǎi'ōu'" and pinyin_problems("饥饿", "jīè")[0][2] == "write 'jī'è'"


def test_the_hint_keeps_the_words_and_capitals_given() -> None:
    assert suggestion(tokens("数字货币"), "Shù zì huòbí") == "Shù zì huòbì"
    assert suggestion(tokens("西安"), "Xīan") == "Xī'ān"
    assert suggestion(tokens("海鸥"), "hǎiōu") == "hǎi'ōu" and suggestion(tokens("饥饿"), "jīè") == "jī'è"
    assert suggestion(tokens("U商"), "u shang") == "u shāng"
    assert suggestion(tokens("比特币"), "bit coin") == "bǐtèbì"  # unmatched and short: one word


def test_toneless_keeps_u_umlaut_and_positions() -> None:
    assert toneless("Lǜ bǐ") == "lü bi" and len(toneless("ǖǘǚǜ")) == 4


def test_traditional_forms_of_any_opencc_config_pass() -> None:
    diags = Diagnostics()
    for term, form in [("比特币", "比特幣"), ("公众号", "公衆號"), ("公众号", "公眾號"), ("散户", "散户"), ("散户", "散戶")]:
        check_traditional(term, form, SPAN, diags)
    assert diags.items == []


def test_a_traditional_form_opencc_does_not_give_warns() -> None:
    diags = Diagnostics()
    check_traditional("公众号", "公众号", SPAN, diags)
    [d] = diags.items
    assert (d.code, d.severity, d.span) == ("W203", "warning", SPAN)
    assert d.message == "'公众号' is not a traditional form OpenCC gives for 公众号"
    assert d.hint == "OpenCC proposes 公衆號 (s2t); 公眾號 (s2tw, s2hk): use one of them, unless a source spells it otherwise"


def test_validator_locates_each_rule_at_the_value(tmp_path: Path) -> None:
    _, found, diags = check(tmp_path, TERM.format(term="比特币", pinyin='"bǐtèbí"') + "  traditional: 比特弊\n", "term")
    assert found == [("E214", 3, 11), ("W203", 10, 16)]
    assert diags.sorted()[0].span[1:] == (3, 11, 3, 19)


def test_a_pinyin_that_is_not_a_string_is_an_error(tmp_path: Path) -> None:
    _, found, diags = check(tmp_path, TERM.format(term="比特币", pinyin="123"), "term")
    assert found == [("E213", 3, 11), ("W201", 3, 11)]
    assert diags.sorted()[0].message == "'123' is not pinyin: YAML 1.1 tools read it as a number"


def test_a_quoted_pinyin_is_text_whatever_yaml_would_read_unquoted(tmp_path: Path) -> None:
    """`"no"` in quotes is the text no to every YAML tool: checked as pinyin (诺 is nuò), not as a boolean."""
    _, found, diags = check(tmp_path, TERM.format(term="诺", pinyin='"no"'), "term")
    assert found == [("E214", 3, 11)]
    assert diags.sorted()[0].message.startswith("'no' does not spell 诺: ")


def test_no_traditional_is_no_warning_and_the_real_data_passes(tmp_path: Path) -> None:
    _, found, _ = check(tmp_path, TERM.format(term="比特币", pinyin="bǐtèbì"), "term")
    assert found == []
    _, found, _ = check(tmp_path, (ROOT / "data" / "glossary.yaml").read_text("utf-8"), "term")
    assert [f for f in found if f[0] in ("E213", "E214", "W203")] == []  # (W202 depends on the pinned day)


def test_pypinyin_and_opencc_load_only_for_a_glossary_record() -> None:
    code = ("import sys\nfrom pathlib import Path\nfrom generator.diagnostics import Diagnostics\n"
            "from generator.records import KINDS\nfrom generator.validate import load_and_validate\n"
            "for kind in ('event', 'exchange', 'authority', 'platform'):\n"
            "    load_and_validate(KINDS[kind], Path('data') / KINDS[kind].file, Diagnostics())\n"
            "print(sorted(m for m in ('pypinyin', 'opencc') if m in sys.modules))\n"
            "load_and_validate(KINDS['term'], Path('data/glossary.yaml'), Diagnostics())\n"
            "print(sorted(m for m in ('pypinyin', 'opencc') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "['opencc', 'pypinyin']"]


HANISH = st.text(alphabet=st.one_of(st.sampled_from("比特币银行儿玩安西〇一三会 ·'’-3Uaé\u0301ḉİ"), st.characters(
    blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"))), min_size=1, max_size=12).filter(str.strip)
PROPERTY = settings(derandomize=True, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(HANISH)
def test_the_reading_pypinyin_gives_always_passes(term: str) -> None:
    diags = Diagnostics()
    check_pinyin(term.strip(), reading(term.strip()), SPAN, diags)
    assert diags.items == []


@PROPERTY
@given(HANISH, HANISH)
def test_any_text_is_located_never_a_traceback(term: str, text: str) -> None:
    diags = Diagnostics()
    check_pinyin(term.strip(), text.strip(), SPAN, diags)
    check_traditional(term.strip(), text, SPAN, diags)
    assert all(d.span == SPAN and d.code in ("E213", "E214", "W203") for d in diags.items)
