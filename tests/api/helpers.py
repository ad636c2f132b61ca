"""Calling the API the way a script does: JSON bodies and `Authorization: Bearer <token>` from the CLI."""

import io
import json

from django.core.management import call_command


def cli_token(username: str, *args: str) -> str:
    out = io.StringIO()
    call_command("token", username, *args, stdout=out)
    return out.getvalue().strip()


def call(client, method: str, url: str, user=None, body=None):
    headers = {"Authorization": f"Bearer {cli_token(user.username)}"} if user is not None else {}
    kwargs = {"headers": headers}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())(url, **kwargs)
