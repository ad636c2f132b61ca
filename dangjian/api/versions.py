"""ETag / If-Match for versioned records (dangjian.core.versioning).

GET answers with `ETag: "<version>"`; a PATCH/PUT that sends `If-Match` with that value is refused with 409
when someone saved in between. A write without If-Match is still accepted (older clients) and applies only
the fields it sends to the record as it is then.
"""

from dangjian.core import versioning


def if_match(request) -> int | None:
    return versioning.parse_version(request.headers.get("If-Match"))


def set_etag(response, instance) -> None:
    response["ETag"] = versioning.etag(instance)
