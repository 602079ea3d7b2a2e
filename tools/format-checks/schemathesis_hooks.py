"""Hooks for schemathesis, loaded through SCHEMATHESIS_HOOKS by tools/format-checks/run.

The served OpenAPI document states every limit of `as_of` (its pattern admits only days on
which the official repository held a list) except one JSON Schema cannot express: a day
after today is refused too. Generated queries with such a day are dropped here, so a
refusal that the document announces is not counted as a schema-valid request rejected.
"""

import datetime

import schemathesis


@schemathesis.hook
def filter_query(ctx, query):
    value = (query or {}).get("as_of")
    if not isinstance(value, str):
        return True
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return True
    return day <= datetime.datetime.now(datetime.timezone.utc).date()
