"""A real Radicale for the sync tests: started on 127.0.0.1 with a temporary storage folder
and plain htpasswd auth, stopped and started again on the same storage, and a few plain
WebDAV helpers a test uses to act as a phone (PUT, GET, DELETE, list a collection).

``radicale_no_sync_token`` puts a tiny proxy in front of it that refuses
``REPORT sync-collection`` (403) and hides the ``sync-token`` property, as servers without
RFC 6578 do.
"""

from __future__ import annotations

import http.client
import http.server
import itertools
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import niquests
import pytest

_users = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, up: bool, seconds: float = 15.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Radicale on port {port} did not {'start' if up else 'stop'}")


class RadicaleServer:
    """One Radicale process; ``new_user()`` adds a user with an empty home to its htpasswd."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.users = folder / "users"
        self.users.write_text("")
        self.config = folder / "config"
        self.config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.users}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "cache_failed_logins_expiry = 0\n"
            "[storage]\n"
            f"filesystem_folder = {folder / 'collections'}\n"
            "[rights]\n"
            "type = owner_only\n"
            "[logging]\n"
            "level = warning\n"
            "mask_passwords = True\n")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "log", "ab"),  # noqa: SIM115
            env={**os.environ, "PYTHONWARNINGS": "ignore"})
        _wait_for(self.port, up=True)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None
        _wait_for(self.port, up=False)

    def new_user(self) -> tuple[str, str]:
        user, password = f"user{next(_users)}", secrets.token_hex(6)
        with self.users.open("a") as f:
            f.write(f"{user}:{password}\n")
        return user, password


class Radicale:
    """What a test sees: the server's ``url``, a fresh ``user`` and ``password``,
    ``stop()``/``start()`` on the same storage, and a phone's plain WebDAV requests."""

    def __init__(self, server: RadicaleServer, url: str | None = None):
        self.server = server
        self.url = url or server.url
        self.user, self.password = server.new_user()
        self.session = niquests.Session()
        self.session.auth = (self.user, self.password)

    def stop(self) -> None:
        self.server.stop()

    def start(self) -> None:
        self.server.start()

    def _url(self, path: str) -> str:
        if path.startswith("http"):
            return path
        return self.url.rstrip("/") + "/" + path.lstrip("/")

    def put(self, path: str, text: str, *, content_type: str | None = None) -> str:
        """PUT ``text`` at ``path`` (as a phone saves a card or a to-do); returns the ETag."""
        if content_type is None:
            content_type = ("text/vcard" if "BEGIN:VCARD" in text else "text/calendar")
        response = self.session.put(self._url(path), data=text.encode(),
                                    headers={"Content-Type": content_type + "; charset=utf-8"},
                                    timeout=10)
        assert response.status_code in (200, 201, 204), (response.status_code, response.text)
        return response.headers.get("ETag", "")

    def get(self, path: str) -> str:
        response = self.session.get(self._url(path), timeout=10)
        assert response.status_code == 200, (response.status_code, path)
        return response.text

    def delete(self, path: str) -> None:
        response = self.session.delete(self._url(path), timeout=10)
        assert response.status_code in (200, 204), (response.status_code, path)

    def list(self, collection_path: str) -> dict[str, str]:
        """The members of a collection: {href: etag}."""
        body = ('<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/>'
                "</d:prop></d:propfind>")
        url = self._url(collection_path)
        response = self.session.request("PROPFIND", url, data=body,
                                        headers={"Depth": "1"}, timeout=10)
        assert response.status_code == 207, (response.status_code, response.text)
        root = ET.fromstring(response.content)
        own = urlsplit(url).path.rstrip("/") + "/"
        found = {}
        for item in root.iter("{DAV:}response"):
            href = item.findtext("{DAV:}href")
            etag = item.findtext(".//{DAV:}getetag")
            if href and href.rstrip("/") + "/" != own and etag:
                found[href] = etag
        return found

    def upload_addressbook(self, path: str, cards: str) -> str:
        """Make an address book holding ``cards`` (one vCard text) in one request, as
        Radicale allows: quick set-up of a large address book for a benchmark."""
        url = self._url(path).rstrip("/") + "/"
        response = self.session.put(url, data=cards.encode(), timeout=600,
                                    headers={"Content-Type": "text/vcard; charset=utf-8"})
        assert response.status_code in (201, 204), (response.status_code, response.text)
        return url

    def mkcol(self, path: str, kind: str = "addressbook") -> str:
        """Make an address book (``kind='addressbook'``) or a calendar; returns its URL."""
        url = self._url(path).rstrip("/") + "/"
        if kind == "addressbook":
            body = ('<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" '
                    'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype>'
                    "<d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set>"
                    "</d:mkcol>")
            response = self.session.request("MKCOL", url, data=body, timeout=10)
        else:
            response = self.session.request("MKCALENDAR", url, timeout=10)
        assert response.status_code == 201, (response.status_code, response.text)
        return url


class _NoSyncTokenProxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target_port: int):
        self.target_port = target_port
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "REPORT" and b"sync-collection" in body:
            refusal = (b'<?xml version="1.0"?><d:error xmlns:d="DAV:">'
                       b"<d:supported-report/></d:error>")
            self.send_response(403)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(refusal)))
            self.end_headers()
            self.wfile.write(refusal)
            return
        connection = http.client.HTTPConnection("127.0.0.1", self.server.target_port,
                                                timeout=30)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "content-length")}
        headers["Host"] = f"127.0.0.1:{self.server.target_port}"
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            connection.close()
        if self.command == "PROPFIND":
            data = data.replace(b"sync-token", b"x-hidden-token")
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() in ("content-length", "connection", "transfer-encoding"):
                continue
            if key.lower() == "location":
                value = value.replace(f":{self.server.target_port}",
                                      f":{self.server.server_address[1]}")
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCOL = do_MKCALENDAR = \
        do_OPTIONS = do_HEAD = do_POST = do_PROPPATCH = _forward


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory):
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def radicale(radicale_server):
    """A running Radicale (one per test module) and a fresh user with an empty home."""
    radicale_server.start()  # a test before may have stopped it
    yield Radicale(radicale_server)
    radicale_server.start()


@pytest.fixture
def radicale_no_sync_token(radicale_server):
    """The same Radicale behind a proxy that refuses sync-collection (no RFC 6578)."""
    radicale_server.start()
    proxy = _NoSyncTokenProxy(radicale_server.port)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield Radicale(radicale_server, url=f"http://127.0.0.1:{proxy.server_address[1]}/")
    proxy.shutdown()
    proxy.server_close()
    radicale_server.start()
