"""What a form of the web app asks for, read and refused before any work is queued.

Apart from the routes because these read only the form's values and the server's offer,
so a wrong URL or an unknown rule set is refused with the CLI's words whichever page asks.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import FormData

from msa_check.errors import UsageError


def admit_url(url: str, allow_private_urls: bool, what: str = "") -> None:
    """Refuse, as a usage error naming the fix, a URL that is not http(s) or (unless
    `allow_private_urls`) one that points at a private address; `what` names the field
    when it is not the statement's address."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        usable = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. a port that is no number, brackets that do not close
        usable = False
    if not usable:
        example = "https://www.example.com" + ("" if what else "/modern-slavery-statement")
        raise UsageError(
            f"{f'the {what} ' if what else ''}{url!r} is not an http or https URL: give the "
            f"full address, e.g. {example}"
        )
    if not allow_private_urls:
        from msa_check.fetch.addresses import PrivateAddressError, refuse_private_url

        try:
            refuse_private_url(url)
        except PrivateAddressError as error:  # the form's fault (400), not the site's
            raise UsageError(error.template, setting=error.setting) from None


def chosen_rules(form: FormData, offered: Collection[str]) -> list[str]:
    """The rule sets a form chose, each one this server `offered`; else a usage error."""
    names = [str(value) for value in form.getlist("rules")]
    if not names:
        raise UsageError("choose at least one rule set")
    for name in names:
        if name not in offered:
            if "/" not in name and not name.endswith((".yaml", ".yml")):
                from msa_check.rules.loading import resolve_rule_file

                resolve_rule_file(name)  # the CLI's words for an unknown rule set
            raise UsageError(
                f"this server does not offer the rule set {name!r}: choose one of "
                + ", ".join(offered)
            )
    return names
