"""The sample Hengyang exhibition: as big as promised, consistent, and honest about its images."""
from __future__ import annotations

from exhibit import media_records, services
from exhibit.integrity import check_archive


def test_sample_has_the_promised_size(archive):
    stats = services.stats(archive)
    assert stats["section"] >= 4
    assert stats["panel"] >= 12
    assert stats["object"] >= 40
    assert stats["person"] >= 15
    assert stats["place"] >= 12
    assert stats["event"] >= 25
    assert stats["source"] >= 5 and stats["citation"] >= 40


def test_sample_passes_every_check(archive):
    assert check_archive(archive) == []


def test_every_content_record_is_bilingual_and_marked_sample(archive):
    for record_type in ("object", "section", "panel", "person", "place", "event"):
        for record in services.list_records(archive, record_type):
            zh, en = record.title_pair()
            assert zh and en, record.label()
            assert record.is_sample, record.label()


def test_objects_use_survey_vocabularies_and_sit_on_panels(archive):
    for obj in services.list_records(archive, "object"):
        assert obj.category and obj.material and obj.condition and obj.grade, obj.label()
        assert obj.date_start, obj.label()
        assert services.backlinks(archive, "object", obj.id, "panel"), f"{obj.label()} is on no panel"


def test_every_panel_shows_objects_and_sits_in_a_section(archive):
    for panel in services.list_records(archive, "panel"):
        assert panel.section_id is not None
        assert len(services.links(archive, "panel", panel.id, "object")) >= 2, panel.label()
        assert panel.body_zh and panel.body_en


def test_places_have_coordinates_in_hengyang(archive):
    for place in services.list_records(archive, "place"):
        assert 26.7 < place.lat < 27.0 and 112.4 < place.lon < 112.9, place.label()
        assert place.coord_basis in ("sourced", "estimate")


def test_siege_events_are_dated_within_the_47_days(archive):
    events = services.list_records(archive, "event", order="date_start")
    siege = [e for e in events if "1944-06-23" <= e.date_start <= "1944-08-08"]
    assert len(siege) >= 12
    assert any(e.date_start < "1944-06-23" for e in events)  # the campaign before the siege


def test_sample_corrects_the_seed_texts_errors(archive):
    """Sakuma was wounded, not killed; the brigade commander was 志摩源吉, not 吉摩源吉."""
    fields = [p.body_zh for p in services.list_records(archive, "panel")]
    fields += [p.body_en for p in services.list_records(archive, "panel")]
    fields += [p.bio_zh for p in services.list_records(archive, "person")]
    fields += [p.bio_en for p in services.list_records(archive, "person")]
    # The wrong name may appear only where the text says it is a misspelling.
    for text in fields:
        if "吉摩源吉" in text:
            assert "误写" in text or "misspell" in text, text
    assert any("志摩源吉" in text for text in fields)
    sakuma = services.find(archive, "person", "sakuma-tameto")
    assert "伤" in sakuma.bio_zh and "wounded" in sakuma.bio_en.lower()


def test_illustrations_are_captioned_as_such(archive):
    media = services.list_records(archive, "media")
    assert len(media) >= 40
    for item in media:
        assert item.is_illustration
        assert "非历史照片" in item.caption_zh and "not a historical photograph" in item.caption_en
    for obj in services.list_records(archive, "object"):
        assert media_records.primary_media(archive, "object", obj.id) is not None, obj.label()
