"""Schemathesis hooks for the Model-Prime spec (loaded by .ci/conformance via
SCHEMATHESIS_HOOKS for that run only).

Model-Prime authenticates with `Authorization: <email>:<token>`, where the email is the
token owner's own. `PATCH /users/me` may change that email, after which the old header is
rightly refused: a fixed `-H` would turn every later request into a 401. This auth follows
the owner's email as the API answers it, so every operation stays authenticated.
"""

import os

import schemathesis


class Owner:
    """The token owner's current email."""

    email = os.environ["MODELPRIME_EMAIL"]


@schemathesis.auth()
class ModelPrimeAuth:
    def get(self, case, context):
        return os.environ["MODELPRIME_TOKEN"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"{Owner.email}:{data}"


@schemathesis.hook
def after_call(context, case, response):
    if (
        case.operation.method.upper() == "PATCH"
        and case.operation.path == "/users/me"
        and response.status_code == 200
    ):
        Owner.email = response.json()["email"]
