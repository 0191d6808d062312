"""Log filters (used by LOGGING in portal/settings.py): what is logged is what an operator needs.

- The zelftoets leaves no trace but its errors: never "Bad Request: /zelftoets/" with its time.
- Expected failures are one line: a 4xx (a 403 in the admin, a 404) and a database outage log
  no traceback (an outage of 14 s logged 15 MB of them); real errors keep theirs.
"""

import logging

from django.db import DatabaseError


def no_zelftoets_chatter(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR or "/zelftoets" not in record.getMessage()


def no_expected_tracebacks(record: logging.LogRecord) -> bool:
    if not record.name.startswith("django.request") or not record.exc_info:
        return True
    error = record.exc_info[1]
    if isinstance(error, DatabaseError):
        record.msg = f"{record.msg} (database niet bereikbaar: {type(error).__name__})"
        record.exc_info, record.exc_text = None, None
    elif record.levelno < logging.ERROR:
        record.exc_info, record.exc_text = None, None
    return True
