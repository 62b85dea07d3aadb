"""Reading the contact tree as a user sees it, for the window tests."""


def tree_names(window) -> list[str]:
    """Every person's name in the tree, group by group, in order."""
    model = window.contact_tree.model
    names = []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        model.fetchMore(group)
        names += [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    return names
