"""Import and export: the import wizard, the export dialog, the calendar file."""
