"""Fetch http(s) URLs, optionally refusing hosts at loopback, private or metadata addresses (SSRF)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

MAX_REDIRECTS = 5

# Cloud instance-metadata endpoints hand out credentials to whoever asks from inside the VM.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
    "fd00:ec2::254",  # AWS over IPv6
    "100.100.100.200",  # Alibaba Cloud
))
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog"})
# NAT64 (RFC 6052): an IPv6-only host reaches IPv4 hosts through these, so judge the IPv4 inside.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class URLRefused(Exception):
    """A URL whose host is, or resolves to, an address that may not be fetched; nothing was sent."""


def address_kind(address: str | IPAddress) -> str | None:
    """Why an address may not be fetched ("loopback", "private", ...), or None for a public one."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:127.0.0.1 dials 127.0.0.1 on a dual-stack socket
            return address_kind(ip.ipv4_mapped)
        if ip in _NAT64:
            return address_kind(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None and (kind := address_kind(ip.sixtofour)):
            return kind  # a public IPv4 inside 2002::/16 is judged as the IPv6 address below
    if ip in METADATA_ADDRESSES:
        return "cloud-metadata"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:  # 240/4, ::/8, ...
        return "reserved"
    if ip.is_private:  # RFC 1918, fc00::/7, and the documentation and benchmark ranges
        return "private"
    if not ip.is_global:  # 100.64/10 (carrier-grade NAT) and whatever else is not routed
        return "reserved"
    return None


def resolve_public(host: str, port: int) -> list[tuple]:
    """getaddrinfo() for host, after checking every address it gives; raises URLRefused if any is
    not public. Every address, not the first: a name can carry one public and one private."""
    name = host.rstrip(".").lower()
    if name in METADATA_HOSTS:
        raise URLRefused(f"{host} is a cloud-metadata host")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    literal = _is_ip_literal(name)
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])  # without a zone ("%eth0")
        kind = address_kind(ip)
        if kind:
            verb = "is" if literal else "resolves to"
            raise URLRefused(f"{host} {verb} a {kind} address ({ip})")
    return infos


def check_url(url: str) -> None:
    """Raise URLRefused unless url is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise URLRefused(f"{url} is not an http(s) URL with a host")
    resolve_public(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _connect_public(address: tuple[str, int], timeout: object = None,
                    source_address: tuple[str, int] | None = None) -> socket.socket:
    """socket.create_connection() that dials only addresses it has just checked: resolving once and
    connecting to that result leaves no second DNS answer for a rebinding attack to change."""
    host, port = address
    error: OSError | None = None
    for family, type_, proto, _, sockaddr in resolve_public(host, port):
        sock = socket.socket(family, type_, proto)
        try:
            if isinstance(timeout, (int, float)):  # else socket's global default timeout
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"cannot connect to {host}")


def _dialling_public_only(connection_class: type[http.client.HTTPConnection]) -> Callable:
    def connection(host: str, **kwargs: object) -> http.client.HTTPConnection:
        conn = connection_class(host, **kwargs)
        # http.client opens every socket through this attribute (HTTPS wraps it afterwards, with
        # the URL's host name for SNI and the certificate check).
        conn._create_connection = _connect_public  # type: ignore[attr-defined]
        return conn
    return connection


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def do_open(self, http_class, req, **kwargs):  # type: ignore[override]
        return super().do_open(_dialling_public_only(http_class), req, **kwargs)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def do_open(self, http_class, req, **kwargs):  # type: ignore[override]
        return super().do_open(_dialling_public_only(http_class), req, **kwargs)


class CheckedRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, to http(s) only, and, when refuse_private, only to
    hosts that resolve to public addresses, checked before the next request is made."""

    max_redirections = max_repeats = MAX_REDIRECTS

    def __init__(self, *, refuse_private: bool) -> None:
        self.refuse_private = refuse_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        # urllib counts redirects only after this returns, and reports the overflow as an HTTP
        # error; counting here (redirect_dict: URL -> times visited) gives a plain reason.
        try:
            if sum(getattr(req, "redirect_dict", {}).values()) >= self.max_redirections:
                raise urllib.error.URLError(f"more than {self.max_redirections} redirects")
            if urlsplit(newurl).scheme not in ("http", "https"):
                raise urllib.error.URLError(f"redirected to {newurl}, which is not an http(s) URL")
            if self.refuse_private:
                try:
                    check_url(newurl)
                except URLRefused as exc:
                    raise URLRefused(f"redirected to {newurl}, but {exc}") from None
        except Exception:
            if fp is not None:
                fp.close()  # the redirect response's connection, which urllib would have closed
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def open_url(url: str, *, timeout: float, refuse_private: bool,
             headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """urlopen() for an http(s) URL, redirects included. With refuse_private, a host that is or
    resolves to a non-public address raises URLRefused before any request is sent to it."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise urllib.error.URLError(f"{url} is not an http(s) URL")
    if refuse_private:
        # No proxies: a proxy would resolve the name itself, out of reach of the check.
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), _PublicHTTPHandler(), _PublicHTTPSHandler(),
            CheckedRedirectHandler(refuse_private=True))
    else:
        opener = urllib.request.build_opener(CheckedRedirectHandler(refuse_private=False))
    return opener.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout)
