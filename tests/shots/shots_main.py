"""Main window, person editor, organization editor, welcome panel, About box."""

from netdesk.db.models import Organization, Person
from netdesk.ui.shell.welcome_panel import WelcomePanel


def shots(window):
    window.contact_tree.view.expandAll()
    yield "main-window", window
    person = Person.get(Person.first_name == "Fatima")
    window.select_person(person.id)
    yield "main-window-person", window
    window.contact_tree.filter.setText("health")
    window.contact_tree.apply_filter()
    yield "main-window-filtered", window
    window.contact_tree.filter.clear()
    window.contact_tree.apply_filter()
    good_email = window.editor.email.text()
    window.editor.email.setText("not-an-email")
    window.editor._edited()
    yield "person-editor-invalid", window
    window.editor.email.setText(good_email)  # put right, so leaving asks nothing
    window.editor._edited()
    window.editor.save_now()
    dialog = window.edit_organization(Organization.get(Organization.name.contains("Cascade")).id)
    yield "organization-editor", dialog
    welcome = WelcomePanel()
    welcome.resize(900, 600)
    yield "welcome", welcome
    yield "about", window.show_about()
