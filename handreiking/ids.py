"""Ids from addresses, query strings and headers: digits only, or nothing.

`str.isdigit()` also accepts "²" and other digits `int()` refuses, and a number of any length
overflows the database; an id that is not one is simply absent (the caller answers in Dutch)."""

import re

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value: str | None) -> int | None:
    if value is None or not _ID.fullmatch(value):
        return None
    return int(value)
