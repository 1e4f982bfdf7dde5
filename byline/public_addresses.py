"""Whether an IP address is on the public internet: the test every outgoing request to an
address someone typed or imported passes (the importer's downloads, the webhooks' posts), so
that neither reaches the server's own network (loopback, private ranges, cloud metadata)."""

from __future__ import annotations

import ipaddress

# IPv6 forms that carry an IPv4 address in their last 32 bits and reach it: NAT64's well-known
# prefix (a NAT64 gateway forwards 64:ff9b::a9fe:a9fe to 169.254.169.254) and the deprecated
# IPv4-compatible addresses, which some stacks still route to the IPv4 host.
_EMBEDDING_IPV4 = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("::/96"),
)


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, ...);
    an IPv6 address that embeds an IPv4 one must pass for both."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not address.is_multicast


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to: IPv4-mapped (::ffff:a.b.c.d), 6to4
    (2002:aabb:ccdd::), NAT64 (64:ff9b::a.b.c.d) or IPv4-compatible (::a.b.c.d); else None."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in network for network in _EMBEDDING_IPV4):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
