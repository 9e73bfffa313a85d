"""Which kind of address a host is, so a public page cannot lead msa-check into a private network.

The rule (issue 15, request forgery): a page reached from a public address may not lead, by
a link or a redirect, to a loopback, private, link-local, shared (carrier-grade NAT),
reserved, multicast or unspecified address. A URL the user gives directly may be internal,
and what an internal page leads to may be internal too, until the chain has passed through
a public address: from then on every connection must go to a public one.
`allow_private_urls` lifts the rule; `allow_private_given_urls=False` tightens it so that
even the URL given may not be internal (the web server, whose URLs come from others).

The check is made on the address actually connected to, after DNS, on every hop
(`SourceAddresses.admit`, called by the connection class at connect time), so a name
that resolves to a public address when asked and a private one when connected to (DNS
rebinding) gets no further. `refuse_private_url` is the same test made ahead of time, for
a caller that must refuse internal URLs outright (the web server).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from enum import Enum
from urllib.parse import urlsplit

from msa_check.errors import SETTING, FetchError, Setting

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressClass(str, Enum):
    """What kind of network an address belongs to; only PUBLIC is reachable from the internet."""

    PUBLIC = "public"
    LOOPBACK = "loopback"
    PRIVATE = "private"
    LINK_LOCAL = "link-local"
    SHARED = "shared (carrier-grade NAT)"
    RESERVED = "reserved"
    MULTICAST = "multicast"
    UNSPECIFIED = "unspecified"


AddressClassifier = Callable[[str], AddressClass]
"""Tells an address's class from its text; injectable so tests on 127.0.0.1 can call it public."""

# Checked in this order; the first network that holds the address names its class. Written
# out rather than read from ipaddress's is_private/is_global, whose answers for some of these
# ranges changed between Python versions.
_NETWORKS: tuple[tuple[AddressClass, tuple[str, ...]], ...] = (
    (AddressClass.UNSPECIFIED, ("0.0.0.0/8", "::/128")),
    (AddressClass.LOOPBACK, ("127.0.0.0/8", "::1/128")),
    (AddressClass.LINK_LOCAL, ("169.254.0.0/16", "fe80::/10")),
    (AddressClass.SHARED, ("100.64.0.0/10",)),
    (AddressClass.PRIVATE, ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")),
    (AddressClass.MULTICAST, ("224.0.0.0/4", "ff00::/8")),
    (
        AddressClass.RESERVED,
        (
            "192.0.0.0/24",  # IETF protocol assignments
            "192.0.2.0/24",  # documentation (TEST-NET-1, -2, -3)
            "198.51.100.0/24",
            "203.0.113.0/24",
            "198.18.0.0/15",  # benchmarking
            "240.0.0.0/4",  # reserved, and 255.255.255.255 (broadcast)
            "100::/64",  # discard-only
            "2001:db8::/32",  # documentation
            "fec0::/10",  # deprecated site-local
        ),
    ),
)
_NETWORK_TABLE = tuple(
    (kind, tuple(ipaddress.ip_network(text) for text in networks)) for kind, networks in _NETWORKS
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def classify_address(address: str) -> AddressClass:
    """The class of an IPv4 or IPv6 address given as text (a zone such as `%eth0` is allowed).

    An IPv6 address that carries an IPv4 one (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::`,
    6to4 `2002::/16`) is judged by the IPv4 address it leads to. Text that is no address
    is RESERVED: it cannot be shown to be public.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return AddressClass.RESERVED
    return _classify_ip(ip)


def _classify_ip(ip: IPAddress) -> AddressClass:
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return _classify_ip(embedded)
    for kind, networks in _NETWORK_TABLE:
        if any(ip in network for network in networks if network.version == ip.version):
            return kind
    return AddressClass.PUBLIC if ip.is_global else AddressClass.RESERVED


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(kind: AddressClass) -> bool:
    return kind is AddressClass.PUBLIC


class PrivateAddressError(FetchError):
    """A URL that leads to a non-public address where the address rule forbids it."""

    def __init__(self, url: str, address: str, kind: AddressClass, why: str) -> None:
        self.url = url
        self.address = address
        self.kind = kind
        super().__init__(
            f"refused to connect to {url}: its host is at {address}, a {kind.value} address,"
            f" {why} (use {SETTING} to allow it)",
            setting=Setting.ALLOW_PRIVATE_URLS,
        )


def host_addresses(host: str, port: int | None = None) -> list[str]:
    """Every address `host` resolves to (an IP literal is itself); OSError if it does not."""
    literal = host.strip("[]")
    try:
        ipaddress.ip_address(literal.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return [literal]
    infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refuse_private_url(url: str, *, classify: AddressClassifier = classify_address) -> None:
    """Raise PrivateAddressError if `url`'s host resolves to any non-public address.

    For a caller that takes URLs from people it does not trust (the web server): the
    fetch itself still checks the address it connects to, so a name that changes its
    answer between this look-up and the connection is caught there. A host that does
    not resolve, or a URL without one, passes: the fetch reports that in its own words.
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return
    if not host:
        return
    try:
        addresses = host_addresses(host, port)
    except (OSError, UnicodeError):
        return
    for address in addresses:
        kind = classify(address)
        if not is_public(kind):
            raise PrivateAddressError(url, address, kind, "and internal URLs are not allowed here")


class SourceAddresses:
    """The address rule over everything one source fetches: each connection is admitted or not.

    Holds whether the source has yet connected to a public address; until it has, internal
    addresses are allowed (the user asked for an internal URL, and internal pages may
    lead to internal pages); once it has, only public ones are. The lock lets one rule
    be shared by threads, should a source's fetches ever run on several.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allow_private_given: bool = True,
        classify: AddressClassifier = classify_address,
    ) -> None:
        self.allow_private = allow_private
        self.classify = classify
        # Without allow_private_given no connection may be internal, the first included:
        # for a server whose URLs come from other people.
        self.allow_private_given = allow_private_given
        self._reached_public = False
        self._lock = threading.Lock()

    @property
    def reached_public(self) -> bool:
        return self._reached_public

    def admit(self, url: str, *found: str, reached_before: bool | None = None) -> bool:
        """Allow a connection for `url` to the addresses `found` (all a host resolves to,
        or the one connected to), or raise PrivateAddressError for the first refused.

        All are judged against the chain as it was before this hop (`reached_before`, as
        this returned when the hop's host was looked up; else the chain now), then a
        public one among them marks the chain: so a host given directly that resolves to
        both a public and a private address is allowed whichever it connects to.
        Returns whether the chain had reached a public address before this hop.
        """
        kinds = [(address, self.classify(address)) for address in found]
        with self._lock:
            before = self._reached_public if reached_before is None else reached_before
            internal = [(a, kind) for a, kind in kinds if not is_public(kind)]
            if internal and not self.allow_private:
                if before:
                    why = "reached from a public address"
                elif not self.allow_private_given:
                    why = "and internal URLs are not allowed here"
                else:
                    why = ""
                if why:
                    address, kind = internal[0]
                    raise PrivateAddressError(url, address, kind, why)
            if len(internal) < len(kinds):
                self._reached_public = True
            return before
