"""The curator window's printing UI: the print dialog (options, check, preview, save, print).

    open_print_dialog(window, archive, selected_object_ids, section_id)   # File → Print…
    render_screenshots(out_dir, archive)                                  # the dialog with a preview, zh and en

    options.py       the choices, turned into a PrintRequest
    jobs.py          the core's print calls, run on a worker thread with progress and cancel
    printer.py       a built PDF onto a QPrinter, page by page at the printer's resolution
    print_dialog.py  the dialog
    screenshots.py   offscreen pictures of the dialog
"""
from ui.printing.print_dialog import PrintDialog, open_print_dialog
from ui.printing.screenshots import render_screenshots

__all__ = ["PrintDialog", "open_print_dialog", "render_screenshots"]
