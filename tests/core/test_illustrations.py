"""Generated illustrations: keys, files, sizes and captions that say what they are;
every object drawn as its own kind of thing, no drawing a copy of another."""
from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps

from exhibit import media_records, services
from exhibit.sample import illustrations as ill
from exhibit.sample.drawing import ROC_BLUE, ROC_RED, ROC_WHITE, Pen
from exhibit.sample.illustrations import (
    MAP_SIZE,
    MOTIFS,
    OBJECT_SIZE,
    PANEL_SIZE,
    SECTION_SIZE,
    Illustration,
    draw_object,
    panel_objects,
    render_all,
    render_map,
    render_object,
)
from exhibit.sample.loader import DATA_DIR
from exhibit.sample.object_kinds import GENERIC, KINDS, head_name, kind_for, kinds_depicting

PLACES = [
    {"key": "hengyang-old-city", "name_zh": "衡阳旧城", "name_en": "Old walled city",
     "lat": 26.89, "lon": 112.61, "coord_basis": "estimate"},
    {"key": "zhangjiashan", "name_zh": "张家山", "name_en": "Zhangjiashan",
     "lat": 26.88, "lon": 112.59, "coord_basis": "estimate"},
    {"key": "xiaojiashan", "name_zh": "萧家山", "name_en": "Xiaojiashan",
     "lat": 26.88, "lon": 112.59, "coord_basis": "estimate"},  # same point as Zhangjiashan
    {"key": "memorial-hall", "name_zh": "衡阳保卫战纪念馆", "name_en": "Hengyang Defence Memorial Hall",
     "lat": 26.885694, "lon": 112.547333, "coord_basis": "sourced"},
    {"key": "quanxi", "name_zh": "泉溪市", "name_en": "Quanxi",  # outside the main map
     "lat": 26.9, "lon": 112.75, "coord_basis": "estimate"},
    {"key": "nowhere", "name_zh": "无坐标", "name_en": "No coordinates",
     "lat": "", "lon": None, "coord_basis": "estimate"},
]
OBJECTS = [
    {"accession": "HY1944.0001", "name_zh": "中正式步枪", "name_en": "Chiang Kai-shek rifle",
     "drawing": "rifle", "panels": ["p1", "p2"]},
    {"accession": "HY1944.0002", "name_zh": "家书", "name_en": "Letter home", "drawing": "letter",
     "panels": ["p1", "p2"]},
    {"accession": "HY1944.0003", "name_zh": "不明物件", "name_en": "Unidentified object",
     "drawing": "zeppelin", "panels": ["p2"]},
    {"accession": "HY1944.0004", "name_zh": "无图样", "name_en": "No drawing field"},
]
PANELS = [
    {"code": "p1", "section": "s1-road", "title_zh": "湖南主战场", "title_en": "Hunan, a Main Front"},
    {"code": "p2", "section": "s3-siege", "title_zh": "第一次总攻", "title_en": "The First General Assault"},
    {"code": "p3", "section": "s3-siege", "title_zh": "无藏品", "title_en": "No objects"},
]
SECTIONS = [
    {"code": "s1-road", "title_zh": "兵临城下", "title_en": "The Road to Hengyang"},
    {"code": "s3-siege", "title_zh": "四十七天", "title_en": "The Forty-Seven Days"},
]


def _write(data_dir: Path, name: str, records: list[dict]) -> None:
    (data_dir / name).write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    _write(d, "places.json", PLACES)
    _write(d, "objects.json", OBJECTS)
    _write(d, "sections.json", SECTIONS)
    _write(d, "panels.json", PANELS)
    return d


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        assert im.format == "PNG"
        return im.size


def _is_marked(illustration: Illustration) -> bool:
    return (illustration.caption_zh.startswith("示意图（生成插图，非历史照片）：")
            and illustration.caption_en.startswith(
                "Illustration (generated, not a historical photograph)"))


def test_render_all_keys_files_sizes_captions_and_same_bytes(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = render_all(data_dir, out)

    # panels first: a panel that also shows the map keeps its own picture as its primary image
    assert [i.key for i in result] == [
        "panel-p1", "panel-p2",
        "map-hengyang",
        "object-HY1944.0001", "object-HY1944.0002", "object-HY1944.0003", "object-HY1944.0004",
        "section-s1-road", "section-s3-siege",
    ]
    expected_size = {"map": MAP_SIZE, "object": OBJECT_SIZE, "section": SECTION_SIZE, "panel": PANEL_SIZE}
    for illustration in result:
        assert illustration.path.parent == out
        assert illustration.path.is_file()
        assert _size(illustration.path) == expected_size[illustration.key.split("-")[0]]
        assert _is_marked(illustration), illustration
    by_key = {i.key: i for i in result}
    assert "中正式步枪" in by_key["object-HY1944.0001"].caption_zh
    assert "HY1944.0001" in by_key["object-HY1944.0001"].caption_en
    assert "四十七天" in by_key["section-s3-siege"].caption_zh
    assert "The Forty-Seven Days" in by_key["section-s3-siege"].caption_en
    assert "湖南主战场" in by_key["panel-p1"].caption_zh and "中正式步枪" in by_key["panel-p1"].caption_zh
    assert "家书" in by_key["panel-p2"].caption_zh  # p1 led with the rifle, so p2 leads with the letter
    # the media store keeps files by content: a rebuilt sample must give the very same bytes
    again = render_all(data_dir, tmp_path / "again")
    for a, b in zip(result, again):
        assert a.path.read_bytes() == b.path.read_bytes(), a.key


def test_each_panel_leads_with_an_object_no_earlier_panel_led_with() -> None:
    objects = [{"accession": "A", "panels": ["p1", "p2", "p3"]}, {"accession": "B", "panels": ["p2", "p3"]},
               {"accession": "C", "panels": ["p3"]}, {"accession": "D", "panels": ["p4"]}]
    panels = [{"code": c} for c in ("p1", "p2", "p3", "p4", "p5")]
    chosen = panel_objects(panels, objects)
    assert chosen == {"p1": ["A"], "p2": ["B", "A"], "p3": ["C", "A", "B"], "p4": ["D"]}
    # more panels than objects: the lead repeats only when every object has led already
    assert panel_objects([{"code": "p1"}, {"code": "p2"}], [{"accession": "A", "panels": ["p1", "p2"]}]) == \
        {"p1": ["A"], "p2": ["A"]}


def test_render_all_with_missing_files_still_draws_the_map(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "objects.json").write_text("not json", encoding="utf-8")
    result = render_all(empty, tmp_path / "out")
    assert [i.key for i in result] == ["map-hengyang"]
    assert _size(result[0].path) == MAP_SIZE


def test_unknown_motif_draws_a_generic_box(tmp_path: Path) -> None:
    for motif in ("zeppelin", "", "RIFLE "):
        out = tmp_path / f"obj-{motif.strip() or 'blank'}.png"
        render_object(out, motif, "不明物件", "Unidentified object", "HY1944.9999")
        assert _size(out) == OBJECT_SIZE


# --------------------------------------------------------------------------
# Every object its own drawing

# Two pictures are "alike" when their outlines coincide: edges found in each colour channel
# (so a recoloured copy keeps every edge), compared with a 2-pixel tolerance. Different drawings
# of the sample score at most about 0.6; a recoloured copy scores 1.0, and a kind drawn again
# with another object's random details about 0.8 or more.
ALIKE = 0.8
DRAWING_AREA = (0, 0, OBJECT_SIZE[0], 640)   # an object card above its names
PANEL_AREA = (0, 0, PANEL_SIZE[0], PANEL_SIZE[1] - 60)  # a panel picture above its notice band


class Outline:
    """The edges of a picture at half size, and the same dilated by one pixel."""

    def __init__(self, image: Image.Image, area: tuple[int, int, int, int]):
        rgb = image.convert("RGB").crop(area).reduce(2)
        found = [band.filter(ImageFilter.FIND_EDGES) for band in rgb.split()]
        edges = ImageChops.lighter(ImageChops.lighter(found[0], found[1]), found[2])
        self.edges = edges.point(lambda v: 255 if v > 40 else 0)
        self.near = self.edges.filter(ImageFilter.MaxFilter(3))
        self.count = self.edges.histogram()[255]

    def alike(self, other: "Outline") -> float:
        """The share of either picture's edges that the other has too (the smaller share)."""
        def share(a: Outline, b: Outline) -> float:
            return ImageChops.multiply(a.edges, b.near).histogram()[255] / a.count if a.count else 0.0
        return min(share(self, other), share(other, self))


def _on_card(drawing: Image.Image) -> Image.Image:
    card = Image.new("RGB", OBJECT_SIZE, ill.OBJ_BG_TOP)
    card.paste(drawing, ((card.width - drawing.width) // 2, (640 - drawing.height) // 2), drawing)
    return card


@pytest.fixture(scope="module")
def kind_outlines() -> dict[str, Outline]:
    """Every kind of drawing, and the generic box, as it would sit on an object card."""
    kinds = {**KINDS, GENERIC.name: GENERIC}
    return {name: Outline(_on_card(draw_object(kind, "HY1944.0001")), DRAWING_AREA) for name, kind in kinds.items()}


def _most_alike(outlines: dict[str, Outline]) -> tuple[float, str, str]:
    return max((a.alike(b), na, nb) for (na, a), (nb, b) in itertools.combinations(outlines.items(), 2))


def test_no_two_kinds_of_drawing_look_alike(kind_outlines: dict[str, Outline]) -> None:
    score, a, b = _most_alike(kind_outlines)
    print(f"most alike kinds: {a} and {b}, {score:.2f}")
    assert score < ALIKE, f"{a} and {b} draw nearly the same picture ({score:.2f})"


def test_the_likeness_measure_catches_copies(kind_outlines: dict[str, Outline]) -> None:
    """What the tests above and below rely on: recoloured copies, or one kind drawn for two objects, are alike."""
    for name in ("blood_chit", "senninbari", "railway_badge", "chest_badge", "notice"):
        card = _on_card(draw_object(KINDS[name], "HY1944.0001"))
        red, green, blue = card.split()
        swapped = Image.merge("RGB", (blue, red, green))                   # red flag → blue flag
        toned = ImageOps.colorize(card.convert("L"), (20, 30, 90), (250, 240, 200))  # another palette
        again = _on_card(draw_object(KINDS[name], "HY1944.0042"))          # the same kind, another object
        for copy in (swapped, toned, again):
            assert kind_outlines[name].alike(Outline(copy, DRAWING_AREA)) >= ALIKE, name


def test_every_sample_object_has_a_kind_of_drawing_matched_to_it() -> None:
    """objects.json names a known kind for each object, the one kind its Chinese name matches, used once."""
    objects = json.loads((DATA_DIR / "objects.json").read_text(encoding="utf-8"))
    used: dict[str, str] = {}
    for obj in objects:
        kind = obj.get("drawing", "")
        assert kind in KINDS, f"{obj['accession']}: unknown drawing kind {kind!r}"
        assert [k.name for k in kinds_depicting(obj["name_zh"])] == [kind], \
            f"{obj['accession']} {obj['name_zh']}: drawn as {kind}"
        assert kind not in used, f"{obj['accession']} and {used.get(kind)} are both drawn as {kind}"
        used[kind] = obj["accession"]
        assert kind_for(kind, obj["name_zh"]) is KINDS[kind]


def test_a_missing_kind_is_taken_from_the_name() -> None:
    assert head_name("衡阳城区军用地图（1944年）") == "衡阳城区军用地图"
    assert kind_for("", "张家山采集中正式步枪刺刀") is KINDS["bayonet"]   # a bayonet, not a rifle
    assert kind_for("Helmet-M35 ", "") is KINDS["helmet_m35"]
    assert kind_for("zeppelin", "不明物件") is GENERIC
    assert set(MOTIFS) == set(KINDS)


def _primary_files(archive, record_type: str) -> dict[str, Path]:
    out = {}
    for record in services.list_records(archive, record_type):
        media = media_records.primary_media(archive, record_type, record.id)
        assert media is not None and media.is_illustration, record.label()
        out[record.label()] = media_records.file_path(archive, media)
    return out


def test_no_two_sample_objects_share_a_drawing(archive) -> None:
    files = _primary_files(archive, "object")
    assert len(set(files.values())) == len(files)
    outlines = {label: Outline(Image.open(path), DRAWING_AREA) for label, path in files.items()}
    score, a, b = _most_alike(outlines)
    print(f"most alike sample drawings: {a} and {b}, {score:.2f}")
    assert score < ALIKE, f"{a} and {b} look alike ({score:.2f})"


def test_every_sample_panel_has_its_own_picture(archive) -> None:
    """Panels 1.1 and 1.2 once opened on the same thumbnail; now each panel has a picture of its own."""
    files = _primary_files(archive, "panel")
    assert len(set(files.values())) == len(files)
    outlines = {label: Outline(Image.open(path), PANEL_AREA) for label, path in files.items()}
    score, a, b = _most_alike(outlines)
    print(f"most alike panel pictures: {a} and {b}, {score:.2f}")
    assert score < ALIKE, f"{a} and {b} look alike ({score:.2f})"


def test_the_roc_flag_is_drawn_as_it_is() -> None:
    """Red field, blue canton a quarter of the flag, a white sun of twelve rays with a blue ring."""
    img = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    Pen(img, 0, 0, 1).roc_flag(0, 0, 600, 400)
    rgb = img.convert("RGB")
    assert rgb.getpixel((450, 300)) == ROC_RED and rgb.getpixel((450, 60)) == ROC_RED
    assert rgb.getpixel((5, 5)) == ROC_BLUE and rgb.getpixel((295, 195)) == ROC_BLUE
    cx, cy, r = 150, 100, 200 * 0.375  # the sun: centred in the canton, its rays 3/8 of its height
    assert rgb.getpixel((cx, cy)) == ROC_WHITE                                  # the disc
    assert rgb.getpixel((round(cx + r * 0.49), cy)) == ROC_BLUE                 # the ring round it
    ring = [rgb.getpixel((round(cx + r * 0.75 * math.cos(a)), round(cy + r * 0.75 * math.sin(a)))) == ROC_WHITE
            for a in (2 * math.pi * k / 720 for k in range(720))]
    rays = sum(1 for k in range(720) if ring[k] and not ring[k - 1])
    assert rays == 12


def test_object_drawing_shows_the_notice_band_and_text(tmp_path: Path) -> None:
    out = tmp_path / "o.png"
    render_object(out, "helmet_type90", "钢盔", "Steel helmet", "HY1944.0002")
    with Image.open(out) as im:
        rgb = im.convert("RGB")
        # the dark notice band along the bottom, with light lettering on it
        band = rgb.crop((0, 850, OBJECT_SIZE[0], OBJECT_SIZE[1]))
        colours = {c for _, c in band.getcolors(1 << 16)}
        assert ill.BAND in colours
        assert any(sum(c) > 600 for c in colours)
        # something dark written in the name area (the Chinese name)
        names = rgb.crop((60, 660, 700, 720)).convert("L")
        assert names.getextrema()[0] < 90


def test_map_survives_odd_places(tmp_path: Path) -> None:
    odd = [
        {"key": "far-away", "name_zh": "远方", "name_en": "Far away", "lat": 30.0, "lon": 120.0,
         "coord_basis": "sourced"},
        {"key": "bad", "name_zh": "坏", "name_en": "Bad", "lat": "x", "lon": "y"},
        {"key": "unknown-kind", "name_zh": "某地" * 8, "name_en": "A very long English place name " * 3,
         "lat": 26.87, "lon": 112.57, "coord_basis": "estimate"},
    ]
    for places in ([], odd, PLACES):
        out = tmp_path / f"map{len(places)}.png"
        render_map(out, places)
        assert _size(out) == MAP_SIZE


def test_map_draws_estimates_hollow_and_sourced_filled(tmp_path: Path) -> None:
    def centre_pixel(basis: str) -> tuple[int, int, int]:
        place = {"key": "some-place", "name_zh": "某地", "name_en": "Somewhere",
                 "lat": 26.85, "lon": 112.565, "coord_basis": basis}
        out = tmp_path / f"{basis}.png"
        render_map(out, [place])
        proj = ill._Proj(26.886, 112.599, 115, 1300, 1190)  # the main map, final pixels
        x, y = proj(place["lat"], place["lon"])
        with Image.open(out) as im:
            return im.convert("RGB").getpixel((round(30 + x), round(128 + y)))

    hollow, filled = centre_pixel("estimate"), centre_pixel("sourced")
    assert sum(hollow) > sum(filled) + 200  # paper inside the hollow ring, ink inside the dot
