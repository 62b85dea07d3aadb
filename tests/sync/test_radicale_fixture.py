"""The test server itself: a phone's PUT/GET/list/DELETE, a restart on the same storage, and
the proxy that refuses sync-collection."""

import niquests

CARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Ada Lovelace\r\n"
        "N:Lovelace;Ada;;;\r\nTEL:+44 20 1234\r\nEND:VCARD\r\n")


def test_a_phone_can_put_list_get_and_delete_and_the_storage_survives_a_restart(radicale):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    etag = radicale.put(book + "phone-1.vcf", CARD)
    assert radicale.list(book) == {f"/{radicale.user}/contacts/phone-1.vcf": etag}
    radicale.stop()
    radicale.start()
    assert "Ada Lovelace" in radicale.get(book + "phone-1.vcf")
    radicale.delete(book + "phone-1.vcf")
    assert radicale.list(book) == {}


def test_the_proxy_refuses_sync_collection(radicale_no_sync_token):
    server = radicale_no_sync_token
    book = server.mkcol(f"/{server.user}/contacts/")
    server.put(book + "phone-1.vcf", CARD)
    body = ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/>'
            "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
    answer = niquests.request("REPORT", book, data=body, auth=(server.user, server.password),
                              timeout=10)
    assert answer.status_code == 403
    assert len(server.list(book)) == 1
