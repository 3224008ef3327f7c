"""URL ingestion refuses loopback, private, link-local and metadata hosts before sending anything."""

from __future__ import annotations

import email.message
import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from ingest import url_guard
from ingest.loaders import SourceError, load_sources
from ingest.url_guard import CheckedRedirectHandler, URLRefused, address_kind, check_url

PAGE = (b"<html><head><title>Pasar Ikan Terapung Dibuka</title></head><body><article>"
        b"<h1>Pasar Ikan Terapung Dibuka</h1><p>Pemerintah kabupaten meresmikan pasar ikan "
        b"terapung pertama di Teluk Sentosa pada Selasa pagi, kata Bupati Ratna Wulandari.</p>"
        b"<p>Pasar itu dibangun dengan biaya Rp 42 miliar dan menampung dua ratus pedagang.</p>"
        b"</article></body></html>")


@dataclass
class Server:
    """A real HTTP server on a loopback address that counts the requests it receives."""

    host: str
    port: int = 0
    paths: list[str] = field(default_factory=list)
    redirect_to: str | None = None  # answer every request with a 302 to this URL

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _serve(host: str) -> Iterator[Server]:
    state = Server(host)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.paths.append(self.path)
            if state.redirect_to:
                self.send_response(302)
                self.send_header("Location", state.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from _serve("127.0.0.1")


@pytest.fixture
def other_server() -> Iterator[Server]:
    """A second server on 127.0.0.2 (all of 127/8 is loopback on Linux)."""
    yield from _serve("127.0.0.2")


# --- classification: pure functions, no network ----------------------------------------------

@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.1.2.3", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("fc00::1", "private"), ("fd12:3456::1", "private"),
    ("169.254.169.254", "cloud-metadata"), ("fd00:ec2::254", "cloud-metadata"),
    ("169.254.1.1", "link-local"), ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("100.64.0.1", "reserved"), ("240.0.0.1", "reserved"),
    # IPv4 inside IPv6: mapped, NAT64 and 6to4 forms dial the IPv4 address inside.
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("::ffff:169.254.169.254", "cloud-metadata"), ("64:ff9b::a00:1", "private"),
    ("2002:7f00:1::", "loopback"),
])
def test_non_public_addresses_are_refused(address, kind):
    assert address_kind(address) == kind


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700::1111",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_are_allowed(address):
    assert address_kind(address) is None


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.1:9/x", "127.0.0.1 is a loopback address (127.0.0.1)"),
    ("http://[::1]/", "::1 is a loopback address (::1)"),
    ("http://10.0.0.1/", "10.0.0.1 is a private address (10.0.0.1)"),
    ("http://169.254.169.254/latest/meta-data/",
     "169.254.169.254 is a cloud-metadata address (169.254.169.254)"),
    ("http://localhost:8080/", "localhost resolves to a loopback address"),
    ("http://metadata.google.internal/computeMetadata/v1/",
     "metadata.google.internal is a cloud-metadata host"),
    ("http://2130706433/", "2130706433 resolves to a loopback address (127.0.0.1)"),
])
def test_check_url_refuses(url, reason):
    """Literals and localhost resolve without the network (getaddrinfo reads /etc/hosts)."""
    with pytest.raises(URLRefused) as refused:
        check_url(url)
    assert reason in str(refused.value)


# --- the redirect handler --------------------------------------------------------------------

def _redirect(handler: CheckedRedirectHandler, location: str,
              request: urllib.request.Request | None = None) -> urllib.request.Request | None:
    request = request or urllib.request.Request("http://news.example/article")
    return handler.redirect_request(request, None, 302, "Found", email.message.Message(),
                                    location)


@pytest.mark.parametrize("location", [
    "http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/iam/", "http://[::1]:8080/",
    "http://10.0.0.1/admin", "http://localhost/", "https://localhost/feed",
])
def test_redirect_to_a_private_host_is_refused(location):
    with pytest.raises(URLRefused) as refused:
        _redirect(CheckedRedirectHandler(refuse_private=True), location)
    assert str(refused.value).startswith(f"redirected to {location}, but ")


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x",
                                      "gopher://127.0.0.1/"])
def test_redirect_to_another_scheme_is_refused_in_both_modes(location):
    for refuse_private in (True, False):
        with pytest.raises(urllib.error.URLError, match="not an http"):
            _redirect(CheckedRedirectHandler(refuse_private=refuse_private), location)


def test_redirect_to_a_private_host_is_followed_when_allowed():
    new = _redirect(CheckedRedirectHandler(refuse_private=False), "http://127.0.0.1/x")
    assert new is not None and new.full_url == "http://127.0.0.1/x"


# --- real fetches from a real server on 127.0.0.1 --------------------------------------------

def test_refused_url_sends_no_request(server):
    url = f"{server.url}/news.html"
    [item] = list(load_sources([url], max_bytes=1_000_000, allow_private_urls=False))
    assert isinstance(item, SourceError)
    assert item.source == url
    assert item.error == ("refused: 127.0.0.1 is a loopback address (127.0.0.1); "
                          "set KABAR_ALLOW_PRIVATE_URLS=1 to allow it")
    assert server.paths == []


def test_refused_localhost_names_the_host(server):
    url = f"http://localhost:{server.port}/news.html"
    [item] = list(load_sources([url], max_bytes=1_000_000, allow_private_urls=False))
    assert isinstance(item, SourceError) and item.source == url
    assert item.error.startswith("refused: localhost resolves to a loopback address (")
    assert item.error.endswith("; set KABAR_ALLOW_PRIVATE_URLS=1 to allow it")
    assert server.paths == []


def test_allowed_private_url_is_fetched(server):
    url = f"{server.url}/news.html"
    [item] = list(load_sources([url], max_bytes=1_000_000, allow_private_urls=True))
    assert not isinstance(item, SourceError), item
    assert "Teluk Sentosa" in item.text and item.url == url
    assert server.paths == ["/news.html"]
    # The default is the command line's: a user's own intranet may be ingested.
    [item] = list(load_sources([url], max_bytes=1_000_000))
    assert not isinstance(item, SourceError), item


def test_redirects_are_followed_up_to_a_limit(server, other_server):
    other_server.redirect_to = f"{server.url}/news.html"
    [item] = list(load_sources([f"{other_server.url}/short"], max_bytes=1_000_000))
    assert not isinstance(item, SourceError), item
    assert (other_server.paths, server.paths) == (["/short"], ["/news.html"])
    server.redirect_to = f"{server.url}/again"  # a loop
    [item] = list(load_sources([server.url + "/loop"], max_bytes=1_000_000))
    assert isinstance(item, SourceError)
    assert item.error == f"cannot fetch the URL: more than {url_guard.MAX_REDIRECTS} redirects"


def test_redirect_to_a_refused_host_sends_it_nothing(server, other_server, monkeypatch):
    """No public server can run here, so 127.0.0.1 plays one: address_kind is replaced by a test
    double that calls it public. The redirect goes to 127.0.0.2, still loopback."""
    real_kind = url_guard.address_kind
    monkeypatch.setattr(url_guard, "address_kind",
                        lambda ip: None if str(ip) == "127.0.0.1" else real_kind(ip))
    server.redirect_to = f"{other_server.url}/internal"
    url = f"{server.url}/start"
    [item] = list(load_sources([url], max_bytes=1_000_000, allow_private_urls=False))
    assert isinstance(item, SourceError) and item.source == url
    assert item.error == (f"refused: redirected to {other_server.url}/internal, but 127.0.0.2 "
                          "is a loopback address (127.0.0.2); "
                          "set KABAR_ALLOW_PRIVATE_URLS=1 to allow it")
    assert (server.paths, other_server.paths) == (["/start"], [])


def test_the_checked_address_is_the_one_dialled(server, monkeypatch):
    """DNS rebinding: a name that answers public to the check and loopback to the connection.
    getaddrinfo is replaced by a test double that answers differently on each call; the guard
    must look up once per connection and dial what it checked, so it never asks twice."""
    import socket

    calls: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        calls.append(host)
        # The first answer is "public": 127.0.0.1, which the patched address_kind lets through.
        address = "127.0.0.1" if len(calls) == 1 else "127.0.0.2"
        return real(address, port, *args, **kwargs)

    real_kind = url_guard.address_kind
    monkeypatch.setattr(url_guard, "address_kind",
                        lambda ip: None if str(ip) == "127.0.0.1" else real_kind(ip))
    monkeypatch.setattr(url_guard.socket, "getaddrinfo", rebinding)
    url = f"http://news.rebind.test:{server.port}/news.html"
    [item] = list(load_sources([url], max_bytes=1_000_000, allow_private_urls=False))
    assert not isinstance(item, SourceError), item
    assert calls == ["news.rebind.test"] and server.paths == ["/news.html"]
