"""Qt pieces every window shares (the curator window, the kiosk, printing, import and export).

    i18n.py        the UI language: Qt translations, one catalogue per part of the UI
    qtfonts.py     a CJK font for machines that have none
    typefaces.py   the printed labels' typefaces (Source Sans 3 + Noto Sans SC) as the application font
    naming.py      record types, fields and terms by their names in the window's language (exhibit.names)
    problems.py    a problem (exhibit.problems) as a sentence in the window's language
    events.py      the "records changed" hub the views listen to
    drops.py       widgets that take drops as copies: one set of drag handlers
    background.py  background work: `run_task` for a function, `Runner` for a cancellable task with progress
    thumbnails.py  record thumbnails read off the UI thread, cached
    plaintext.py   archive text shown as plain text, never as markup
    memory.py      keep the cycle collector out of the frames; hand freed heap back
    crash.py       the last line of defence for an exception no code expected
"""
