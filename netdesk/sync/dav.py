"""The few WebDAV requests a sync needs, on niquests (the HTTP client ``caldav`` uses):
PROPFIND, REPORT sync-collection (RFC 6578) and addressbook-/calendar-multiget, PUT with
If-Match or If-None-Match, DELETE, MKCOL. Every request has a timeout, certificates are
verified, and every failure becomes a :class:`SyncError` naming the server, the step and
the HTTP status. The password is only ever in the session's auth, never in a message.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape

from netdesk.sync.errors import SyncError

TIMEOUT = (15.0, 90.0)
"""Seconds to wait for a connection, and for an answer (a large address book's first
report takes a while on some servers)."""
MULTIGET_BATCH = 200
DAV = "{DAV:}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
_NAMESPACES = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav" ' \
              'xmlns:cal="urn:ietf:params:xml:ns:caldav"'


class NetworkError(SyncError):
    """The server could not be reached, did not answer, or its certificate failed."""


class NoSyncTokens(Exception):
    """The collection refuses sync-collection (or forgot the token): list it instead."""


@dataclass(frozen=True)
class Member:
    href: str
    etag: str


@dataclass(frozen=True)
class Delta:
    """What changed in a collection since a token: hrefs with their new ETags, hrefs gone,
    and the token to ask with next time."""

    changed: dict[str, str]
    removed: list[str]
    token: str


def server_name(url: str) -> str:
    return urlsplit(url).netloc or url


class Client:
    """One account's HTTP session (basic auth over TLS, or plain http on localhost)."""

    def __init__(self, url: str, user: str, password: str, *,
                 timeout: float | tuple[float, float] | None = None):
        import niquests

        self.url = url
        self.server = server_name(url)
        self.timeout = timeout if timeout is not None else TIMEOUT
        self.session = niquests.Session()
        self.session.auth = (user, password)
        self.session.verify = True
        self.session.headers["User-Agent"] = "netdesk"

    def close(self) -> None:
        self.session.close()

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def request(self, method: str, url: str, step: str, *, body: str | bytes | None = None,
                headers: dict[str, str] | None = None, ok: tuple[int, ...] = (200, 207),
                allow: tuple[int, ...] = ()):
        """Send one request; a status outside ``ok`` + ``allow`` raises SyncError."""
        import niquests

        data = body.encode() if isinstance(body, str) else body
        try:
            response = self.session.request(method, self.absolute(url), data=data,
                                            headers=headers or {}, timeout=self.timeout,
                                            allow_redirects=True)
        except niquests.exceptions.SSLError as error:
            raise NetworkError(f"{step}: the certificate of {self.server} could not be verified "
                            f"({_short(error)})") from error
        except niquests.exceptions.Timeout as error:
            raise NetworkError(f"{step}: {self.server} did not answer in time") from error
        except niquests.exceptions.ConnectionError as error:
            raise NetworkError(f"{step}: cannot reach {self.server} ({_short(error)})") from error
        except niquests.exceptions.RequestException as error:
            raise NetworkError(f"{step}: the request to {self.server} failed "
                            f"({_short(error)})") from error
        status = response.status_code
        if status in ok or status in allow:
            return response
        if status == 401:
            raise SyncError(f"{step}: {self.server} refused the user name or password "
                            "(HTTP 401)")
        if status == 403:
            raise SyncError(f"{step}: {self.server} does not allow this (HTTP 403)")
        if status == 404:
            raise SyncError(f"{step}: {self.server} has nothing at {urlsplit(url).path} "
                            "(HTTP 404)")
        raise SyncError(f"{step}: {self.server} answered HTTP {status} "
                        f"{response.reason or ''}".rstrip())

    # Reading ----------------------------------------------------------------------------

    def propfind(self, url: str, props: str, depth: str, step: str) -> list[ET.Element]:
        """The <response> elements of a PROPFIND asking for ``props`` (inner XML)."""
        body = f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NAMESPACES}>' \
               f"<d:prop>{props}</d:prop></d:propfind>"
        response = self.request("PROPFIND", url, step, body=body,
                                headers={"Depth": depth, "Content-Type": "application/xml"},
                                ok=(207,))
        return _responses(response.content, self.server, step)

    def members(self, collection: str, step: str = "Listing") -> list[Member]:
        """Every member of a collection with its ETag (PROPFIND Depth 1)."""
        own = urlsplit(self.absolute(collection)).path.rstrip("/") + "/"
        found = []
        for item in self.propfind(collection, "<d:getetag/><d:resourcetype/>", "1", step):
            href = item.findtext(f"{DAV}href") or ""
            if urlsplit(self.absolute(href)).path.rstrip("/") + "/" == own:
                continue
            if item.find(f".//{DAV}resourcetype/{DAV}collection") is not None:
                continue
            etag = item.findtext(f".//{DAV}getetag")
            if etag:
                found.append(Member(_path(self.absolute(href)), etag))
        return found

    def sync_token(self, collection: str, step: str) -> str:
        items = self.propfind(collection, "<d:sync-token/>", "0", step)
        for item in items:
            token = item.findtext(f".//{DAV}sync-token")
            if token:
                return token.strip()
        return ""

    def sync_collection(self, collection: str, token: str, step: str) -> Delta:
        """RFC 6578: what changed since ``token`` ('' : everything). Raises NoSyncTokens
        when the server refuses the report or no longer knows the token."""
        body = (f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection {_NAMESPACES}>'
                f"<d:sync-token>{escape(token)}</d:sync-token><d:sync-level>1</d:sync-level>"
                "<d:prop><d:getetag/></d:prop></d:sync-collection>")
        response = self.request("REPORT", collection, step, body=body,
                                headers={"Depth": "1", "Content-Type": "application/xml"},
                                ok=(207,), allow=(400, 403, 409, 412, 415, 501))
        if response.status_code != 207:
            raise NoSyncTokens(response.status_code)
        root = _root(response.content, self.server, step)
        changed, removed = {}, []
        own = urlsplit(self.absolute(collection)).path.rstrip("/") + "/"
        for item in root.iter(f"{DAV}response"):
            href = _path(self.absolute(item.findtext(f"{DAV}href") or ""))
            if href.rstrip("/") + "/" == own:
                continue
            status = item.findtext(f"{DAV}status") or ""
            etag = item.findtext(f".//{DAV}getetag")
            if " 404" in status and not etag:
                removed.append(href)
            elif etag:
                changed[href] = etag
        new_token = (root.findtext(f"{DAV}sync-token") or "").strip()
        if not new_token:
            raise NoSyncTokens(0)
        return Delta(changed, removed, new_token)

    def multiget(self, collection: str, hrefs: list[str], *, calendar: bool, step: str,
                 progress=None) -> dict[str, tuple[str, str]]:
        """{href: (etag, text)} of ``hrefs`` (addressbook-multiget or calendar-multiget),
        in batches; an href the server no longer has is left out."""
        found: dict[str, tuple[str, str]] = {}
        if calendar:
            report, data = "cal:calendar-multiget", "<cal:calendar-data/>"
        else:
            report, data = "c:addressbook-multiget", "<c:address-data/>"
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            batch = hrefs[start:start + MULTIGET_BATCH]
            body = (f'<?xml version="1.0" encoding="utf-8"?><{report} {_NAMESPACES}>'
                    f"<d:prop><d:getetag/>{data}</d:prop>"
                    + "".join(f"<d:href>{escape(h)}</d:href>" for h in batch)
                    + f"</{report}>")
            response = self.request("REPORT", collection, step, body=body,
                                    headers={"Depth": "1", "Content-Type": "application/xml"},
                                    ok=(207,))
            for item in _responses(response.content, self.server, step):
                href = _path(self.absolute(item.findtext(f"{DAV}href") or ""))
                etag = item.findtext(f".//{DAV}getetag") or ""
                text = item.findtext(f".//{CARDDAV}address-data") if not calendar \
                    else item.findtext(f".//{CALDAV}calendar-data")
                if text:
                    found[href] = (etag, text)
            if progress is not None:
                progress(min(start + len(batch), len(hrefs)))
        return found

    # Writing ----------------------------------------------------------------------------

    def put(self, href: str, text: str, content_type: str, *, etag: str | None,
            step: str) -> tuple[int, str]:
        """PUT ``text`` at ``href``: with ``etag`` only over that version (If-Match), without
        one only where nothing is (If-None-Match: *). Returns (status, new ETag); a 412
        (someone changed or made it meanwhile) is returned, not raised."""
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        else:
            headers["If-None-Match"] = "*"
        response = self.request("PUT", href, step, body=text, headers=headers,
                                ok=(200, 201, 204), allow=(412,))
        return response.status_code, response.headers.get("ETag", "") or ""

    def delete(self, href: str, etag: str, step: str) -> int:
        """DELETE ``href`` if it is still version ``etag``; 404 and 412 are returned."""
        headers = {"If-Match": etag} if etag else {}
        response = self.request("DELETE", href, step, headers=headers, ok=(200, 204),
                                allow=(404, 412))
        return response.status_code

    def etag_of(self, href: str, step: str) -> str:
        items = self.propfind(href, "<d:getetag/>", "0", step)
        return (items[0].findtext(f".//{DAV}getetag") or "") if items else ""

    def make_addressbook(self, url: str, name: str, step: str) -> None:
        body = (f'<?xml version="1.0" encoding="utf-8"?><d:mkcol {_NAMESPACES}><d:set>'
                "<d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
                f"<d:displayname>{escape(name)}</d:displayname></d:prop></d:set></d:mkcol>")
        self.request("MKCOL", url, step, body=body,
                     headers={"Content-Type": "application/xml"}, ok=(201,))


def _short(error: BaseException) -> str:
    """Why a connection failed, in a few words (the HTTP client's own text is long)."""
    import socket
    import ssl

    seen, stack = set(), [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(current, socket.gaierror):
            return "the server's name could not be found"
        if isinstance(current, ConnectionResetError):
            return "the connection was reset"
        if isinstance(current, ssl.SSLCertVerificationError):
            return current.verify_message or "it is not trusted"
        stack.extend([current.__cause__, current.__context__,
                      *(a for a in getattr(current, "args", ()) if isinstance(a, BaseException)),
                      getattr(current, "reason", None)])
    text = str(error)
    if "refused" in text.lower():
        return "the connection was refused"
    return text.split("\n")[0][:120]


def _path(url: str) -> str:
    return urlsplit(url).path


def _root(content: bytes, server: str, step: str) -> ET.Element:
    try:
        return ET.fromstring(content)
    except ET.ParseError as error:
        raise SyncError(f"{step}: {server} answered with XML netdesk cannot read "
                        f"({error})") from error


def _responses(content: bytes, server: str, step: str) -> list[ET.Element]:
    return list(_root(content, server, step).iter(f"{DAV}response"))
