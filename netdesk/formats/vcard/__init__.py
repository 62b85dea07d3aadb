"""vCard (.vcf) files: cards of versions 2.1, 3.0 and 4.0 read as people (each version by
its own rules), and netdesk's people written as vCard 3.0.

``lines`` turns text into content lines (unfolding, quoted-printable, charsets,
escapes by version), ``reading`` turns cards into person and organization
records, ``writing`` writes cards, ``loading`` reads the database in a few
batched queries for the export.
"""

from netdesk.formats.vcard.reading import WHAT, parse_vcards, read_vcards
from netdesk.formats.vcard.writing import format_vcards

__all__ = ["WHAT", "format_vcards", "parse_vcards", "read_vcards"]
