"""The curators' window: list, search, edit, link and illustrate every record type.

    window.py        CuratorWindow: the navigator, the record list and the editor beside it
    models.py        item models for lists of any size (table and thumbnail grid)
    record_table.py  the table view that paints a screen of rows in one pass
    structure.py     the exhibition's sections and panels, reordered by dragging
    image_import.py  image files imported off the UI thread (spreadsheets are ui/interchange)
    editor/          one record: its form, links, images, history, panel preview, picker, image viewer
    commands/        every edit as one undo step (one service call, one transaction)
"""
