"""Search finds real names however they are typed: with or without their diacritics,
in any case, with curly or straight apostrophes and any hyphen, and pinyin with or
without tone marks; a record's own name outranks the caption of an image naming it."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from exhibit import listing, media_records, search, services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject, Person, Place
from tests.search_words import indexed_words

# Real names as they are written, with a word of each a user may search alone.
NAMES = [
    ("Élisabeth Vigée Le Brun", "Vigée", "fr"),
    ("Besançon", "Besançon", "fr"),
    ("Liège", "Liège", "fr"),
    ("Albrecht Dürer", "Dürer", "de"),
    ("Würzburg", "Würzburg", "de"),
    ("Carl Friedrich Gauß", "Gauß", "de"),
    ("Weißenfels", "Weißenfels", "de"),
    ("Łódź", "Łódź", "pl"),
    ("Józef Piłsudski", "Piłsudski", "pl"),
    ("Antonín Dvořák", "Dvořák", "cs"),
    ("České Budějovice", "Budějovice", "cs"),
    ("Võ Nguyên Giáp", "Giáp", "vi"),
    ("Đà Nẵng", "Nẵng", "vi"),
    ("Mustafa Kemal Atatürk", "Atatürk", "tr"),
    ("Iğdır", "Iğdır", "tr"),
    ("İzmir", "İzmir", "tr"),
    ("Tōjō Hideki", "Tōjō", "ja"),
    ("Ōsaka", "Ōsaka", "ja"),
    ("Kyūshū", "Kyūshū", "ja"),
    ("Fāng Xiānjué", "Xiānjué", "zh-pinyin"),
    ("Lǚ Xùn", "Xùn", "zh-pinyin"),
    ("Søren Kierkegaard", "Søren", "da"),
    ("Ærøskøbing", "Ærøskøbing", "da"),
    ("Ålesund", "Ålesund", "no"),
    ("Þingvellir", "Þingvellir", "is"),
    ("Guðrún Ósvífursdóttir", "Guðrún", "is"),
    ("São Paulo", "São", "pt"),
    ("Győr", "Győr", "hu"),
    ("Timișoara", "Timișoara", "ro"),
]

# How each name is typed without its marks: what a user with a plain keyboard types.
PLAIN = {
    "Vigée": "vigee", "Besançon": "besancon", "Liège": "liege", "Dürer": "durer",
    "Würzburg": "wurzburg", "Gauß": "gauss", "Weißenfels": "weissenfels", "Łódź": "lodz",
    "Piłsudski": "pilsudski", "Dvořák": "dvorak", "Budějovice": "budejovice", "Giáp": "giap",
    "Nẵng": "nang", "Atatürk": "ataturk", "Iğdır": "igdir", "İzmir": "izmir", "Tōjō": "tojo",
    "Ōsaka": "osaka", "Kyūshū": "kyushu", "Xiānjué": "xianjue", "Xùn": "xun", "Søren": "soren",
    "Ærøskøbing": "aeroskobing", "Ålesund": "alesund", "Þingvellir": "thingvellir",
    "Guðrún": "gudrun", "São": "sao", "Győr": "gyor", "Timișoara": "timisoara",
}


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory):
    """One archive: each name as a person, and a place under its name written plainly."""
    archive = Archive.open(tmp_path_factory.mktemp("names") / "archive", user="tester")
    people = {}
    for i, (name, _, lang) in enumerate(NAMES):
        people[name] = services.create(archive, Person(
            key=f"person-{i:02d}", name_en=name, bio_en=f"A name in {lang}, as it is written."))
    # Written plainly, as English newspapers did.
    services.create(archive, Place(key="plain-gdansk", name_en="Gdansk"))
    services.create(archive, Place(key="plain-malmo", name_en="Malmo"))
    services.create(archive, Person(key="plain-togo", name_en="Shigenori Togo"))
    yield archive, people
    archive.close()


def keys(archive: Archive, query: str, **filters) -> list[str]:
    return [h.ident for h in search.search(archive.db, query, **filters).hits]


def test_the_list_spans_many_languages_and_marks():
    assert len(NAMES) >= 20 and len({lang for *_, lang in NAMES}) >= 12
    assert set(PLAIN) == {word for _, word, _ in NAMES}
    # Every name really carries a mark: none is plain ASCII.
    assert all(not name.isascii() for name, _, _ in NAMES)


@pytest.mark.parametrize("name, word, lang", NAMES, ids=[n for n, _, _ in NAMES])
def test_a_name_is_found_however_it_is_typed(names, name, word, lang):
    archive, people = names
    key = people[name].key
    plain = PLAIN[word]
    typed = {
        "as written": word,
        "whole name as written": name,
        "without marks": plain,
        "upper case": word.upper(),
        "upper case without marks": plain.upper(),
        "decomposed (NFD, as some keyboards send it)": unicodedata.normalize("NFD", word),
    }
    for how, query in typed.items():
        found = keys(archive, query)
        assert found and found[0] == key, f"{how}: {query!r} → {found}"


@pytest.mark.parametrize("query, key", [
    ("Gdańsk", "plain-gdansk"),     # typed with its marks, written plainly in the record
    ("GDAŃSK", "plain-gdansk"),
    ("Malmö", "plain-malmo"),
    ("Tōgō Shigenori", "plain-togo"),
    ("TŌGŌ", "plain-togo"),
])
def test_a_name_typed_with_marks_finds_it_written_plainly(names, query, key):
    assert keys(names[0], query) == [key]


def test_letters_that_do_not_decompose_are_indexed_folded(names):
    """The tokenizer's remove_diacritics leaves ß, ł, ø, æ, ð, þ, ı as they are: the index
    holds them folded, so that both spellings meet."""
    archive, _ = names
    terms = {w[4] for w in indexed_words(archive.db, "search_fts")}
    assert {"gauss", "lodz", "pilsudski", "soren", "aeroskobing", "gudrun", "thingvellir", "igdir"} <= terms
    assert not {t for t in terms if set(t) & set("ßłøæðþı")}


def test_highlight_marks_the_name_as_written(names):
    archive, _ = names
    for query, written in (("tojo", "Tōjō"), ("GAUSS", "Gauß"), ("lodz", "Łódź"), ("aerø", "Ærø")):
        hit = search.search(archive.db, query).hits[0]
        assert f"【{written}】" in hit.highlighted(), (query, hit.highlighted())


def test_record_lists_search_the_same_way(names):
    """The curator's lists (exhibit.listing) take the same query language."""
    archive, people = names
    for query in ("lodz", "ŁÓDŹ", "dvorak", "Dvořák"):
        ids = listing.search_ids(archive, query, "person")
        assert ids, query
    assert people["Antonín Dvořák"].id in listing.search_ids(archive, "DVORAK", "person")


# ---------------------------------------------------------------- apostrophes and hyphens

@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory):
    archive = Archive.open(tmp_path_factory.mktemp("marks") / "archive", user="tester")
    # Keys that share no word with the names: only the names can be found.
    for key, name in (("mark-1", "Tim O’Brien"), ("mark-2", "Jeanne d'Arc"),
                      ("mark-3", "Saint-Étienne"), ("mark-4", "Poitou–Charentes"),
                      ("mark-5", "Gabriele D\u02bcAnnunzio")):
        services.create(archive, Person(key=key, name_en=name))
    yield archive
    archive.close()


@pytest.mark.parametrize("query, key", [
    ("O’Brien", "mark-1"), ("O'Brien", "mark-1"), ("o'brien", "mark-1"), ("OBrien", "mark-1"),
    ("obrien", "mark-1"), ("Tim O‘Brien", "mark-1"),
    ("d'Arc", "mark-2"), ("d’Arc", "mark-2"), ("Jeanne d’Arc", "mark-2"), ("darc", "mark-2"),
    ("Saint-Étienne", "mark-3"), ("saint–etienne", "mark-3"), ("saint\u2010etienne", "mark-3"),
    ("Saint—Étienne", "mark-3"), ("saint etienne", "mark-3"), ("SAINT-ETIENNE", "mark-3"),
    ("Poitou-Charentes", "mark-4"), ("poitou charentes", "mark-4"), ("Poitou–Charentes", "mark-4"),
    ("D'Annunzio", "mark-5"), ("dannunzio", "mark-5"),
])
def test_apostrophes_and_hyphens_are_alike(marks, query, key):
    assert keys(marks, query)[:1] == [key], query


def test_highlight_takes_either_apostrophe(marks):
    for query in ("o'brien", "O’Brien", "o‘brien"):
        assert "【O’Brien】" in search.search(marks.db, query).hits[0].highlighted(), query


def test_words_joined_by_a_mark_keep_their_order(marks):
    """saint-etienne is the phrase "saint etienne", not two words anywhere in the record."""
    assert keys(marks, "saint etienne") == ["mark-3"]
    assert keys(marks, "etienne-saint") == []


# ---------------------------------------------------------------- pinyin with tones

@pytest.fixture(scope="module")
def pinyin(tmp_path_factory: pytest.TempPathFactory):
    archive = Archive.open(tmp_path_factory.mktemp("pinyin") / "archive", user="tester")
    services.create(archive, Place(key="hengyang", name_zh="衡阳", name_en="Hengyang"))
    services.create(archive, Person(key="fang-xianjue", name_zh="方先觉"))  # no English name
    services.create(archive, Place(key="lushun", name_zh="旅顺"))            # lǚ: ü is v in pinyin
    services.create(archive, Place(key="yueyang", name_zh="岳阳"))
    yield archive
    archive.close()


@pytest.mark.parametrize("query, key", [
    ("héngyáng", "hengyang"), ("Héng yáng", "hengyang"), ("HÉNGYÁNG", "hengyang"), ("hengyang", "hengyang"),
    ("fāng xiānjué", "fang-xianjue"), ("Fāngxiānjué", "fang-xianjue"), ("fang xianjue", "fang-xianjue"),
    ("lǚshùn", "lushun"), ("Lǚ shùn", "lushun"), ("lvshun", "lushun"), ("lüshun", "lushun"),
    ("yuèyáng", "yueyang"),
])
def test_tone_marked_pinyin_is_pinyin(pinyin, query, key):
    assert keys(pinyin, query)[:1] == [key], query


# ---------------------------------------------------------------- ranking

def test_a_record_outranks_the_captions_of_its_images(archive):
    """The sample's helmets: each has an illustration whose caption names it. Searching
    a helmet's name finds the helmet first, its image after; and so for every object
    whose image's caption names it."""
    db = archive.db
    for query in ("钢盔", "helmet"):
        types = [h.record_type for h in search.search(db, query).hits]
        assert types[0] == "object" and "media" in types, (query, types)
        assert types.index("media") > max(i for i, t in enumerate(types) if t == "object"), (query, types)
    checked = 0
    for obj in services.list_records(archive, "object"):
        for media in media_records.media_for(archive, "object", obj.id):
            if obj.name_zh and obj.name_zh in media.caption_zh:
                order = [(h.record_type, h.record_id) for h in search.search(db, obj.name_zh, limit=50).hits]
                assert order.index(("object", obj.id)) < order.index(("media", media.id)), obj.name_zh
                checked += 1
    assert checked >= 10  # the sample illustrates most of its objects


def test_the_person_named_comes_first(archive):
    for query in ("Tōjō", "tojo", "TOJO", "东条英机"):
        first = search.search(archive.db, query).hits[0]
        assert (first.record_type, first.ident) == ("person", "tojo-hideki"), query


def test_captions_outrank_mentions_in_prose(tmp_path: Path):
    """A caption is still a title: an image captioned with the name comes before a
    record that only mentions the name in its text, after the record it shows."""
    from PIL import Image

    archive = Archive.open(tmp_path / "archive", user="tester")
    try:
        services.create(archive, ArchiveObject(accession="T.2", name_en="Field dressing",
                                               description_en="Found beside a Brodie helmet."))
        helmet = services.create(archive, ArchiveObject(accession="T.1", name_en="Brodie helmet"))
        Image.new("RGB", (8, 8), "grey").save(tmp_path / "brodie.png")
        photo, _ = media_records.import_file(archive, tmp_path / "brodie.png",
                                             caption_en="The Brodie helmet, front")
        media_records.link_media(archive, photo.id, "object", helmet.id)
        order = [h.ident for h in search.search(archive.db, "brodie").hits]
        assert order == ["T.1", "brodie.png", "T.2"]
    finally:
        archive.close()


def test_an_archive_indexed_before_folding_is_reindexed_once_on_opening(tmp_path: Path, monkeypatch):
    """Archives made before names were folded hold "straße" and "łódź" in their index:
    opening one with this version reindexes it, once."""
    archive = Archive.open(tmp_path / "archive", user="tester")
    services.create(archive, Place(key="p1", name_en="Łódź", description_en="Piotrkowska Straße"))
    with monkeypatch.context() as m, archive.transaction():
        m.setattr(search, "fold", search.normalize)  # index texts as the previous format made them
        search.rebuild(archive.db)
    archive.set_setting("search_index", "format 1; pypinyin 0.55.0; unicode 15.0.0")
    assert keys(archive, "strasse") == [] and keys(archive, "lodz") == []
    archive.close()
    archive = Archive.open(tmp_path / "archive", user="tester")
    try:
        assert keys(archive, "strasse") == ["p1"] and keys(archive, "ŁÓDŹ") == ["p1"]
        assert archive.setting("search_index") == search.index_fingerprint()
        assert not search.refresh_if_stale(archive.db)
    finally:
        archive.close()
