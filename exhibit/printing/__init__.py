"""Printing: exhibit labels, panel texts and the printed catalogue (reportlab).

    select.py      which records to print, in exhibition order
    content.py     what a label says (bilingual blocks, photo, QR address)
    typography.py  sizes, line lengths and word budgets: the one place that decides them
    layout.py      page set-ups: one label per page, label sheets, crop marks and bleed
    fit.py         fits a label's text into its box (shrink within limits, never silently cut)
    textlines.py   plain label text wrapped and drawn without Paragraph, with the same lines
    templates.py   the object label, the photo caption and the panel text, drawn on a canvas
    panels.py      the wall panel (A3/A2/A1): section band, titles, text in columns, pictures, pull quote
    checker.py     per-label warnings before printing (budgets, sizes, missing glyphs)
    labels.py      a batch of labels into one PDF
    catalogue.py   the catalogue (platypus): cover, contents, sections, entries, index, bibliography
    qr.py          vector QR codes from segno, drawn as one PDF path
    fonts.py       the embedded faces (CJK regular/bold, Latin), runs split by script, character maps
    punctuation.py half-width punctuation between Han characters: the checker's rule and --fix-punctuation
    pdfwrite.py    escaping, metadata, and writing to a temporary file then renaming
    cli.py         `labels` and `catalogue`

reportlab is imported only here, so start-up of the rest of the program stays light.
"""
