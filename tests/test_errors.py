"""Core errors name the setting that fixes them; whoever shows the error names it their way."""

from __future__ import annotations

from msa_check.errors import SETTING, FetchError, Setting


def test_an_error_names_its_setting_by_the_api_name_unless_told_otherwise() -> None:
    error = FetchError(f"too slow (use {SETTING} to allow longer)", setting=Setting.DEADLINE)
    assert error.message == str(error) == "too slow (use total_deadline to allow longer)"
    assert (
        error.worded({Setting.DEADLINE: "--deadline"})
        == "too slow (use --deadline to allow longer)"
    )
    assert FetchError("plain {setting}").worded({Setting.DEADLINE: "--x"}) == "plain {setting}"
