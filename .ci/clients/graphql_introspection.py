"""Python's gql against the Paradime sandbox: builds its client schema from the server's
introspection answer (fetch_schema_from_transport=True), then validates documents locally
against it and runs them. Exits non-zero on the first failure."""

import os
import sys

from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from graphql import GraphQLError

step = 0


def ok(what):
    global step
    step += 1
    print(f"ok {step}: {what}", flush=True)


def main():
    transport = RequestsHTTPTransport(
        url=os.environ["PARADIME_API_URL"],
        headers={"Authorization": "Bearer " + os.environ["PARADIME_API_TOKEN"]},
    )
    client = Client(transport=transport, fetch_schema_from_transport=True)
    with client as session:
        result = session.execute(gql("query { listWorkspaces { ok workspaces { uid name } } }"))
        schema = client.schema
        assert schema is not None and schema.mutation_type is not None
        ok(f"client schema built from introspection ({len(schema.type_map)} types)")
        account = schema.get_type("UserAccountType")
        assert "SANDBOX_USER" in account.values, account.values
        ok("UserAccountType has the SDK's nine values")
        assert result["listWorkspaces"]["ok"] is True
        ok("a query validated against the fetched schema runs")
        try:
            session.execute(gql("query { listUsers { nope } }"))
            raise AssertionError("an invalid field passed local validation")
        except GraphQLError as e:
            assert "nope" in str(e), e
            ok("gql rejects an unknown field locally, from the fetched schema")
        done = session.execute(
            gql("mutation($e: String!) { inviteUser(email: $e, accountType: DEVELOPER) { ok } }"),
            variable_values={"e": "gql.client@acme.example"},
        )
        assert done == {"inviteUser": {"ok": True}}, done
        ok("a mutation with variables runs")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:
        print(f"not ok {step + 1}: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"gql: {step} steps ok")
