"""The main window and what starts it: start-up, one instance per file, the welcome panel."""
