"""Import and export: spreadsheets, whole-archive JSON, LIDO, IIIF and bundles (issue #6).

Modules: encodings (decoding text files), tables (CSV/TSV/XLSX → rows), xlsx
(the bounded .xlsx reader), limits (how large a table is read), jsonfile (reading
a JSON file safely), mapping (columns → fields, vocabulary terms), checking
(record rules in bulk), importer (dry run and all-or-nothing import), pipeline
(a large import on two processes), bulk (batched writes), server_import (an import
into a server archive, through the services), cells
(formula-injection protection), export (CSV/XLSX), archive_json, lido, iiif,
bundle, cli. The benchmark is bench/interchange.py, outside the program.
"""
