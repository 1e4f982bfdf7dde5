"""Files fetched from the old site over HTTP(S), treating every address in an export as hostile.

An export is untrusted input: an address in it may point at the importing server's own network
(a database's admin page, a cloud metadata service). So the host is resolved here, every address
it resolves to is checked, and the connection goes to the checked address itself, not to a name
that could resolve elsewhere the second time (DNS rebinding); TLS still checks the certificate
against the host's name. Redirects are followed by hand, each hop checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as TransportError

from byline.public_addresses import is_public

REDIRECTS = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK_BYTES = 64 * 1024


class DownloadError(Exception):
    """The file could not be fetched; the message says why, for the import report."""


@dataclass(frozen=True)
class Downloader:
    max_bytes: int
    allow_private: bool = False
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = "Byline-importer/1"

    def fetch(self, url: str) -> bytes:
        """The body of ``url`` (following at most ``max_redirects`` redirects), or DownloadError."""
        deadline = time.monotonic() + self.timeout
        for _ in range(self.max_redirects + 1):
            response = self._request(url, deadline)
            try:
                if response.status in REDIRECTS and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status != 200:
                    raise DownloadError(f"the server answered HTTP {response.status}")
                return self._body(response, deadline)
            except TransportError as error:
                raise DownloadError(self._reason(error)) from error
            finally:
                response.close()
        raise DownloadError(f"more than {self.max_redirects} redirects")

    def _request(self, url: str, deadline: float) -> urllib3.BaseHTTPResponse:
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise DownloadError(f"only http and https addresses are fetched, not {url[:80]!r}")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError as error:
            raise DownloadError(f"a bad port in {url[:80]!r}") from error
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Host": parts.netloc.rpartition("@")[2], "User-Agent": self.user_agent}
        addresses = self._vetted_addresses(parts.hostname, port)
        for address in addresses:
            pool = self._pool(parts.scheme, parts.hostname, address, port, deadline)
            try:
                return pool.urlopen(
                    "GET", target, headers=headers, redirect=False, preload_content=False,
                    retries=False, assert_same_host=False,
                )  # fmt: skip
            except urllib3.exceptions.NewConnectionError as error:
                if address == addresses[-1]:  # else the host's next address may answer
                    raise DownloadError(self._reason(error)) from error
            except TransportError as error:
                raise DownloadError(self._reason(error)) from error
        raise AssertionError("unreachable: getaddrinfo returns at least one address")

    def _pool(
        self, scheme: str, host: str, address: str, port: int, deadline: float
    ) -> urllib3.HTTPConnectionPool:
        """A connection to ``address`` itself; TLS still checks the certificate names ``host``."""
        timeout = urllib3.Timeout(total=max(deadline - time.monotonic(), 0.001))
        if scheme == "https":
            return urllib3.HTTPSConnectionPool(
                address, port, timeout=timeout, retries=False,
                server_hostname=host, assert_hostname=host,
            )  # fmt: skip
        return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)

    def _vetted_addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to; refused when the host resolves to a private network."""
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise DownloadError(f"the host {host} cannot be found") from error
        addresses = [ipaddress.ip_address(info[4][0]) for info in found]
        if not self.allow_private:
            for address in addresses:
                if not is_public(address):
                    raise DownloadError(
                        f"{host} is at {address}, a private or local address"
                        " (allow private downloads to fetch from it)"
                    )
        return list(dict.fromkeys(str(address) for address in addresses))

    def _body(self, response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise DownloadError(self._too_big())
        data = bytearray()
        for chunk in response.stream(CHUNK_BYTES):
            data += chunk
            # The declared length may lie or be missing: the cap holds while reading.
            if len(data) > self.max_bytes:
                raise DownloadError(self._too_big())
            if time.monotonic() > deadline:
                raise DownloadError(f"timed out after {self.timeout:g} seconds")
        return bytes(data)

    def _too_big(self) -> str:
        return f"larger than {self.max_bytes / 2**20:g} MB"

    def _reason(self, error: TransportError) -> str:
        # NewConnectionError is a ConnectTimeoutError too (urllib3 kept it so): test it first.
        if isinstance(error, urllib3.exceptions.NewConnectionError):
            return f"cannot connect ({str(error).rpartition('new connection: ')[2]})"
        if isinstance(error, urllib3.exceptions.TimeoutError):
            return f"timed out after {self.timeout:g} seconds"
        if isinstance(error, urllib3.exceptions.SSLError):
            return f"a TLS error ({error})"
        return f"a connection error ({error})"
