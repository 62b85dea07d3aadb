"""A small CardDAV server held in memory, for the sync benchmark only: the requests netdesk's
sync makes (PROPFIND Depth 1, REPORT sync-collection and addressbook-multiget, PUT with
If-Match / If-None-Match, DELETE), each answered in constant time, so the figures measure
netdesk's side rather than a server's storage (Radicale's PUT of a new card reads every card
of the address book, which makes 5,000 new cards take tens of minutes whoever sends them).
"""

from __future__ import annotations

import hashlib
import http.server
import itertools
import re
import threading
from xml.sax.saxutils import escape

_HREF = re.compile(rb"<d:href>([^<]+)</d:href>")
_TOKEN = re.compile(rb"<d:sync-token>([^<]*)</d:sync-token>")


class MemoryDav(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.cards: dict[str, tuple[str, bytes]] = {}  # href -> (etag, text)
        self.changes: list[tuple[int, str]] = []  # (revision, href)
        self.revision = itertools.count(1)
        self.current = 0
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def start(self) -> MemoryDav:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def store(self, href: str, text: bytes) -> str:
        etag = '"' + hashlib.sha1(text).hexdigest() + '"'
        self.cards[href] = (etag, text)
        self.current = next(self.revision)
        self.changes.append((self.current, href))
        return etag


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _answer(self, status: int, body: bytes = b"", headers: dict | None = None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _multistatus(self, parts: list[str], token: str | None = None):
        body = '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" ' \
               'xmlns:c="urn:ietf:params:xml:ns:carddav">' + "".join(parts)
        if token is not None:
            body += f"<d:sync-token>{token}</d:sync-token>"
        body += "</d:multistatus>"
        self._answer(207, body.encode(), {"Content-Type": "application/xml"})

    def do_PROPFIND(self):
        self._body()
        server = self.server
        with server.lock:
            parts = [f"<d:response><d:href>{self.path}</d:href><d:propstat><d:prop>"
                     f"<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
                     f"<d:sync-token>r{server.current}</d:sync-token>"
                     "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"]
            if self.headers.get("Depth") == "1":
                parts += [f"<d:response><d:href>{escape(h)}</d:href><d:propstat><d:prop>"
                          f"<d:getetag>{escape(e)}</d:getetag></d:prop>"
                          "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                          for h, (e, _) in server.cards.items()]
        self._multistatus(parts)

    def do_REPORT(self):
        body = self._body()
        server = self.server
        with server.lock:
            if b"sync-collection" in body:
                given = _TOKEN.search(body)
                since = int(given.group(1)[1:] or 0) if given and given.group(1) else 0
                hrefs = dict.fromkeys(h for r, h in server.changes if r > since)
                parts = []
                for href in hrefs:
                    if href in server.cards:
                        parts.append(f"<d:response><d:href>{escape(href)}</d:href><d:propstat>"
                                     f"<d:prop><d:getetag>{escape(server.cards[href][0])}"
                                     "</d:getetag></d:prop><d:status>HTTP/1.1 200 OK"
                                     "</d:status></d:propstat></d:response>")
                    else:
                        parts.append(f"<d:response><d:href>{escape(href)}</d:href>"
                                     "<d:status>HTTP/1.1 404 Not Found</d:status></d:response>")
                self._multistatus(parts, f"r{server.current}")
                return
            parts = []
            for match in _HREF.finditer(body):
                href = match.group(1).decode()
                if href in server.cards:
                    etag, text = server.cards[href]
                    parts.append(f"<d:response><d:href>{escape(href)}</d:href><d:propstat>"
                                 f"<d:prop><d:getetag>{escape(etag)}</d:getetag>"
                                 f"<c:address-data>{escape(text.decode())}</c:address-data>"
                                 "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                                 "</d:response>")
        self._multistatus(parts)

    def do_PUT(self):
        body = self._body()
        server = self.server
        with server.lock:
            existing = server.cards.get(self.path)
            match, none_match = self.headers.get("If-Match"), self.headers.get("If-None-Match")
            if (none_match == "*" and existing) or (match and (not existing
                                                               or existing[0] != match)):
                self._answer(412)
                return
            etag = server.store(self.path, body)
        self._answer(204 if existing else 201, headers={"ETag": etag})

    def do_GET(self):
        with self.server.lock:
            card = self.server.cards.get(self.path)
        if card is None:
            self._answer(404)
        else:
            self._answer(200, card[1], {"ETag": card[0], "Content-Type": "text/vcard"})

    def do_DELETE(self):
        server = self.server
        with server.lock:
            existing = server.cards.get(self.path)
            match = self.headers.get("If-Match")
            if existing is None:
                self._answer(404)
                return
            if match and existing[0] != match:
                self._answer(412)
                return
            del server.cards[self.path]
            server.current = next(server.revision)
            server.changes.append((server.current, self.path))
        self._answer(204)
