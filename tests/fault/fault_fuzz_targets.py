"""atheris fuzz targets over the import surface. Run by test_fault_fuzz.py in a subprocess
(atheris ends its process with sys.exit).

    python fault_fuzz_targets.py TARGET [libFuzzer options] [CORPUS_DIR]

Targets: image (exhibit.media_files.inspect_image on the bytes as a file), date
(exhibit.dates.parse_date on the bytes as text), csv-decode
(exhibit.interchange.encodings.decode_bytes), csv and xlsx
(exhibit.interchange.tables, the spreadsheet import's reader). Each input may raise the
project's own errors (ExhibitError and subclasses); anything else is a crash.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

# Coverage feedback from our code; nightly (EXHIBIT_NIGHTLY=1) also from Pillow's
# readers, whose instrumentation alone takes ~8 s: too slow for every CI run.
_NIGHTLY = os.environ.get("EXHIBIT_NIGHTLY", "") not in ("", "0")

with atheris.instrument_imports(include=["exhibit", *(["PIL"] if _NIGHTLY else [])]):
    from PIL import Image

    Image.init()                      # import the format plugins now, inside the instrumented block
    from exhibit import dates, media_files
    from exhibit.errors import ExhibitError
    try:
        from exhibit.interchange import encodings, tables
    except ImportError:               # the interchange package is not there yet
        encodings = tables = None

_scratch = Path(tempfile.mkdtemp(prefix="exhibit-fuzz-"))


def image(data: bytes) -> None:
    path = _scratch / "input.img"
    path.write_bytes(data)
    try:
        media_files.inspect_image(path)
    except ExhibitError:
        pass


def date_text(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(200)
    try:
        parsed = dates.parse_date(text)
    except ExhibitError:
        return
    if parsed.start is not None:
        again = dates.parse_date(dates.format_range(parsed, "en"))   # what it prints it reads again
        assert (again.start, again.end) == (parsed.start, parsed.end), (text, parsed, again)


def csv_decode(data: bytes) -> None:
    try:
        encodings.decode_bytes(data, "fuzz.csv")
    except ExhibitError:
        pass


def csv_table(data: bytes) -> None:
    try:
        tables.read_delimited(Path("fuzz.csv"), data=data)
    except ExhibitError:
        pass


def xlsx_table(data: bytes) -> None:
    path = _scratch / "input.xlsx"
    path.write_bytes(data)
    try:
        tables.read_table(path)
    except ExhibitError:
        pass


TARGETS = {"image": image, "date": date_text, "csv-decode": csv_decode, "csv": csv_table,
           "xlsx": xlsx_table}


def main() -> None:
    target = TARGETS[sys.argv[1]]
    if target in (csv_decode, csv_table, xlsx_table) and tables is None:
        print("SKIP exhibit.interchange.encodings is not there", flush=True)
        os._exit(0)
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
