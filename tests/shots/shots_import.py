"""Screenshots of the import wizard (each page) and the export dialog, over the sample network."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "import"


def shots(window):
    from PySide6.QtWidgets import QApplication

    from netdesk.ui.transfer.export_dialog import ExportDialog
    from netdesk.ui.transfer.import_dialog import ImportWizard

    wizard = ImportWizard(window, kind="linkedin", path=DATA / "linkedin_connections.csv")
    wizard.show()
    yield "import-1-linkedin-file", wizard
    wizard = ImportWizard(window, kind="linkedin", path=DATA / "linkedin_connections.csv")
    wizard.show()
    wizard.next()
    QApplication.processEvents()
    yield "import-2-linkedin-preview", wizard

    wizard = ImportWizard(window, kind="csv", path=DATA / "people.csv")
    wizard.show()
    wizard.next()
    yield "import-3-csv-mapping", wizard

    wizard = ImportWizard(window, kind="vcard", path=DATA.parent / "bad" / "truncated.vcf")
    wizard.show()
    wizard.next()
    yield "import-4-bad-file", wizard

    wizard = ImportWizard(window, kind="vcard", path=DATA / "apple.vcf")
    wizard.show()
    wizard.next()
    yield "import-5-vcard-preview", wizard

    wizard = ImportWizard(window, kind="csv", path=DATA / "people.csv")
    wizard.show()
    wizard.next()
    wizard.next()
    yield "import-6-csv-preview", wizard

    wizard = ImportWizard(window, kind="csv", path=DATA / "people.csv")
    wizard.show()
    wizard.next()
    wizard.next()
    wizard.next()  # Import: the sample database is a temporary copy
    yield "import-7-result", wizard

    dialog = ExportDialog(window)
    dialog.show()
    yield "export", dialog
