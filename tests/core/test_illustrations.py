"""Generated illustrations: keys, files, sizes and captions that say what they are."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from exhibit.sample import illustrations as ill
from exhibit.sample.illustrations import (
    MAP_SIZE,
    MOTIFS,
    OBJECT_SIZE,
    SECTION_SIZE,
    Illustration,
    render_all,
    render_map,
    render_object,
)

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
     "drawing": "rifle"},
    {"accession": "HY1944.0002", "name_zh": "家书", "name_en": "Letter home", "drawing": "letter"},
    {"accession": "HY1944.0003", "name_zh": "不明物件", "name_en": "Unidentified object",
     "drawing": "zeppelin"},
    {"accession": "HY1944.0004", "name_zh": "无图样", "name_en": "No drawing field"},
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
    return d


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        assert im.format == "PNG"
        return im.size


def _is_marked(illustration: Illustration) -> bool:
    return (illustration.caption_zh.startswith("示意图(生成插图,非历史照片)")
            and illustration.caption_en.startswith(
                "Illustration (generated, not a historical photograph)"))


def test_render_all_keys_files_sizes_and_captions(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = render_all(data_dir, out)

    assert [i.key for i in result] == [
        "map-hengyang",
        "object-HY1944.0001", "object-HY1944.0002", "object-HY1944.0003", "object-HY1944.0004",
        "section-s1-road", "section-s3-siege",
    ]
    expected_size = {"map": MAP_SIZE, "object": OBJECT_SIZE, "section": SECTION_SIZE}
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


@pytest.fixture(scope="module")
def generic_drawing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generic") / "generic.png"
    render_object(out, "no-such-motif", "藏品", "Object", "HY1944.0001")
    return out


@pytest.mark.parametrize("motif", MOTIFS)
def test_every_motif_has_its_own_drawing(motif: str, generic_drawing: Path, tmp_path: Path) -> None:
    render_object(tmp_path / "motif.png", motif, "藏品", "Object", "HY1944.0001")
    with Image.open(generic_drawing) as a, Image.open(tmp_path / "motif.png") as b:
        assert b.size == OBJECT_SIZE
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None


def test_object_drawing_shows_the_notice_band_and_text(tmp_path: Path) -> None:
    out = tmp_path / "o.png"
    render_object(out, "helmet", "钢盔", "Steel helmet", "HY1944.0002")
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
