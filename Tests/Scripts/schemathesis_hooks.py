"""schemathesis hooks for the pstscope serve API (SCHEMATHESIS_HOOKS=hooks, with this folder on PYTHONPATH).

`from` must not be after `to`: a rule between two query parameters that OpenAPI cannot state.
Two valid days in the wrong order are put in order before the request, so that a valid request
is never refused for it. A malformed day is left alone: it is the test."""
import datetime
import schemathesis


def _day(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


@schemathesis.hook
def before_call(context, case, kwargs):
    query = case.query
    if not isinstance(query, dict):
        return
    first, last = _day(query.get("from")), _day(query.get("to"))
    if first and last and first > last:
        query["from"], query["to"] = query["to"], query["from"]
