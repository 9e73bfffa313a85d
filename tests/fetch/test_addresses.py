"""The address classifier and the rule 'a page reached from a public address may not lead
to a private one'."""

from __future__ import annotations

import pytest

from msa_check.cli.exits import SETTING_FLAGS
from msa_check.fetch.addresses import (
    AddressClass,
    PrivateAddressError,
    SourceAddresses,
    classify_address,
    host_addresses,
    refuse_private_url,
)

CLASSES = {
    "8.8.8.8": AddressClass.PUBLIC,
    "2606:4700:4700::1111": AddressClass.PUBLIC,
    "127.0.0.1": AddressClass.LOOPBACK,
    "127.255.0.9": AddressClass.LOOPBACK,
    "::1": AddressClass.LOOPBACK,
    "10.1.2.3": AddressClass.PRIVATE,
    "172.16.0.1": AddressClass.PRIVATE,
    "172.31.255.255": AddressClass.PRIVATE,
    "192.168.1.1": AddressClass.PRIVATE,
    "fd00::1": AddressClass.PRIVATE,
    "169.254.169.254": AddressClass.LINK_LOCAL,
    "fe80::1": AddressClass.LINK_LOCAL,
    "fe80::1%eth0": AddressClass.LINK_LOCAL,
    "100.64.0.1": AddressClass.SHARED,
    "100.127.255.254": AddressClass.SHARED,
    "224.0.0.1": AddressClass.MULTICAST,
    "ff02::1": AddressClass.MULTICAST,
    "0.0.0.0": AddressClass.UNSPECIFIED,
    "::": AddressClass.UNSPECIFIED,
    "240.0.0.1": AddressClass.RESERVED,
    "255.255.255.255": AddressClass.RESERVED,
    "192.0.2.10": AddressClass.RESERVED,
    "2001:db8::1": AddressClass.RESERVED,
    # IPv6 forms that carry an IPv4 address are judged by it
    "::ffff:127.0.0.1": AddressClass.LOOPBACK,
    "::ffff:169.254.169.254": AddressClass.LINK_LOCAL,
    "64:ff9b::a9fe:a9fe": AddressClass.LINK_LOCAL,
    "2002:0a00:0001::": AddressClass.PRIVATE,
    "::ffff:8.8.8.8": AddressClass.PUBLIC,
    "not an address": AddressClass.RESERVED,
}


@pytest.mark.parametrize(("address", "kind"), CLASSES.items())
def test_classify_address(address: str, kind: AddressClass) -> None:
    assert classify_address(address) is kind


def test_neighbours_of_private_ranges_are_public() -> None:
    for address in ("172.32.0.1", "100.128.0.1", "169.253.255.255", "11.0.0.1", "9.255.255.255"):
        assert classify_address(address) is AddressClass.PUBLIC, address


def test_direct_internal_url_is_admitted_and_may_lead_to_internal() -> None:
    rule = SourceAddresses()
    rule.admit("http://intranet/", "10.0.0.5")
    rule.admit("http://intranet/statement", "10.0.0.6")
    assert not rule.reached_public


def test_public_page_may_not_lead_to_private_address() -> None:
    rule = SourceAddresses()
    rule.admit("http://supplier.example/", "8.8.8.8")
    with pytest.raises(PrivateAddressError) as caught:
        rule.admit("http://169.254.169.254/latest/meta-data/", "169.254.169.254")
    message = caught.value.worded(SETTING_FLAGS)
    assert "169.254.169.254, a link-local address" in message
    assert "reached from a public address" in message
    assert "--allow-private-urls" in message
    assert caught.value.exit_code == 3


def test_internal_then_public_then_internal_is_refused() -> None:
    rule = SourceAddresses()
    rule.admit("http://intranet/", "10.0.0.5")
    rule.admit("http://public.example/", "8.8.8.8")
    with pytest.raises(PrivateAddressError):
        rule.admit("http://intranet/admin", "10.0.0.5")


def test_allow_private_lifts_the_rule() -> None:
    rule = SourceAddresses(allow_private=True)
    rule.admit("http://supplier.example/", "8.8.8.8")
    rule.admit("http://127.0.0.1/admin", "127.0.0.1")


def test_injected_classifier_decides() -> None:
    def loopback_port_is_public(address: str) -> AddressClass:
        return AddressClass.PUBLIC

    rule = SourceAddresses(classify=loopback_port_is_public)
    rule.admit("http://127.0.0.1/", "127.0.0.1")
    assert rule.reached_public


def test_refuse_private_url() -> None:
    with pytest.raises(PrivateAddressError, match="loopback"):
        refuse_private_url("http://127.0.0.1:8080/x")
    with pytest.raises(PrivateAddressError, match="link-local"):
        refuse_private_url("http://[fe80::1]/x")
    with pytest.raises(PrivateAddressError, match="loopback"):
        refuse_private_url("http://localhost/x")
    refuse_private_url("http://8.8.8.8/statement")
    # malformed, host-less or unresolvable URLs are left for the fetch to report
    refuse_private_url("http://[::1/x")
    refuse_private_url("file:///etc/passwd")
    refuse_private_url("http://no-such-host.invalid/")


def test_host_addresses_of_literals() -> None:
    assert host_addresses("127.0.0.1") == ["127.0.0.1"]
    assert host_addresses("[::1]") == ["::1"]


def test_without_private_given_urls_even_the_first_hop_must_be_public() -> None:
    rule = SourceAddresses(allow_private_given=False)
    with pytest.raises(PrivateAddressError, match="internal URLs are not allowed here"):
        rule.admit("http://127.0.0.1/", "127.0.0.1")
    rule.admit("http://supplier.example/", "8.8.8.8")
    with pytest.raises(PrivateAddressError, match="reached from a public address"):
        rule.admit("http://10.0.0.1/", "10.0.0.1")
    SourceAddresses(allow_private=True, allow_private_given=False).admit("http://x/", "10.0.0.1")


def test_a_host_with_public_and_private_addresses_is_judged_as_one_hop() -> None:
    # Given directly, it is allowed whichever address the resolver lists first ...
    for order in (("10.0.0.5", "8.8.8.8"), ("8.8.8.8", "10.0.0.5")):
        rule = SourceAddresses()
        rule.admit("http://split.example/", *order)
        assert rule.reached_public
    # the connection that follows the look-up is judged as the look-up was
    rule = SourceAddresses()
    before = rule.admit("http://split.example/", "10.0.0.5", "8.8.8.8")
    rule.admit("http://split.example/", "10.0.0.5", reached_before=before)
    # ... and reached from a public page it is refused, naming the internal address.
    with pytest.raises(PrivateAddressError, match=r"10\.0\.0\.5, a private address"):
        rule.admit("http://split.example/next", "8.8.4.4", "10.0.0.5")
