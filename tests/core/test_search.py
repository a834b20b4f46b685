"""Search: every query kind a curator or visitor types, filters, ranking, snippets."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ValidationError
from exhibit.records import ArchiveObject, Event, Panel, Person, Section
from tests.search_words import indexed_words

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


@pytest.fixture
def small(blank_archive):
    a = blank_archive
    s1 = services.create(a, Section(code="s1", title_zh="孤城布防", title_en="Preparing the Defence"))
    s2 = services.create(a, Section(code="s2", title_zh="铭记", title_en="Remembrance"))
    p1 = services.create(a, Panel(code="p1", section_id=s1.id, title_zh="第十军",
                                  title_en="The 10th Army",
                                  body_zh="军长方先觉率第十军坚守衡阳四十七天。",
                                  body_en="Commander Fang Xianjue and the 10th Army held Hengyang for 47 days."))
    p2 = services.create(a, Panel(code="p2", section_id=s2.id, title_zh="抗战纪念城",
                                  title_en="The memorial city", body_zh="1947年在岳屏山举行命名典礼。",
                                  body_en="The naming ceremony was held on Yuepingshan in 1947."))
    helmet = services.create(a, ArchiveObject(
        accession="HY1944.0002", name_zh="钢盔", name_en="Steel helmet", category="weapon",
        date_text="1944年", description_zh="衡阳保卫战中守军使用的钢盔。",
        description_en="A helmet worn in the defence."))
    brick = services.create(a, ArchiveObject(
        accession="HY1948.0007", name_zh="纪念城碑砖", name_en="Brick from the memorial monument",
        category="stone_carving", date_text="1948-04", description_zh="衡阳抗战纪念城碑的砖。",
        description_en="A brick from the monument of the memorial city at Hengyang."))
    services.link(a, "panel", p1.id, "object", helmet.id)
    services.link(a, "panel", p2.id, "object", brick.id)
    fang = services.create(a, Person(key="fang-xianjue", name_zh="方先觉", name_en="Fang Xianjue",
                                     role_zh="第十军军长", role_en="Commander of the 10th Army"))
    services.create(a, Event(key="ceasefire", date_text="1944-08-08", title_zh="衡阳停火",
                             title_en="Ceasefire at Hengyang",
                             description_zh="方先觉与日军谈判停火。", description_en="Fang negotiates a ceasefire."))
    return {"archive": a, "s1": s1, "s2": s2, "p1": p1, "p2": p2, "helmet": helmet,
            "brick": brick, "fang": fang}


def found(archive, query, **filters) -> list[tuple[str, str]]:
    result = search.search(archive.db, query, **filters)
    return [(h.record_type, h.ident or h.title_zh) for h in result.hits]


@pytest.mark.parametrize("query, expected", [
    ("盔", ("object", "HY1944.0002")),                 # one character
    ("钢盔", ("object", "HY1944.0002")),               # two characters
    ("军长", ("person", "fang-xianjue")),              # two characters inside a longer word
    ("衡阳保卫战", ("object", "HY1944.0002")),         # a five-character phrase
    ("纪念城碑", ("object", "HY1948.0007")),
    ("helmet", ("object", "HY1944.0002")),             # English word
    ("Helmet", ("object", "HY1944.0002")),             # any case
    ("memorial monument", ("object", "HY1948.0007")),  # several English words
    ("gangkui", ("object", "HY1944.0002")),            # toneless pinyin
    ("fang xianjue", ("person", "fang-xianjue")),      # pinyin with a space
    ("fangxianjue", ("person", "fang-xianjue")),
    ("fxj", ("person", "fang-xianjue")),               # initials
    ("HY1944.0002", ("object", "HY1944.0002")),        # accession number
    ("hy1948.0007", ("object", "HY1948.0007")),
    ("ＨＹ１９４４．０００２", ("object", "HY1944.0002")),  # full-width input
])
def test_query_kinds_find_the_record(small, query, expected):
    assert expected in found(small["archive"], query)


def test_two_character_query_finds_every_record_containing_it(small):
    hits = found(small["archive"], "衡阳")
    assert ("object", "HY1944.0002") in hits and ("object", "HY1948.0007") in hits
    assert ("panel", "p1") in hits and ("event", "ceasefire") in hits


def test_phrase_means_adjacent_characters(small):
    # 阳衡 never occurs although both characters do.
    assert found(small["archive"], "阳衡") == []


def test_title_match_ranks_above_body_match(small):
    hits = found(small["archive"], "方先觉")
    assert hits[0] == ("person", "fang-xianjue")


def test_filters(small):
    a = small["archive"]
    assert {t for t, _ in found(a, "衡阳", record_types=["object"])} == {"object"}
    assert found(a, "衡阳", category="stone_carving") == [("object", "HY1948.0007")]
    in_s1 = found(a, "衡阳", section_id=small["s1"].id)
    assert ("object", "HY1944.0002") in in_s1 and ("object", "HY1948.0007") not in in_s1
    assert ("panel", "p1") in in_s1
    # Date range: overlap with August 1944 keeps the ceasefire, drops the 1948 brick.
    august = found(a, "衡阳", date_from="1944-08-01", date_to="1944-08-31")
    assert ("event", "ceasefire") in august and ("object", "HY1948.0007") not in august


def test_snippet_highlights_the_match(small):
    result = search.search(small["archive"].db, "岳屏山")
    hit = result.hits[0]
    assert "【岳屏山】" in hit.highlighted()
    assert hit.highlighted("<b>", "</b>").count("<b>") == 1


def test_a_snippet_shows_chinese_punctuation_as_written():
    """The match is found in the text's NFKC form, as the index holds it, but a visitor
    reads the text as the curator wrote it: full-width commas and brackets stay."""
    bugle = ArchiveObject(accession="HY1944.0100", name_zh="铜号", name_en="Bugle",
                          description_zh="日军围攻衡阳，守军（第十军）坚守四十七天：城破。")
    snippet, spans = search.make_snippet(bugle, ["第十军"])
    assert "，" in snippet and "（第十军）" in snippet and "：" in snippet
    assert "," not in snippet and "(" not in snippet
    assert [snippet[a:b] for a, b in spans] == ["第十军"]
    typed_wide = ArchiveObject(accession="ＨＹ１９４４.0100", name_zh="铜号")
    snippet, spans = search.make_snippet(typed_wide, ["hy1944"])
    assert [snippet[a:b] for a, b in spans] == ["ＨＹ１９４４"]


def test_result_count_and_paging(small):
    a = small["archive"]
    total = search.search(a.db, "衡阳").total
    first = search.search(a.db, "衡阳", limit=2)
    rest = search.search(a.db, "衡阳", limit=10, offset=2)
    assert first.total == total and len(first.hits) == 2
    assert len(first.hits) + len(rest.hits) == total


def test_index_follows_updates_deletes_and_links(small):
    a = small["archive"]
    helmet = small["helmet"]
    services.update(a, replace(helmet, name_zh="德式钢盔"))
    assert ("object", "HY1944.0002") in found(a, "德式")
    # Moving the helmet to a panel of section 2 moves it in the section filter.
    services.link(a, "panel", small["p2"].id, "object", helmet.id)
    assert ("object", "HY1944.0002") in found(a, "钢盔", section_id=small["s2"].id)
    services.delete(a, "object", helmet.id, cascade=True)
    assert found(a, "钢盔") == []


def test_failed_write_leaves_index_unchanged(small):
    a = small["archive"]
    with pytest.raises(ValidationError):
        services.create(a, ArchiveObject(accession="HY1944.0002", name_zh="重复的钢盔"))
    assert found(a, "重复") == []


@pytest.mark.parametrize("query", ["", "   ", "***", '"', "AND", "NEAR(", "a OR", "\ud800", "x" * 5000])
def test_odd_queries_never_raise(small, query):
    search.search(small["archive"].db, query)


def test_pinyin_segmentation():
    assert search.segment_pinyin("hengyang") == (["heng", "yang"], False)
    assert search.segment_pinyin("fangxianjue") == (["fang", "xian", "jue"], False)
    assert search.segment_pinyin("hengy") == (["heng", "y"], True)
    assert search.segment_pinyin("tiger") is None or search.segment_pinyin("tiger")[1]
    assert search.segment_pinyin("1944") is None


def test_sample_archive_search(archive):
    """The sample exhibition answers the questions a visitor asks."""
    for query in ("衡阳", "方先觉", "fang xianjue", "hengyang", "机场", "Zhangjiashan", "HY1944.0001"):
        assert search.search(archive.db, query).total > 0, query


def test_broad_query_puts_title_matches_first(small, monkeypatch):
    """Past RANK_CAP matches, results are not bm25-ranked but titles still come first."""
    monkeypatch.setattr(search, "RANK_CAP", 2)
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    result = search.search(small["archive"].db, "衡阳", limit=50)
    assert result.total_is_lower_bound and result.total_text() == "2+"
    kinds = [h.title_zh for h in result.hits]
    assert kinds[0] == "衡阳停火"  # the only record with 衡阳 in its title
    broad = {(h.record_type, h.record_id) for h in result.hits}
    page2 = search.search(small["archive"].db, "衡阳", limit=2, offset=2)
    assert [(h.record_type, h.record_id) for h in page2.hits] == \
        [(h.record_type, h.record_id) for h in result.hits[2:4]]
    monkeypatch.setattr(search, "RANK_CAP", 2000)
    monkeypatch.setattr(search, "COUNT_CAP", 2000)
    ranked = {(h.record_type, h.record_id) for h in search.search(small["archive"].db, "衡阳").hits}
    assert len(result.hits) == len(broad) and broad == ranked  # same records, none twice


@pytest.mark.parametrize("text", ["衡阳保卫战 1944", "长沙 重庆・行长", "单字衡。𠀀扩展B 々〆 한글 かな 長沙",
                                  "Ｈｙ１９４４．０００２", "a衡b阳c", "㐀㐁豈更", "", "no han at all", "衡",
                                  "衡阳", "第十军守衡阳四十七天，日军伤亡惨重 the 10th Army 1944年8月8日",
                                  "方先觉率第十军在衡阳坚守四十七日城破前后伤亡极重" * 3 + "。衡",
                                  "衡阳保卫战衡阳保卫战衡阳" + "Ａ" + "㐀" * 20 + "豈"])
def test_han_tokens_are_single_characters_and_pairs(text):
    """Every Han character its own token; pairs never span two runs (the index depends on both).

    Short and long runs (search.LONG_RUN: two ways of spacing them out) give the same forms."""
    han = re.compile(f"[{search.HAN}]")
    folded = search.normalize(text)
    assert search.split_han(text) == han.sub(lambda m: f" {m.group()} ", folded)
    pairs = [p for p in search.han_bigrams(text).split() if p != "|"]
    runs = re.findall(f"[{search.HAN}]+", folded)
    assert pairs == [run[i:i + 2] for run in runs for i in range(len(run) - 1)]


@pytest.mark.sqlite_only("FTS5's tables")
def test_index_many_writes_what_index_record_writes(small):
    """A bulk import's index entries: the same rows, found by every kind of query."""
    a = small["archive"]
    db = a.db
    objects = [services.create(a, ArchiveObject(accession=f"HY2000.{i:04d}", name_zh=name, name_en=en,
                                                category="weapon", date_text="1944年7月",
                                                description_zh=f"{name}，衡阳守军所用。",
                                                description_en="Used at Hengyang."))
               for i, (name, en) in enumerate([("步枪", "Rifle"), ("军号", "Bugle"), ("家书", "Letter")])]

    def entries():
        ids = {o.id for o in objects}
        return (db.execute(
            "SELECT d.record_type, d.record_id, d.category, d.date_start, d.date_end, d.fts_crc "
            "FROM search_docs d WHERE d.record_type = 'object' AND d.record_id IN (?, ?, ?) "
            "ORDER BY d.record_id", sorted(ids)).fetchall(),
            [w for w in indexed_words(db, "search_fts") if w[0] == "object" and w[1] in ids],
            [w for w in indexed_words(db, "search_titles") if w[0] == "object" and w[1] in ids])

    one_by_one = entries()
    assert len(one_by_one[0]) == 3 and one_by_one[1] and one_by_one[2]
    with a.transaction():
        for o in objects:
            search.unindex(db, "object", o.id)
        search.index_many(db, objects)
    assert entries() == one_by_one
    for query in ("军号", "号", "junhao", "jh", "bugle", "HY2000.0001", "hy20000001"):
        assert ("object", "HY2000.0001") in found(a, query), query
    assert search.document(objects[1])[0] == " 军  号  Bugle"


def _rebuilt_words(archive) -> tuple[list, list]:
    """The words a fresh index of the same records holds (a rollback puts the old one back)."""
    db = archive.db
    db.execute("SAVEPOINT fresh")
    try:
        search.rebuild(db)
        return indexed_words(db, "search_fts"), indexed_words(db, "search_titles")
    finally:
        db.execute("ROLLBACK TO fresh")
        db.execute("RELEASE fresh")


@pytest.mark.sqlite_only("FTS5's tables")
def test_edits_leave_no_old_words_in_the_index(small):
    """The index keeps no copy of its texts: each change takes the old words out exactly."""
    a = small["archive"]
    services.update(a, replace(small["helmet"], name_zh="头盔", name_en="Helmet"))
    services.delete(a, "person", small["fang"].id)
    services.update(a, replace(small["p1"], section_id=small["s2"].id))  # its objects change section
    services.unlink(a, services.links(a, "panel", small["p2"].id, "object")[0].id)
    now = indexed_words(a.db, "search_fts"), indexed_words(a.db, "search_titles")
    assert now == _rebuilt_words(a)
    assert found(a, "头盔") == [("object", "HY1944.0002")]
    assert found(a, "steel") == []  # the old English name
    assert found(a, "fang xianjue", record_types=["person"]) == []


@pytest.mark.sqlite_only("SQLite's index fingerprint")
def test_a_record_changed_behind_the_index_gets_the_index_rebuilt(small):
    """A record changed without the index (by hand in SQL): its old words cannot be taken
    out exactly, so the next change of it rebuilds the index rather than keep wrong words."""
    a = small["archive"]
    helmet = small["helmet"]
    a.db.execute("UPDATE objects SET name_en = 'Iron helmet' WHERE id = ?", [helmet.id])
    assert found(a, "steel") == [("object", "HY1944.0002")]  # the index still has the old name
    services.update(a, replace(services.get(a, "object", helmet.id), name_zh="铁盔"))
    assert indexed_words(a.db, "search_fts") == _rebuilt_words(a)[0]
    assert found(a, "铁盔") == found(a, "iron") == [("object", "HY1944.0002")]
    assert found(a, "steel") == []


@pytest.mark.sqlite_only("SQLite's index fingerprint")
def test_an_index_made_by_another_version_is_rebuilt_on_opening(small):
    """A new pypinyin or a new way of indexing would make other texts from the same records;
    the index is then rebuilt when the archive opens, not at a curator's next save."""
    a = small["archive"]
    assert a.setting("search_index") == search.index_fingerprint()
    a.db.execute("UPDATE objects SET name_en = 'Iron helmet' WHERE id = ?", [small["helmet"].id])
    a.set_setting("search_index", "format 0; pypinyin 0.1; unicode 1.0")
    root = a.root
    a.close()
    reopened = Archive.open(root, user="tester")
    try:
        assert found(reopened, "iron") == [("object", "HY1944.0002")]
        assert reopened.setting("search_index") == search.index_fingerprint()
        assert not search.refresh_if_stale(reopened.db)  # once is enough
    finally:
        reopened.close()
