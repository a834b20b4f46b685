"""IIIF Presentation 3 manifests for objects with images.

`write_iiif(archive, out_dir, base_url=…)` writes a folder that any static web
server can publish at `base_url`:

    collection.json                      every manifest, labelled per language
    <accession>/manifest.json            one Manifest per object with images
    media/originals/…, media/derived/…   the images and their thumbnails

Labels, summaries and metadata are IIIF language maps ({"zh": […], "en": […]});
a value that exists in one language only is given in that one, identifiers
use "none". Each image is a Canvas of its pixel size painted by one Image
annotation (level-0 publishing: whole files, no image server needed).
Generated illustrations say so in their canvas label. Metadata labels are the
fields' names in exhibit.names, the words the record form shows.

The museum is the `provider` of every manifest and of the collection, from the
archive's settings (exhibit.institution); with no name set there is no
provider. The records' licence and the object's own rights statement go in the
metadata, not in IIIF's `rights`, which would claim them for the images
themselves. The metadata also names the object (its object name), its makers
with their roles, and where, how and of what it was made.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from exhibit import media_records, names, object_fields, services, vocab
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.institution import KEYS, institution
from exhibit.interchange import streaming
from exhibit.interchange.archive_json import safe_media_path
from exhibit.interchange.lido import written_in
from exhibit.problems import Problem
from exhibit.records import ArchiveObject, Media

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
LangMap = dict[str, list[str]]
def lang_map(zh: str = "", en: str = "") -> LangMap:
    out: LangMap = {}
    if zh:
        out["zh"] = [zh]
    if en:
        out["en"] = [en]
    return out


def _label(name: str, *, short: bool = False) -> LangMap:
    """An object field's name in both languages (exhibit.names)."""
    named = names.field("object", name)
    return lang_map(named.text("zh", short=short), named.text("en", short=short))


def _makers(stored: str) -> LangMap:
    """The makers with their roles, each language listing the names it has ("薛岳（颁发者）")."""
    try:
        makers = object_fields.read_makers(stored)
    except object_fields.FieldFormatError:
        return {}
    texts: dict[str, str] = {}
    for lang, (pattern, separator) in (("zh", ("{}（{}）", "；")), ("en", ("{} ({})", "; "))):
        shown = []
        for maker in makers:
            name = maker.name_zh if lang == "zh" else maker.name_en
            if not name:
                continue  # a name in the other language only: that language's list has it
            role = object_fields.ROLE_NAMES[maker.role][0 if lang == "zh" else 1]
            shown.append(name if maker.role == "maker" else pattern.format(name, role))
        texts[lang] = separator.join(shown)
    return lang_map(texts["zh"], texts["en"])


_TAKEN = {"", ".", "..", "media", "collection.json"}  # names that are not an object's own folder


def _slug(accession: str) -> str:
    """A file and URL name for an accession number (HY1944.0001 stays as it is).

    Never a path out of the export folder ("..", "."), nor a name the export itself uses:
    an accession number is whatever a spreadsheet said."""
    slug = quote(accession.replace("/", "_"), safe="._-~")
    return "_" + slug if slug.lower() in _TAKEN else slug


class _Builder:
    def __init__(self, archive: Archive, base_url: str):
        if not base_url.startswith(("http://", "https://")):
            raise ExhibitError(f"the IIIF base URL must start with http:// or https:// (got '{base_url}')")
        self.archive = archive
        self.base = base_url.rstrip("/")
        self.museum = institution(archive)

    def term(self, vocab_name: str, code: str) -> LangMap:
        db = self.archive.db
        zh, en = (vocab.label(db, vocab_name, code, lang) for lang in ("zh", "en"))
        # vocab.label falls back to the other language; a map keeps each label in its own.
        return lang_map(zh if written_in(zh, "zh") else "", en if written_in(en, "en") else "")

    def provider(self) -> list[dict[str, Any]]:
        """The museum as IIIF's provider Agent, or nothing when the archive names no museum."""
        museum = self.museum
        label = lang_map(museum.name_zh, museum.name_en)
        if not label:
            return []
        ident = museum.url or (f"info:isil/{museum.isil}" if museum.isil else f"{self.base}/provider")
        agent: dict[str, Any] = {"id": ident, "type": "Agent", "label": label}
        if museum.url:
            agent["homepage"] = [{"id": museum.url, "type": "Text", "label": label, "format": "text/html"}]
        return [agent]

    def rights_item(self) -> list[dict[str, Any]]:
        if not self.museum.rights:
            return []
        key = next(k for k in KEYS if k.name == "records.rights")
        return [{"label": lang_map(key.label_zh, key.label_en), "value": {"none": [self.museum.rights]}}]

    def metadata(self, obj: ArchiveObject) -> list[dict[str, Any]]:
        items = [{"label": _label("accession"), "value": {"none": [obj.accession]}}]
        object_name = lang_map(obj.object_name_zh, obj.object_name_en)
        if object_name:
            items.append({"label": _label("object_name"), "value": object_name})
        makers = _makers(obj.makers)
        if makers:
            items.append({"label": _label("makers"), "value": makers})
        for name in ("category", "material", "condition", "grade"):
            code = getattr(obj, name)
            if code:
                items.append({"label": _label(name), "value": self.term(name, code)})
        for name in ("production_place", "technique", "medium"):
            value = lang_map(getattr(obj, f"{name}_zh"), getattr(obj, f"{name}_en"))
            if value:
                items.append({"label": _label(name), "value": value})
        for name in ("date_text", "dimensions", "weight"):
            value = getattr(obj, name)
            if value:
                items.append({"label": _label(name), "value": {"none": [value]}})
        inscription = lang_map(obj.inscription_zh, obj.inscription_en)
        if inscription:
            items.append({"label": _label("inscription"), "value": inscription})
        if obj.rights:  # the object's own rights statement; the records' licence follows
            items.append({"label": _label("rights"), "value": {"none": [obj.rights]}})
        return items + self.rights_item()

    def manifest(self, obj: ArchiveObject, images: Sequence[Media]) -> dict[str, Any]:
        slug = _slug(obj.accession)
        root = f"{self.base}/{slug}"
        manifest: dict[str, Any] = {
            "@context": CONTEXT, "id": f"{root}/manifest.json", "type": "Manifest",
            "label": lang_map(obj.name_zh, obj.name_en) or {"none": [obj.accession]},
            "metadata": self.metadata(obj),
        }
        if self.provider():
            manifest["provider"] = self.provider()
        summary = lang_map(obj.description_zh, obj.description_en)
        if summary:
            manifest["summary"] = summary
        credit = lang_map(obj.credit_zh, obj.credit_en)
        if credit:
            manifest["requiredStatement"] = {"label": _label("credit", short=True), "value": credit}
        canvases = []
        for n, media in enumerate(images, start=1):
            canvas_id = f"{root}/canvas/{n}"
            image_url = f"{self.base}/media/{quote(media.path)}"
            label = lang_map(media.caption_zh, media.caption_en) or lang_map(f"图 {n}", f"Image {n}")
            if media.is_illustration:
                for lang, note in (("zh", "(插图,非历史照片)"), ("en", " (illustration, not a historical photograph)")):
                    if lang in label:
                        label[lang] = [label[lang][0] + note]
            canvas = {
                "id": canvas_id, "type": "Canvas", "label": label,
                "height": media.height, "width": media.width,
                "thumbnail": [{"id": f"{self.base}/media/derived/thumb/{media.sha256}.jpg", "type": "Image",
                               "format": "image/jpeg"}],
                "items": [{"id": f"{canvas_id}/page", "type": "AnnotationPage", "items": [{
                    "id": f"{canvas_id}/page/image", "type": "Annotation", "motivation": "painting",
                    "body": {"id": image_url, "type": "Image", "format": media.mime or "image/jpeg",
                             "height": media.height, "width": media.width},
                    "target": canvas_id}]}],
            }
            canvases.append(canvas)
        manifest["items"] = canvases
        if canvases:
            manifest["thumbnail"] = canvases[0]["thumbnail"]
        return manifest


def manifest_for(archive: Archive, obj: ArchiveObject, base_url: str) -> dict[str, Any]:
    images = media_records.media_for(archive, "object", obj.saved_id)
    return _Builder(archive, base_url).manifest(obj, images)


def write_iiif(archive: Archive, out_dir: Path | str, ids: Sequence[int] | None = None,
               base_url: str = "http://localhost:8000/iiif") -> int:
    """Write a manifest for every object with images (or those of `ids`); returns how many."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise ExhibitError(Problem(None, "iiif_not_empty", {"file": str(out)}))
    with streaming.snapshot(archive):   # the archive as it was when the export began
        return _write(archive, out, ids, base_url)


def _write(archive: Archive, out: Path, ids: Sequence[int] | None, base_url: str) -> int:
    builder = _Builder(archive, base_url)
    objects = (services.list_records(archive, ArchiveObject, order="accession") if ids is None
               else [services.get(archive, ArchiveObject, i) for i in ids])
    entries = []
    for obj in objects:
        images = media_records.media_for(archive, "object", obj.saved_id)
        if not images:
            continue
        manifest = builder.manifest(obj, images)
        folder = out / _slug(obj.accession)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        for media in images:
            if not safe_media_path(media.path):
                raise ExhibitError(f"media #{media.id} has the path {media.path!r}, which is not inside the "
                                   f"media folder; run `check` (nothing more was exported)")
            _copy(archive.media_root / media.path, out / "media" / media.path)
            _copy(media_records.derivative(archive, media, "thumb"),
                  out / "media" / "derived" / "thumb" / f"{media.sha256}.jpg")
        entries.append({"id": manifest["id"], "type": "Manifest", "label": manifest["label"]})
    museum = builder.museum
    label = lang_map(f"{museum.name_zh} 藏品" if museum.name_zh else "",
                     f"{museum.name_en}: objects" if museum.name_en else "") or lang_map("藏品", "Objects")
    collection: dict[str, Any] = {"@context": CONTEXT, "id": f"{builder.base}/collection.json",
                                  "type": "Collection", "label": label, "items": entries}
    if builder.provider():
        collection["provider"] = builder.provider()
    out.mkdir(parents=True, exist_ok=True)
    (out / "collection.json").write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(entries)


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
