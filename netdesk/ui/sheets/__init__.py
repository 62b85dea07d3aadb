"""Printing question sheets: preview, PDF export, blank sheets."""
