"""The record editor: the tabs beside the curator window's list for the record that is open.

    forms.py          the record form, validated as the curator types
    links.py          the record's links to other records (dragged in or picked)
    media.py          the record's images: add, order, remove, open
    history.py        who changed what, when; an object's movements
    panel_preview.py  a panel as the kiosk will show it
    picker.py         search and pick records to link
    viewer.py         one image, zoomed and panned, with its captions
"""
