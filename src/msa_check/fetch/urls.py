"""Whether a URL can be fetched at all, asked before anything tries to: one answer for every hop.

A URL comes from the user, from a `Location` header, from a `<base href>` or from a link on
a page, and a hostile or careless page can send any text at all: an unclosed IPv6 bracket
(`http://[::1/x`), a port out of range (`:99999`), no host (`http://:80`), control
characters, a name with empty labels, a megabyte of letters. urllib.parse, urllib3 and
requests each reject some of these with their own exception types (some of them not
requests' own), at different points. `url_problem` asks all the questions at once and
says what is wrong in words, so a bad link is skipped with a note and a bad URL given
or redirected to is a source error, never a traceback.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import urljoin, urlsplit

import requests

MAX_URL_CHARS = 8192  # RFC 9110 asks every party to handle at least 8,000 octets
_SHOWN_CHARS = 120
_HTTP_SCHEMES = frozenset({"http", "https"})
NOT_HTTP = "it is not an http or https URL"
_MAX_HOST_CHARS = 253  # a DNS name, RFC 1035
_MAX_LABEL_CHARS = 63


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched as an absolute http(s) URL, in words; None if it can."""
    if len(url) > MAX_URL_CHARS:
        return f"it is {len(url):,} characters long, over the {MAX_URL_CHARS:,} allowed"
    control = next((char for char in url if _is_control(char)), None)
    if control is not None:
        return f"it contains the control character U+{ord(control):04X}"
    if any(char.isspace() for char in url):
        return "it contains a space"
    try:
        parts = urlsplit(url)
        port = parts.port  # parsed lazily: "Port out of range 0-65535" comes from here
        host = parts.hostname
    except ValueError as exc:
        return _worded(exc)
    if parts.scheme.lower() not in _HTTP_SCHEMES:
        return NOT_HTTP
    if not host:
        return "it has no host"
    if port == 0:
        return "port 0 is not a port a server listens on"
    problem = _host_problem(host, bracketed="[" in parts.netloc)
    if problem is not None:
        return problem
    try:  # what requests (and urllib3 under it) will make of it when sending
        requests.PreparedRequest().prepare_url(url, None)
    except (requests.RequestException, ValueError, UnicodeError) as exc:
        return _worded(exc)
    return None


def join_url(base: str, reference: str) -> str:
    """`reference` (a href or a Location, maybe relative) made absolute against `base`,
    without its #fragment; ValueError, with the reason in words, if the result cannot be
    fetched."""
    try:
        joined = urljoin(base, reference.strip()).split("#", 1)[0]
    except ValueError as exc:
        raise ValueError(_worded(exc)) from exc
    problem = url_problem(joined)
    if problem is not None:
        raise ValueError(problem)
    return joined


def shown_url(url: str) -> str:
    """`url` as it may be printed: control characters escaped, cut to a readable length."""
    shown = "".join(
        f"\\x{ord(char):02x}" if _is_control(char) else char for char in url[: _SHOWN_CHARS + 1]
    )
    return shown if len(url) <= _SHOWN_CHARS else shown[:_SHOWN_CHARS] + "..."


def _host_problem(host: str, *, bracketed: bool) -> str | None:
    if bracketed:  # an IPv6 literal: urlsplit checks it, but not its zone
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return f"[{host}] is not an IPv6 address"
        return None
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        pass
    else:
        return None
    name = host[:-1] if host.endswith(".") else host  # a final dot names the DNS root
    if len(name) > _MAX_HOST_CHARS:
        return f"its host name is over {_MAX_HOST_CHARS} characters"
    for label in name.split("."):
        if not label:
            return f"its host name {host!r} has an empty label"
        if len(label) > _MAX_LABEL_CHARS and label.isascii():
            return f"its host name has a label over {_MAX_LABEL_CHARS} characters"
    return None


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def _worded(exc: BaseException) -> str:
    text = str(exc.args[0] if exc.args else exc) or type(exc).__name__
    return text[:200]
