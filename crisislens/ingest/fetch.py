"""Fetching a URL without letting it reach inside: `ingest URL` and `watch` both fetch through here.

A URL from a feed or a user may name (or redirect to, or resolve to) this machine, the local
network or a cloud metadata service. Every connection therefore goes through `_GuardedBackend`,
which resolves the host itself, refuses any address that is not public (loopback, private,
link-local, shared, reserved, multicast) unless `allow_private`, and connects to the vetted
address, so a name cannot resolve to one address for the check and another for the connection.
Cloud metadata addresses are refused even with `allow_private`. Redirects are followed by hand,
each hop checked again; proxies from the environment are ignored (a proxy would connect for us,
unchecked). Downloads are capped in bytes and in total time, and the content type must be one
the caller can read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

USER_AGENT = "crisislens/0.1 (+https://github.com/crisislens)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json", "text/html", "text/plain")
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254"))


class FetchError(Exception):
    """A URL could not (or may not) be fetched; the message says why in a user's words."""


class Refused(FetchError):
    """The URL names or reaches an address crisislens will not connect to."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for one fetch; `allow_private` lets a URL reach this machine or the local network."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    allow_private: bool = False
    max_redirects: int = 5
    content_types: tuple[str, ...] = PAGE_TYPES


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str | None
    charset: str | None

    def text(self) -> str:
        """The body decoded with its declared charset (UTF-8 otherwise); bad bytes cost one character."""
        try:
            return self.body.decode(self.charset or "utf-8", "replace")
        except LookupError:  # an unknown charset name
            return self.body.decode("utf-8", "replace")


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the seam tests replace)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def refusal(address: str, allow_private: bool = False) -> str | None:
    """Why crisislens will not connect to `address`, or None when it may."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return f"{ip} is a cloud metadata address"
    if allow_private:
        return None
    for test, what in ((ip.is_loopback, "a loopback"), (ip.is_link_local, "a link-local"),
                       (ip.is_private, "a private"), (ip.is_multicast, "a multicast"),
                       (ip.is_unspecified, "an unspecified"), (not ip.is_global, "a non-public")):
        if test:
            return f"{ip} is {what} address (use --allow-private to fetch from it)"
    return None


def vet(host: str, port: int, allow_private: bool = False) -> list[str]:
    """The addresses to connect to for `host`; Refused when any of them is off limits."""
    addresses = resolve(host, port)
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            raise Refused(f"refused {host}: {reason}")
    return addresses


def _backend(allow_private: bool) -> Any:
    import httpcore

    class _GuardedBackend(httpcore.SyncBackend):
        """Resolve, vet, then connect to the vetted address itself (TLS still checks the host name)."""

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            last: Exception | None = None
            for address in vet(host, port, allow_private):
                try:
                    return super().connect_tcp(address, port, timeout, local_address, socket_options)
                except httpcore.ConnectError as exc:
                    last = exc
            raise last or FetchError(f"cannot connect to {host}")

    return _GuardedBackend()


def client(policy: FetchPolicy) -> Any:
    """An httpx client whose every connection is vetted; no environment proxies, no auto-redirects."""
    import httpx

    transport = httpx.HTTPTransport(trust_env=False)
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        raise RuntimeError("this httpx version cannot be guarded; refusing to fetch")
    pool._network_backend = _backend(policy.allow_private)
    return httpx.Client(transport=transport, timeout=policy.timeout, follow_redirects=False, trust_env=False,
                        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})


def check_url(url: str, policy: FetchPolicy) -> tuple[str, int]:
    """(host, port) of an http(s) URL whose host may be fetched; FetchError or Refused otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url}")
    if not parts.hostname:
        raise FetchError(f"no host in URL: {url}")
    if parts.username or parts.password:
        raise FetchError(f"credentials in URLs are not sent: {url}")
    vet(parts.hostname, port, policy.allow_private)
    return parts.hostname, port


def fetch(url: str, policy: FetchPolicy = FetchPolicy(), http: Any = None) -> Fetched:
    """The body at `url` under `policy`, following up to `max_redirects` vetted redirects."""
    import httpx

    own = http is None
    http = http or client(policy)
    deadline = time.monotonic() + policy.timeout
    try:
        for _ in range(policy.max_redirects + 1):
            check_url(url, policy)
            try:
                with http.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{url} redirects without a Location")
                        url = urljoin(url, location)
                        continue
                    return _read(url, response, policy, deadline)
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
        raise FetchError(f"{url}: more than {policy.max_redirects} redirects")
    finally:
        if own:
            http.close()


def _read(url: str, response: Any, policy: FetchPolicy, deadline: float) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(f"{url} answered HTTP {response.status_code}")
    raw_type = response.headers.get("content-type")
    kind = raw_type.split(";", 1)[0].strip().lower() if raw_type else None
    if kind and kind not in policy.content_types:
        raise FetchError(f"{url} is {kind}, not one of {', '.join(policy.content_types)}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"{url} is larger than {policy.max_bytes:,} bytes")
    chunks, size = [], 0
    for chunk in response.iter_raw():  # raw: the cap counts bytes on the wire, before decompression
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"{url} is larger than {policy.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took longer than {policy.timeout:g} s")
        chunks.append(chunk)
    body = _decompress(b"".join(chunks), response.headers.get("content-encoding"), policy.max_bytes, url)
    return Fetched(url=url, body=body, content_type=kind, charset=response.charset_encoding)


def _decompress(body: bytes, encoding: str | None, limit: int, url: str) -> bytes:
    """Undo gzip/deflate with the same cap on the output, so a small bomb cannot expand unchecked."""
    import zlib

    encoding = (encoding or "identity").strip().lower()
    if encoding in ("identity", ""):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url} uses an unsupported content encoding {encoding!r}")
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    try:
        out = decoder.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt {encoding} body") from exc
    if len(out) > limit or decoder.unconsumed_tail:
        raise FetchError(f"{url} is larger than {limit:,} bytes once decompressed")
    return out
