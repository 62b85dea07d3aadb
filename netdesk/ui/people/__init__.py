"""People and organizations: the contact tree, the editors, the timeline, pickers."""
