"""Chinese line breaks follow clreq: no line opens with a closing mark or ends with an opening one.

A visitor reads "，" at the head of a line, or a "“" left dangling at the end
of one, as a typesetting error. These lines are the hard cases: marks in
pairs and triples, quotes around Latin words, dashes and ellipses, numbers and
years inside Chinese, set at widths a few characters wide.
"""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from exhibit.printing import layout
from exhibit.printing.content import Block
from exhibit.printing.fit import paragraph
from exhibit.printing.fonts import register
from exhibit.printing.labels import LabelJob, print_labels
from exhibit.printing.linebreak import CANNOT_END, CANNOT_START
from exhibit.printing.select import Selection
from exhibit.printing.textlines import Lines

HARD = [
    "方先觉率第十军守衡阳四十七天，“孤城”之名由此而来。",
    "他说：“我们守得住。”众人无言。",
    "“衡阳！”“衡阳！”城里的人都在喊。",
    "日军第十一军（横山勇）于六月下旬抵达。",
    "《大公报》《中央日报》连日报道：“守军仍在。”",
    "城南的阵地——张家山——七次易手。",
    "弹药、粮食、药品……一天比一天少。",
    "他们坚持了四十七天……最后，城破了。",
    "“Hengyang”一词在英文报纸上出现了数百次。",
    "美国记者称之为“the Stalingrad of the East”。",
    "1944年6月23日，日军开始第一次总攻。",
    "第10军约17,600人，伤亡超过15,000人。",
    "据统计（1944–45），死伤约4.8万人。",
    "他问道：“还能守几天？”答曰：“不知道。”",
    "「孤城」『衡阳』，此名至今犹在。",
    "战后，方先觉（1903—1983）去了台湾。",
    "湘江、耒水、蒸水，三水环绕衡阳城。",
    "这是一张照片？不！这是一幅插图！",
    "“第十军”“第九战区”“军事委员会”",
    "（注：此处数字存疑。）（另见第三章。）",
    "陈纳德的第十四航空队（Flying Tigers）提供空中支援。",
    "Major General Fang Xianjue 方先觉将军，字子珊。",
    "见：《衡阳保卫战史料汇编》，第3卷，第112页。",
    "他们说：“‘死守’二字，写在每个人心里。”",
    "张家山、虎形巢、五桂岭、萧家山……每一处都是血战。",
    "7月11日——第二次总攻；8月4日——第三次总攻。",
    "……于是，城中只剩下不到一千人。",
    "“You can’t hold it,” he said. 他没有回答。",
    "展品编号：HY1944.0003；材质：纸本；尺寸：60 × 45 cm。",
    "《Time》杂志1944年8月号报道了此事。",
    "她写道：“我看见了火光。”——那是最后一封信。",
    "（一）守城；（二）突围；（三）投降？",
    "“为什么？”“因为没有援军。”",
    "衡阳，湖南省第二大城市，粤汉铁路与湘桂铁路在此交会。",
    "城墙上的弹孔，今天还能看到：一、二、三……",
    "电报原文如下：“敌人今晨由北门突入城内，职等誓以一死报党国。”",
    "他叫它“孤城（the lonely city）”。",
    "雨！雨！雨！七月的衡阳一直在下雨。",
    "第十军番号：预备第十师、第三师、第一九〇师。",
    "‘衡阳会战’与‘衡阳保卫战’，两个名字，一段历史。",
    "Hengyang, Hunan, 1944. 衡阳，湖南，一九四四年。",
    "“Defence of Hengyang (1944)”——展览英文名。",
    "无线电里传来：“坚持！坚持！再坚持！”",
    "日军伤亡：约19,000人（日方数字）；约48,000人（中方数字）。",
    # Compressed pairs of marks, Latin spaced from Han, quotes that change script with their text.
    "他说：“守！”（众人点头。）“再守！”",
    "“孤城”。“援军”，“突围”？“投降”！",
    "（《中央日报》，1944年8月9日。）",
    "守军在7月11日、7月20日和8月4日三次击退总攻。",
    "标签写道：“Harbour’s Mouth”——港口。",
    "约 1944 年 6 月 · 纸 · 高 60 × 宽 45 厘米 · HY1944.0001",
    "他们称之为‘the lonely city’，意思是“孤城”。",
    "第10军、第54军、第62军、第79军、第100军……都曾奉命驰援。",
    "“‘孤城’二字，”他说，“是后来才有的。”",
    "城破前夜（8月7日）：电台、密码本、印信——全部焚毁。",
    "B-25、P-40、C-47：美国第十四航空队的飞机在城外上空出现。",
    "「你们守得住吗？」「守得住！」「几天？」「不知道。」",
]
# Sizes and widths narrow enough that every line above breaks several times.
WIDTHS = [41.0, 47.0, 63.0, 95.0, 130.0]
LATIN_WORD = re.compile(r"[0-9A-Za-z]+(?:['’\-–.,][0-9A-Za-z]+)*")


def _lines(text: str, width: float, size: float = 10.0) -> list[str]:
    register()
    flow = paragraph(Block("body", "zh", text), size)
    assert isinstance(flow, Lines)
    flow.wrap(width, 1e6)
    return [words[0] for _, words in flow.lines]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_there_are_forty_hard_lines():
    assert len(HARD) >= 40


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", HARD)
def test_no_forbidden_mark_at_a_line_edge(text, width):
    lines = _lines(text, width)
    assert len(lines) > 1 or width >= 95
    for i, line in enumerate(lines):
        if i > 0:
            assert line[0] not in CANNOT_START, f"line {i} starts with {line[0]!r}: {lines}"
        if i < len(lines) - 1:
            assert line[-1] not in CANNOT_END, f"line {i} ends with {line[-1]!r}: {lines}"
        assert line == line.strip()
    # "——" and "……" are never torn in two.
    for a, b in zip(lines, lines[1:]):
        assert not (a[-1] == b[0] and a[-1] in "—…"), lines


# A Latin word with its quotes must fit on one line to stay whole: from about ten characters up.
@pytest.mark.parametrize("width", [95.0, 130.0, 180.0])
@pytest.mark.parametrize("text", HARD)
def test_latin_words_are_not_split_and_text_is_unchanged(text, width):
    lines = _lines(text, width)
    assert _squash("".join(lines)) == _squash(text)
    for word in LATIN_WORD.findall(text):
        assert any(word in line for line in lines), f"{word!r} split across lines: {lines}"
    for line in lines:                       # every line fits its box
        flow = Lines(line, paragraph(Block("body", "zh", line), 10.0).style)
        assert len(flow.wrap(width, 1e6) and flow.lines) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_a_number_keeps_its_unit_of_measure(width):
    """A tombstone's "深15厘米" may wrap before "深" or before "15", never before "厘米"."""
    text = "钢盔·约1940年代·钢（内衬缺失）·高28 × 宽23 × 深15厘米；口径82毫米，重1.2公斤"
    lines = _lines(text, width)
    assert _squash("".join(lines)) == _squash(text)
    for quantity in ("28", "23", "15厘米", "82毫米", "1.2公斤"):
        assert any(quantity in line for line in lines), f"{quantity!r} split across lines: {lines}"


def test_printed_label_lines_keep_the_rules(archive, tmp_path):
    out = tmp_path / "labels.pdf"
    report = print_labels(archive, Selection(section="s3-siege"), LabelJob("object", layout.single_page("A4")), out)
    assert report.labels > 0
    lines = [ln.strip() for page in PdfReader(out).pages for ln in page.extract_text().splitlines()]
    han = [ln for ln in lines if re.search(r"[\u4e00-\u9fff]", ln)]
    assert len(han) > 20
    bad_start = [ln for ln in han if ln[0] in CANNOT_START]
    bad_end = [ln for ln in han if ln[-1] in CANNOT_END]
    assert bad_start == [] and bad_end == []
