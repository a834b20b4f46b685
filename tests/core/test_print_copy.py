"""Object labels as a visitor and a curator would check them: the label copy, not the catalogue
description; published records only; type at the table's sizes in two faces; Chinese punctuation."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exhibit import services
from exhibit.cli import run
from exhibit.printing import layout, typography
from exhibit.printing.fonts import FONT, FONT_BOLD, LATIN, LATIN_BOLD
from exhibit.printing.labels import LabelJob, check_labels, print_labels
from exhibit.printing.linebreak import CANNOT_START
from exhibit.printing.punctuation import fix_archive, halfwidth_marks, normalise
from exhibit.printing.select import EmptySelection, Selection
from exhibit.records import ArchiveObject

A4_PAGE = layout.single_page("A4")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def runs_of(path: Path, page: int = 0) -> list[tuple[str, str, float, float, float]]:
    """(text, font, size, x, y) of every run drawn on a page."""
    reader = PdfReader(path)
    fonts = {}
    for name, ref in (reader.pages[page]["/Resources"].get("/Font") or {}).items():
        fonts[name] = str(ref.get_object()["/BaseFont"])
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            base = str(font.get("/BaseFont", ""))
            out.append((text, base, round(size * tm[0] * cm[0], 2), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    reader.pages[page].extract_text(visitor_text=visit)
    return out


def base(font: str) -> str:
    """'/ABCDEF+NotoSansSC-Bold' → 'NotoSansSC-Bold'."""
    return font.split("+", 1)[-1]


# ---------------------------------------------------------------- label copy

def test_labels_print_the_label_copy_not_the_catalogue_description(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0003")
    out = tmp_path / "copy.pdf"
    report = print_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", A4_PAGE), out)
    text = squash(text_of(out))
    assert squash(obj.label_zh)[:40] in text and squash(obj.label_en)[:40] in text
    assert squash(obj.description_en)[:40] not in text
    assert text.count(squash(obj.name_zh)) == 1            # the title is printed once
    assert not any(w.code == "label-copy" for w in report.warnings)


def test_an_empty_label_falls_back_to_the_description_with_a_warning(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0004")
    services.update(archive, replace(obj, label_en=""))
    out = tmp_path / "fallback.pdf"
    report = print_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", A4_PAGE), out)
    assert squash(obj.description_en)[:30] in squash(text_of(out))
    copy = [w for w in report.warnings if w.code == "label-copy"]
    assert [w.problem.field for w in copy] == ["label_en"] and "description" in copy[0].message


def test_the_budget_applies_to_the_label_text(archive):
    obj = services.object_by_accession(archive, "HY1944.0005")
    services.update(archive, replace(obj, label_zh="衡阳守军坚守孤城。" * 20))
    warnings = check_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", A4_PAGE))
    assert any(w.code == "budget" and "Chinese text has 160 characters" in w.message for w in warnings)


# ---------------------------------------------------------------- record status

def _set_status(archive, accession: str, status: str) -> ArchiveObject:
    obj = services.object_by_accession(archive, accession)
    return services.update(archive, replace(obj, record_status=status))


def test_only_published_records_get_labels_unless_asked(archive):
    from exhibit.printing.select import select_objects

    everything = {o.accession for o in select_objects(archive, Selection(everything=True))}
    _set_status(archive, "HY1944.0001", "draft")
    _set_status(archive, "HY1944.0002", "reviewed")
    published = {o.accession for o in select_objects(archive, Selection(everything=True))}
    assert published == everything - {"HY1944.0001", "HY1944.0002"}
    reviewed = {o.accession for o in select_objects(archive, Selection(everything=True, status="reviewed"))}
    assert reviewed == everything - {"HY1944.0001"}
    assert {o.accession for o in select_objects(archive, Selection(everything=True, status="draft"))} == everything


def test_an_unpublished_object_named_by_accession_prints_with_a_warning(archive, tmp_path):
    _set_status(archive, "HY1944.0001", "draft")
    out = tmp_path / "draft.pdf"
    report = print_labels(archive, Selection(accessions=("HY1944.0001", "HY1944.0002")),
                          LabelJob("object", A4_PAGE), out)
    assert report.labels == 2
    status = [w for w in report.warnings if w.code == "status"]
    assert len(status) == 1 and "HY1944.0001" in status[0].label and "draft" in status[0].message


def test_a_section_of_drafts_says_why_nothing_prints(archive, tmp_path):
    from exhibit.printing.select import select_objects

    for obj in select_objects(archive, Selection(section="s5-memory")):
        _set_status(archive, obj.accession, "reviewed")
    with pytest.raises(EmptySelection, match="not published"):
        print_labels(archive, Selection(section="s5-memory"), LabelJob("object", A4_PAGE), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    report = print_labels(archive, Selection(section="s5-memory", status="reviewed"),
                          LabelJob("object", A4_PAGE), tmp_path / "x.pdf")
    assert report.labels > 0


def test_cli_status_and_include_drafts(archive, tmp_path, capsys):
    _set_status(archive, "HY1944.0001", "draft")
    root = str(archive.root)
    out = tmp_path / "cli.pdf"
    assert run(["--archive", root, "labels", "--section", "s1-road", "--page", "A4", "--out", str(out)]) == 0
    published = int(re.search(r"(\d+) label", capsys.readouterr().out).group(1))
    assert run(["--archive", root, "labels", "--section", "s1-road", "--page", "A4", "--include-drafts",
                "--out", str(out)]) == 0
    assert int(re.search(r"(\d+) label", capsys.readouterr().out).group(1)) == published + 1
    assert "HY1944.0001" in text_of(out)


# ---------------------------------------------------------------- type

def test_an_object_card_sets_title_tombstone_and_body_at_the_tables_sizes(archive, tmp_path):
    out = tmp_path / "card.pdf"
    print_labels(archive, Selection(section="s3-siege"), LabelJob("object", A4_PAGE), out)
    card = typography.TYPES[("object", "card")]
    for page in range(3):
        runs = runs_of(out, page)
        sizes = {size for *_, size, _x, _y in [(t, f, s, x, y) for t, f, s, x, y in runs]}
        assert min(sizes) >= card.floor("meta") - 0.01
        bold = [(t, s) for t, f, s, _, _ in runs if base(f).endswith("-Bold")]
        assert bold and all(s >= card.floor("title") for _, s in bold)          # titles: 28 pt bold
        body = [s for t, f, s, _, _ in runs if s > 20 and not base(f).endswith("-Bold")]
        assert body and min(body) >= card.floor("body")                           # body: 22 pt or more


def test_text_that_would_fall_below_its_floor_is_refused_naming_record_and_field(archive, tmp_path):
    out = tmp_path / "small.pdf"
    warnings = check_labels(archive, Selection(accessions=("HY1944.0001",)),
                            LabelJob("object", layout.single_page("A6")))
    errors = [w for w in warnings if w.level == "error"]
    assert errors and "HY1944.0001" in errors[0].label
    assert "22 pt" in errors[0].message and "label_zh" in errors[0].message
    with pytest.raises(Exception, match="HY1944.0001.*does not fit even at 22 pt"):
        print_labels(archive, Selection(accessions=("HY1944.0001",)),
                     LabelJob("object", layout.single_page("A6")), out)
    assert not out.exists()


def test_two_typefaces_embedded_as_subsets_with_a_real_bold(archive, tmp_path):
    out = tmp_path / "fonts.pdf"
    print_labels(archive, Selection(accessions=("HY1944.0003",)), LabelJob("object", A4_PAGE), out)
    reader = PdfReader(out)
    names = set()
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"])                     # a subset
        assert "/FontFile2" in font["/FontDescriptor"].get_object()            # TrueType outlines, embedded
        names.add(base(str(font["/BaseFont"])))
    assert {"NotoSansSC", "NotoSansSC-Bold", "SourceSans3", "SourceSans3-Bold"} <= {
        n.split("-Regular")[0] for n in names}, names


def test_curly_quotes_and_apostrophes_print_as_latin_glyphs(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0006")
    services.update(archive, replace(obj, name_en="The Harbour’s Mouth badge",
                                     label_en="A badge from the “Harbour’s Mouth” station — worn daily."))
    out = tmp_path / "quotes.pdf"
    print_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", A4_PAGE), out)
    runs = runs_of(out)
    for mark in "’“”—":
        holding = [base(f) for t, f, *_ in runs if mark in t]
        assert holding and all(name.startswith("SourceSans3") for name in holding), (mark, holding)
    assert "Harbour’s" in text_of(out) and "’ s" not in text_of(out)


def test_labels_on_a_sheet_keep_their_floor_and_the_line_rules(archive, tmp_path):
    out = tmp_path / "sheet.pdf"
    print_labels(archive, Selection(section="s2-defence"), LabelJob("object", layout.sheet("a4-1x2")), out)
    sheet = typography.TYPES[("object", "sheet")]
    reader = PdfReader(out)
    for page in range(len(reader.pages)):
        runs = runs_of(out, page)
        assert min(s for _, _, s, _, _ in runs) >= sheet.floor("meta") - 0.01
        assert max(s for _, f, s, _, _ in runs if not base(f).endswith("-Bold")) >= sheet.min_pt
        lines = [ln.strip() for ln in reader.pages[page].extract_text().splitlines() if ln.strip()]
        assert not [ln for ln in lines if ln[0] in CANNOT_START and re.search(r"[\u4e00-\u9fff]", ln)]
    # Nothing outside its label: every run starts inside the label's trim box.
    slots = layout.sheet("a4-1x2").slots()
    for _, _, _, x, y in runs_of(out, 0):
        assert any(b.x - 0.5 <= x <= b.x + b.w and b.y <= y <= b.y + b.h for b in slots), (x, y)


def test_every_line_of_the_sample_fits_its_column(archive):
    """No line is wider than its box (a closing mark's blank half may pass the margin)."""
    from exhibit.printing.labels import contents, kind_of, prepare

    for setup in (A4_PAGE, layout.sheet("a4-1x2")):
        job = LabelJob("object", setup)
        for prep in prepare(contents(archive, Selection(everything=True), job), job):
            for f in prep.fits:
                for placed in f.placed:
                    k = placed.para.style.fontSize
                    for unused, a, b, squeeze in placed.para.spans:
                        tail = k * placed.para.shape.tail[b - 1] if b > a and placed.para.cjk else 0.0
                        # English may use Paragraph's small overrun, taken back from its word spaces.
                        closed_up = squeeze * placed.para.text.count(" ", a, b)
                        assert unused - closed_up >= -tail - 1e-6, (prep.content.name, placed.block.field)
        assert kind_of(job).name == "object"


# ---------------------------------------------------------------- punctuation

def test_halfwidth_punctuation_between_han_is_found_and_normalised():
    assert halfwidth_marks("衡阳,湖南") == ["阳,湖"]
    assert normalise("衡阳, 湖南;长沙:株洲?是!好.") == "衡阳，湖南；长沙：株洲？是！好."
    assert normalise("日军第11军(横山勇)于六月抵达") == "日军第11军（横山勇）于六月抵达"
    for untouched in ("HY1944.0001", "Hengyang, Hunan", "衡阳 Hengyang, 1944", "(Hengyang)城", "3.5厘米"):
        assert normalise(untouched) == untouched and halfwidth_marks(untouched) == []


def test_the_checker_flags_halfwidth_punctuation(archive):
    obj = services.object_by_accession(archive, "HY1944.0007")
    services.update(archive, replace(obj, label_zh=obj.label_zh.replace("，", ",", 2)))
    warnings = check_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", A4_PAGE))
    flagged = [w for w in warnings if w.code == "punctuation"]
    assert [w.problem.field for w in flagged] == ["label_zh"] and w_level(flagged) == {"warning"}


def w_level(warnings) -> set[str]:
    return {w.level for w in warnings}


def test_fix_punctuation_is_a_dry_run_unless_applied_then_one_recorded_transaction(archive, capsys):
    a = services.object_by_accession(archive, "HY1944.0008")
    services.update(archive, replace(a, label_zh="炮弹破片,采自五桂岭;" + a.label_zh))
    b = services.object_by_accession(archive, "HY1944.0009")
    services.update(archive, replace(b, name_zh="中正式步枪(复制)", credit_zh="本馆征集,示例"))
    history_before = len(services.history(archive))
    root = str(archive.root)

    assert run(["--archive", root, "labels", "--fix-punctuation"]) == 0
    out = capsys.readouterr().out
    dry = int(re.search(r"(\d+) field\(s\) in (\d+) record\(s\) would change", out).group(1))
    assert dry >= 3 and "HY1944.0008" in out
    assert services.object_by_accession(archive, "HY1944.0008").label_zh.startswith("炮弹破片,")
    assert len(services.history(archive)) == history_before                  # nothing written

    assert run(["--archive", root, "labels", "--fix-punctuation", "--apply"]) == 0
    out = capsys.readouterr().out
    assert f"{dry} field(s)" in out and "changed" in out
    fixed_a = services.object_by_accession(archive, "HY1944.0008")
    fixed_b = services.object_by_accession(archive, "HY1944.0009")
    assert fixed_a.label_zh.startswith("炮弹破片，采自五桂岭；")
    assert (fixed_b.name_zh, fixed_b.credit_zh) == ("中正式步枪（复制）", "本馆征集，示例")
    entries = services.history(archive, "object", fixed_b.id)
    assert entries[0].action == "update" and entries[0].before["name_zh"] == "中正式步枪(复制)"
    assert entries[0].after["name_zh"] == "中正式步枪（复制）"
    assert fix_archive(archive, apply=False) == []                           # nothing left to fix
    # Undone like any edit: the history's "before" put back restores the text.
    services.update(archive, replace(fixed_b, **{k: entries[0].before[k] for k in ("name_zh", "credit_zh")}))
    assert services.object_by_accession(archive, "HY1944.0009").name_zh == "中正式步枪(复制)"


def test_fix_punctuation_writes_in_one_transaction(archive, monkeypatch):
    """A failure half-way leaves every field as it was."""
    a = services.object_by_accession(archive, "HY1944.0010")
    services.update(archive, replace(a, label_zh="臂章,第十军"))
    b = services.object_by_accession(archive, "HY1944.0011")
    services.update(archive, replace(b, label_zh="胸章,预十师"))
    real_update = services.update
    calls = {"n": 0}

    def failing(arch, record):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk gone")
        return real_update(arch, record)

    monkeypatch.setattr(services, "update", failing)
    with pytest.raises(RuntimeError):
        fix_archive(archive, apply=True)
    monkeypatch.setattr(services, "update", real_update)
    assert services.object_by_accession(archive, "HY1944.0010").label_zh == "臂章,第十军"
    assert services.object_by_accession(archive, "HY1944.0011").label_zh == "胸章,预十师"


def test_the_faces_are_the_ones_registered():
    from exhibit.printing.fonts import faces_of, register

    register()
    faces = faces_of("衡阳 Hengyang", bold=True)
    assert faces[0] == FONT_BOLD and faces[-1] == LATIN_BOLD
    assert faces_of("衡阳 Hengyang")[0] == FONT and faces_of("衡阳 Hengyang")[-1] == LATIN
