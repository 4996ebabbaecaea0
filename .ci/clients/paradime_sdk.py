"""The official Paradime Python SDK (paradime-io) against the sandbox: its user-management
calls, each a numbered step that asserts its result. Exits non-zero on the first failure.

Reads PARADIME_API_URL, PARADIME_API_KEY, PARADIME_API_SECRET and PARADIME_API_TOKEN (a
workspace token, prdm_wsp_...) from the environment that `usermgmt sandbox serve` exports.
"""

import os
import sys

os.environ.setdefault("PARADIME_DISABLE_VERSION_CHECK", "1")  # no PyPI call from CI

from paradime import Paradime  # noqa: E402
from paradime.apis.users.types import UserAccountType  # noqa: E402
from paradime.client.api_exception import ParadimeAPIException  # noqa: E402

step = 0


def ok(what):
    global step
    step += 1
    print(f"ok {step}: {what}", flush=True)


def main():
    url = os.environ["PARADIME_API_URL"]
    legacy = Paradime(
        api_key=os.environ["PARADIME_API_KEY"],
        api_secret=os.environ["PARADIME_API_SECRET"],
        api_endpoint=url,
    )
    bearer = Paradime(api_secret=os.environ["PARADIME_API_TOKEN"], api_endpoint=url)

    active = legacy.users.list_active()
    assert active, "no active users"
    assert all(len(u.uid) == 64 for u in active), active
    ok(f"users.list_active (X-API-KEY/X-API-SECRET): {len(active)} active users")

    same = bearer.users.list_active()
    assert [u.uid for u in same] == [u.uid for u in active]
    ok("users.list_active with a workspace bearer token (prdm_wsp_) gives the same users")

    invited_before = legacy.users.list_invited()
    ok(f"users.list_invited: {len(invited_before)} invitations")

    email = "sdk.client@acme.example"
    legacy.users.invite(email=email, account_type=UserAccountType.ANALYST)
    invited = {i.email: i for i in legacy.users.list_invited()}
    assert email in invited, invited
    assert invited[email].account_type == "ANALYST", invited[email]
    ok(f"users.invite {email} as ANALYST: listed as invited ({invited[email].invite_status})")

    target = next(u for u in reversed(active) if u.account_type != "BUSINESS")
    legacy.users.update_account_type(user_uid=target.uid, account_type=UserAccountType.BUSINESS)
    assert legacy.users.get_by_email(target.email).account_type == "BUSINESS"
    ok(f"users.update_account_type {target.email} -> BUSINESS: get_by_email shows it")

    legacy.users.disable(user_uid=target.uid)
    remaining = [u.email for u in legacy.users.list_active()]
    assert target.email not in remaining, remaining
    assert len(remaining) == len(active) - 1
    ok(f"users.disable {target.email}: left the active list ({len(remaining)} remain)")

    try:
        legacy.users.get_by_email(target.email)
        raise AssertionError("a disabled user is still found")
    except ValueError:
        ok("users.get_by_email of the disabled user raises ValueError")

    workspaces = bearer.workspaces.list_all()
    assert workspaces and all(w.uid and w.name for w in workspaces), workspaces
    ok(f"workspaces.list_all: {', '.join(w.name for w in workspaces)}")

    company = Paradime(
        api_secret=os.environ.get("PARADIME_COMPANY_BEARER_TOKEN", "prdm_cmp_sandbox_acme_0000"),
        workspace_uid=workspaces[-1].uid,
        api_endpoint=url,
    )
    assert [u.email for u in company.users.list_active()] == remaining
    ok("users.list_active with a company token (prdm_cmp_) and X-Paradime-Workspace")

    wrong = Paradime(api_key="nope", api_secret="nope", api_endpoint=url)
    try:
        wrong.users.list_active()
        raise AssertionError("wrong keys were accepted")
    except ParadimeAPIException as e:
        assert "401" in str(e), e
        ok("wrong keys raise ParadimeAPIException (401)")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # any failure: say which step, exit non-zero
        print(f"not ok {step + 1}: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"paradime-io: {step} steps ok")
