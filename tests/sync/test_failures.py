"""A sync is never in the way: a server stopped mid-sync loses nothing and the next sync
completes; a wrong password changes nothing and says so; a cancel keeps what was sent; a
plain-http server elsewhere is refused; it runs in a worker thread."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from netdesk.core.people import PersonForm, save_person
from netdesk.db.models import Person, SyncItem
from netdesk.sync import accounts
from netdesk.sync.engine import sync_account
from netdesk.sync.errors import SyncCancelled, SyncError
from tests.sync.helpers import Side, add_person, phone_card


@pytest.fixture
def side(radicale, tmp_path):
    book = radicale.mkcol(f"/{radicale.user}/contacts/")
    return Side(tmp_path / "a.sqlite3", radicale, book, None), book


def test_a_server_stopped_mid_sync_loses_nothing_and_the_next_sync_completes(side):
    side, book = side
    server = side.server
    with side.open():
        for number in range(12):
            add_person(f"Person{number:02}")
    sent = []

    def stop_after_five(progress):
        if progress.step == "Sending contacts":
            sent.append(progress.done)
            if progress.done == 5:
                server.stop()

    with pytest.raises(SyncError) as failed:
        side.sync(progress=stop_after_five)
    assert "cannot reach 127.0.0.1" in str(failed.value) and "Sending" in str(failed.value)
    server.start()
    assert len(server.list(book)) == 5
    with side.open():
        assert Person.select().count() == 12
        assert SyncItem.select().count() == 5  # what was sent is recorded as sent
        assert accounts.account(side.account.id).last_result == str(failed.value)
    report = side.sync()
    assert report.sent == {"people added": 7}
    assert len(server.list(book)) == 12
    assert side.sync().sent == {}


def test_a_server_stopped_while_changes_are_fetched_changes_nothing_here(side):
    side, book = side
    server = side.server
    server.put(book + "phone-1.vcf", phone_card("phone-1", "Ada Lovelace", "Lovelace;Ada;;;"))

    def stop_when_fetching(progress):
        if progress.step == "Fetching changed contacts":
            server.stop()

    with pytest.raises(SyncError):
        side.sync(progress=stop_when_fetching)
    server.start()
    with side.open():
        assert Person.select().count() == 0 and SyncItem.select().count() == 0
    assert side.sync().received == {"people added": 1}


def test_a_wrong_password_says_so_and_changes_nothing(side):
    side, book = side
    with side.open():
        add_person("Ada")
        account = accounts.account(side.account.id)
        with pytest.raises(SyncError) as refused:
            sync_account(account, "not the password")
        assert "refused the user name or password (HTTP 401)" in str(refused.value)
        assert "not the password" not in str(refused.value)
        assert SyncItem.select().count() == 0
    assert side.server.list(book) == {}


def test_a_cancel_keeps_what_was_sent_and_the_next_sync_sends_the_rest(side):
    side, book = side
    with side.open():
        for number in range(6):
            add_person(f"Person{number}")
    steps = []

    def cancel_after_three():
        return len([s for s in steps if s.step == "Sending contacts"]) >= 3

    with pytest.raises(SyncCancelled):
        side.sync(progress=steps.append, cancelled=cancel_after_three)
    assert len(side.server.list(book)) == 3
    assert side.sync().sent == {"people added": 3}


def test_a_plain_http_server_elsewhere_is_refused_before_any_request():
    assert "https" in accounts.check_url("http://dav.example.org/")
    assert accounts.check_url("https://dav.example.org/") is None
    for local in ("http://localhost:5232/", "http://127.0.0.1:5232/", "http://[::1]:5232/"):
        assert accounts.check_url(local) is None
    assert "password" in accounts.check_url("https://me:secret@dav.example.org/")
    with pytest.raises(SyncError, match="https"):
        accounts.discover("http://dav.example.org/", "me", "secret")


def test_a_plain_http_account_elsewhere_cannot_be_added(db):
    with pytest.raises(SyncError, match="https"):
        accounts.add_account("http://dav.example.org/", "me",
                             addressbook_url="http://dav.example.org/me/book/",
                             calendar_url=None)
    assert accounts.accounts() == []


def test_it_runs_in_a_worker_thread_with_its_own_connection(side):
    side, book = side
    with side.open():
        ada = add_person("Ada")
        account = accounts.account(side.account.id)
        outcome = {}

        def work():
            try:
                outcome["report"] = sync_account(account, side.server.password)
            except Exception as error:  # noqa: BLE001 - handed back to the test
                outcome["error"] = error

        worker = threading.Thread(target=work)
        worker.start()
        worker.join(60)
        assert "error" not in outcome and outcome["report"].sent == {"people added": 1}
        save_person(ada, PersonForm(job_title="Analyst"), only={"job_title"})  # not locked
        assert SyncItem.select().count() == 1
    assert len(side.server.list(book)) == 1


class _Broken(http.server.BaseHTTPRequestHandler):
    """A server in trouble: 503 to everything, or (``slow``) an answer that never comes."""

    slow = False

    def log_message(self, *args):
        pass

    def _answer(self):
        if self.slow:
            time.sleep(3)
        self.send_response(503, "Service Unavailable")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PROPFIND = do_REPORT = do_PUT = do_GET = do_DELETE = _answer


@pytest.mark.parametrize("slow", [False, True])
def test_a_server_error_or_silence_is_told_and_changes_nothing(db, monkeypatch, slow):
    from netdesk.sync import dav

    handler = type("Handler", (_Broken,), {"slow": slow})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(dav, "TIMEOUT", (1.0, 1.0))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        add_person("Ada")
        account = accounts.add_account(url, "me", addressbook_url=url + "me/book/",
                                       calendar_url=None)
        with pytest.raises(SyncError) as failed:
            sync_account(account, "secret")
        expected = "did not answer in time" if slow else "answered HTTP 503"
        assert expected in str(failed.value) and "Looking for changed contacts" in str(
            failed.value)
        assert SyncItem.select().count() == 0 and Person.select().count() == 1
        assert accounts.account(account.id).last_result == str(failed.value)
    finally:
        server.shutdown()
        server.server_close()


def test_a_certificate_that_cannot_be_verified_is_refused(tmp_path, db):
    import datetime as dt
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(1)
                   .not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                                  critical=False)
                   .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(SyncError) as refused:
            accounts.discover(f"https://localhost:{server.server_address[1]}/", "me", "secret")
        assert "certificate of localhost" in str(refused.value)
    finally:
        server.shutdown()
        server.server_close()
