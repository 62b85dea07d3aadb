"""Two-way sync with the CardDAV and CalDAV servers people run or rent (Nextcloud, Radicale,
Baïkal, Fastmail, iCloud): accounts and discovery (``accounts``), the few WebDAV requests
(``dav``), people as vCards (``contacts``), interviews and follow-ups as VEVENTs and VTODOs
(``calendar``), and one sync of an account (``engine``). No Qt: it runs in a worker thread.
"""
