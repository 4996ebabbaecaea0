"""Every scim2-tester check against the bridge at URL (token in USERMGMT_SCIM_TOKEN).

Prints one line per result and a summary; writes the results as JSON to OUT; exits 1
when a check fails that is not excluded below. SKIPPED does not fail: scim2-tester skips
only what the server says (with a 501) it does not offer, as RFC 7644 allows.

usage: python check.py URL OUT
"""

import json
import os
import sys
from collections import Counter

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import CheckConfig, Status, check_server
from scim2_tester.checkers import core_schemas_validation
from scim2_tester.utils import CheckContext

ACCOUNTS = "urn:usermgmt:params:scim:schemas:extension:accounts:2.0:User"


def excluded(result):
    """Why a failed check is not a failure of the bridge, or None.

    scim2-tester treats a schema extension as one writable complex attribute and PATCHes
    it (add, remove, replace) even when every attribute in it is readOnly, as the bridge's
    accounts extension is (the providers' state answers it). RFC 7644 section 3.5.2: "a
    client MUST NOT modify an attribute that has mutability readOnly"; RFC 7643 section
    2.2: readOnly attributes "SHALL NOT be modified". The bridge answers 400 mutability,
    as RFC 7644 section 3.12 says.
    """
    if result.title.startswith("check_") and ACCOUNTS in (result.reason or ""):
        return "RFC 7644 3.5.2 / RFC 7643 2.2: PATCH of a readOnly extension"
    return None


def main():
    url, out = sys.argv[1], sys.argv[2]
    token = os.environ["USERMGMT_SCIM_TOKEN"]
    client = SyncSCIMClient(Client(base_url=url, headers={"Authorization": "Bearer " + token}))
    results = check_server(client)  # no tags: every check it schedules
    # Exported by scim2-tester 0.5.2 but not scheduled by check_server.
    results += core_schemas_validation(CheckContext(client, CheckConfig()))
    counts = Counter()
    rows = []
    for r in results:
        failed = r.status in (Status.ERROR, Status.CRITICAL)
        why = excluded(r) if failed else None
        kind = "excluded" if why else "failed" if failed else (
            "skipped" if r.status == Status.SKIPPED else "passed")
        counts[kind] += 1
        where = f"[{r.resource_type}] " if r.resource_type else ""
        print(f"{kind.upper():8} {where}{r.title}: {r.reason or ''}" + (f" ({why})" if why else ""))
        rows.append({"title": r.title, "status": r.status.name, "resource_type": r.resource_type,
                     "outcome": kind, "reason": r.reason, "excluded_because": why})
    with open(out, "w") as f:
        json.dump(rows, f, indent=1)
    print(f"scim2-tester: {counts['passed']} passed, {counts['failed']} failed, "
          f"{counts['skipped']} skipped, {counts['excluded']} excluded")
    sys.exit(1 if counts["failed"] else 0)


if __name__ == "__main__":
    main()
