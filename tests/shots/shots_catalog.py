"""People → Organizations & Career Fields: both tabs, the merge picker, and at 1024×600."""

from __future__ import annotations

from netdesk.db.models import CareerField, Organization


def shots(window):
    from netdesk.ui.people.catalog_dialog import CatalogDialog

    # What typing in the person editor leaves behind, so the dialog shows what it is for;
    # removed again at the end so later shots see the sample network as it was.
    strays = [Organization.create(name=n) for n in ("Brightleaf", "Cascade Health Dept")]
    stray_field = CareerField.create(name="Public hlth")

    dialog = CatalogDialog(window)
    page = dialog.current_page()
    page.select_ids([strays[0].id])
    yield "catalog-organizations", dialog

    dialog = CatalogDialog(window, kind="career_field")
    dialog.current_page().select_ids([stray_field.id])
    yield "catalog-career-fields", dialog

    dialog = CatalogDialog(window)
    dialog.current_page().select_ids([strays[0].id])
    merge = dialog.merge_selected()
    merge.filter.setText("bright")
    yield "catalog-merge", merge
    dialog.close()

    # As small as it goes (a 1024×600 screen at 150 % leaves about 680×400).
    dialog = CatalogDialog(window)
    dialog.resize(dialog.minimumSizeHint())
    dialog.current_page().filter.setText("a")
    yield "catalog-smallest", dialog

    for stray in strays:
        stray.delete_instance()
    stray_field.delete_instance()
