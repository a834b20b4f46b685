"""The curator window's import wizard and export dialog (issue #6).

    open_import_wizard(window, archive)                                  # File → Import spreadsheet…
    open_export_dialog(window, archive, record_type, selected_ids)       # File → Export…
    render_screenshots(out_dir, archive)                                 # every page, zh and en

    tasks.py          the core's import/export calls on a worker thread, each with its own connection
    labels.py         translated names of record types, fields, row results
    file_pages.py     wizard pages 1–2: choose the file, preview it
    mapping_page.py   page 3: columns → fields, load/save a mapping
    terms_editor.py   unknown vocabulary terms → existing terms
    run_pages.py      pages 4–5: the dry-run report, the import
    report_model.py   the per-row report as a table model
    import_wizard.py  the wizard
    export_dialog.py  the export dialog
    screenshots.py    offscreen pictures of both
"""
from ui.interchange.export_dialog import ExportDialog, open_export_dialog
from ui.interchange.import_wizard import ImportWizard, open_import_wizard
from ui.interchange.screenshots import render_screenshots

__all__ = ["ExportDialog", "ImportWizard", "open_export_dialog", "open_import_wizard", "render_screenshots"]
