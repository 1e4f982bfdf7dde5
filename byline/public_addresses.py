"""Whether an IP address is on the public internet: the test every outgoing request to an
address someone typed or imported passes (the importer's downloads, the webhooks' posts), so
that neither reaches the server's own network (loopback, private ranges, cloud metadata)."""

from __future__ import annotations

import ipaddress


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
