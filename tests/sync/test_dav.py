"""Each WebDAV request of the sync against the real server: PROPFIND listings, sync-collection
deltas and tokens, addressbook-multiget, PUT with If-None-Match / If-Match (412 when someone
was first), DELETE with If-Match."""

from __future__ import annotations

import pytest

from netdesk.sync import dav
from tests.sync.helpers import phone_card


@pytest.fixture
def book(radicale):
    url = radicale.mkcol(f"/{radicale.user}/contacts/")
    client = dav.Client(url, radicale.user, radicale.password)
    yield radicale, client, url
    client.close()


def test_put_list_delta_multiget_and_delete(book):
    server, client, url = book
    href = f"/{server.user}/contacts/ada.vcf"
    status, etag = client.put(href, phone_card("ada", "Ada", ";Ada;;;"), "text/vcard",
                              etag=None, step="Sending")
    assert status == 201 and etag
    assert client.members(url) == [dav.Member(href, etag)]
    first = client.sync_collection(url, "", "Looking")
    assert first.changed == {href: etag} and first.removed == [] and first.token
    assert client.sync_collection(url, first.token, "Looking").changed == {}
    fetched = client.multiget(url, [href], calendar=False, step="Fetching")
    assert fetched == {href: (etag, server.get(href).replace("\r\n", "\n"))}  # XML: no CR

    # Someone else was first: a create over an existing card, an update over an old version.
    assert client.put(href, phone_card("ada", "Ada", ";Ada;;;"), "text/vcard", etag=None,
                      step="Sending")[0] == 412
    status, newer = client.put(href, phone_card("ada", "Ada L", "L;Ada;;;"), "text/vcard",
                               etag=etag, step="Sending")
    assert status in (200, 201, 204) and newer != etag
    assert client.put(href, phone_card("ada", "Ada X", "X;Ada;;;"), "text/vcard", etag=etag,
                      step="Sending")[0] == 412
    assert client.delete(href, etag, "Deleting") == 412
    assert "Ada L" in server.get(href)
    assert client.etag_of(href, "Checking") == newer

    assert client.delete(href, newer, "Deleting") in (200, 204)
    delta = client.sync_collection(url, first.token, "Looking")
    assert delta.removed == [href] and delta.changed == {}
    assert client.delete(href, newer, "Deleting") == 404
    assert client.members(url) == []


def test_a_forgotten_token_falls_back_to_a_listing(book):
    _, client, url = book
    with pytest.raises(dav.NoSyncTokens):
        client.sync_collection(url, "http://radicale.org/ns/sync/not-a-token", "Looking")
