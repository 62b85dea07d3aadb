"""Storage: the SQLite file, its models, its schema migrations. No Qt, no higher layer."""

from netdesk.db.database import DatabaseFileError, open_database
from netdesk.db.models import database_proxy

__all__ = ["DatabaseFileError", "database_proxy", "open_database"]
