"""Fetching URLs: only public addresses (after resolution, on every redirect) unless allowed,
with timeouts, a size cap and content-type checks.

Everything here talks to a server on 127.0.0.1 only. Other addresses (private, metadata) are
checked for refusal *before* any connection; a guard fails the test if a connection to any
address other than loopback is ever attempted.
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crisislens.ingest import fetch as fetch_module
from crisislens.ingest.fetch import FetchError, FetchPolicy, Refused, fetch, refusal, vet
from crisislens.store import Store

CLI = Path(sys.executable).with_name("crisislens")
PAGE = (b"<!doctype html><html><head><title>Clashes near Garissa</title></head><body><article>"
        b"<h1>Clashes near Garissa</h1><p>Gunmen attacked a police post near Garissa, Kenya, on Monday, "
        b"killing three officers, police said.</p><p>Residents said the town was calm again by the evening "
        b"and that shops had reopened.</p><p>Officials promised an inquiry into the attack.</p>"
        b"</article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        port = self.server.server_port
        routes = {
            "/page": lambda: self._send(PAGE, "text/html; charset=utf-8"),
            "/to-page": lambda: self._redirect(f"http://127.0.0.1:{port}/page"),
            "/to-localhost": lambda: self._redirect(f"http://localhost:{port}/page"),
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-private": lambda: self._redirect("http://10.1.2.3/admin"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/loop": lambda: self._redirect("/loop"),
            "/pdf": lambda: self._send(b"%PDF-1.4 not a page", "application/pdf"),
            "/big": lambda: self._send(b"<p>" + b"x" * 200_000 + b"</p>", "text/html"),
            "/big-chunked": self._chunked,
            "/slow": self._slow,
            "/bomb": lambda: self._send(gzip.compress(b" " * 20_000_000), "text/html", {"Content-Encoding": "gzip"}),
        }
        route = routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route()

    def _send(self, body: bytes, kind: str, headers: dict | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _chunked(self) -> None:  # no Content-Length: the cap must hold while streaming
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x" * 10_000)
        except OSError:
            pass
        self.close_connection = True

    def _slow(self) -> None:  # a byte at a time: each read is quick, the whole is not
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Fail loudly, before any packet, if anything tries to connect beyond this machine."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "::1"), f"attempted a connection to {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


LOCAL = FetchPolicy(timeout=5, allow_private=True)


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "10.0.0.7", "172.16.3.4", "192.168.1.1", "169.254.10.10",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.1", "fe80::1", "fd12::1", "::ffff:127.0.0.1"])
def test_non_public_addresses_are_refused(address):
    assert refusal(address) and refusal(address, allow_private=True) is None


@pytest.mark.parametrize("address", ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"])
def test_metadata_addresses_are_refused_even_when_private_is_allowed(address):
    assert "metadata" in refusal(address, allow_private=True)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::1"])
def test_public_addresses_pass(address):
    assert refusal(address) is None


def test_names_are_checked_after_resolution():
    with pytest.raises(Refused, match="loopback"):
        vet("localhost", 80)


def test_a_name_with_any_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: ["93.184.216.34", "10.0.0.9"])
    with pytest.raises(Refused, match="10.0.0.9"):
        fetch("http://news.example/story", FetchPolicy(timeout=2))


def test_a_name_resolving_to_metadata_is_refused_before_connecting(monkeypatch):
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: ["169.254.169.254"])
    with pytest.raises(Refused, match="metadata"):
        fetch("http://innocent.example/", FetchPolicy(timeout=2, allow_private=True))


def test_the_connection_goes_to_the_vetted_address(site, monkeypatch):
    """A name is resolved once, by us, and the socket opened to that address (no second lookup)."""
    port = site.rsplit(":", 1)[1]
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: ["127.0.0.1"])
    page = fetch(f"http://any-name.example:{port}/page", LOCAL)
    assert b"Garissa" in page.body


def test_loopback_is_refused_by_default(site):
    with pytest.raises(Refused, match="loopback"):
        fetch(site + "/page", FetchPolicy(timeout=5))


def test_loopback_is_fetched_when_allowed(site):
    page = fetch(site + "/page", LOCAL)
    assert (page.content_type, "Garissa" in page.text()) == ("text/html", True)


def test_redirects_are_followed_and_each_hop_is_checked(site):
    assert fetch(site + "/to-page", LOCAL).url.endswith("/page")


@pytest.mark.parametrize("path, match", [
    ("/to-metadata", "metadata"),
    ("/to-file", "not an http"),
    ("/loop", "redirects"),
])
def test_bad_redirects_are_refused(site, path, match):
    with pytest.raises(FetchError, match=match):
        fetch(site + path, LOCAL)


def test_redirect_to_a_private_address_is_refused_by_default(site, monkeypatch):
    """The first hop is allowed (a stand-in public name), the redirect to 10.1.2.3 is not."""
    port = site.rsplit(":", 1)[1]
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: ["127.0.0.1"] if host == "public.test" else [host])
    monkeypatch.setattr(fetch_module, "refusal", lambda a, allow=False: None if a == "127.0.0.1" else f"{a} is private")
    with pytest.raises(Refused, match="10.1.2.3"):
        fetch(f"http://public.test:{port}/to-private", FetchPolicy(timeout=5))


def test_redirect_to_localhost_is_refused_by_default(site, monkeypatch):
    port = site.rsplit(":", 1)[1]
    real_refusal = fetch_module.refusal
    monkeypatch.setattr(fetch_module, "resolve",
                        lambda host, port: ["127.0.0.2"] if host == "public.test" else ["127.0.0.1"])
    monkeypatch.setattr(fetch_module, "refusal",
                        lambda a, allow=False: None if a == "127.0.0.2" else real_refusal(a, allow))
    monkeypatch.setattr(socket, "create_connection", _to_loopback(socket.create_connection))
    with pytest.raises(Refused, match="loopback"):
        fetch(f"http://public.test:{port}/to-localhost", FetchPolicy(timeout=5))


def _to_loopback(connect):
    return lambda address, *a, **k: connect(("127.0.0.1", address[1]), *a, **k)


@pytest.mark.parametrize("path, match", [
    ("/pdf", "application/pdf"),
    ("/big", "larger than"),
    ("/big-chunked", "larger than"),
    ("/bomb", "decompressed"),
])
def test_downloads_are_bounded(site, path, match):
    with pytest.raises(FetchError, match=match):
        fetch(site + path, FetchPolicy(timeout=5, max_bytes=100_000, allow_private=True))


def test_a_slow_server_is_abandoned(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match="longer than"):
        fetch(site + "/slow", FetchPolicy(timeout=1, allow_private=True))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://", "http://user:pw@127.0.0.1/",
                                 "javascript:alert(1)", "http://[::1"])
def test_malformed_or_foreign_urls_are_refused(url):
    with pytest.raises(FetchError):
        fetch(url, LOCAL)


def _ingest(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "ingest", *args, "--db", str(db)], capture_output=True, text=True, timeout=600)


def test_cli_ingests_a_url_only_when_private_is_allowed(site, tmp_path):
    """`crisislens ingest URL`: refused on loopback by default (the batch goes on, exit 0), stored with
    --allow-private. One run each with the real pipeline."""
    db = tmp_path / "urls.duckdb"
    refused = _ingest(db, site + "/page")
    assert (refused.returncode, "Traceback" in refused.stderr, "loopback" in refused.stderr) == (0, False, True)
    allowed = _ingest(db, site + "/to-page", "--allow-private")
    assert (allowed.returncode, "Traceback" in allowed.stderr) == (0, False), allowed.stderr
    with Store.open(str(db), read_only=True) as store:
        [(url, text)] = store.db.query("SELECT url, text FROM articles")
    assert url.endswith("/page") and "Gunmen attacked a police post near Garissa" in text
