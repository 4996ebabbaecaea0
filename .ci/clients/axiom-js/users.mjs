// Axiom's official JS client (@axiomhq/js) against the sandbox. Its users service has
// only reads: users.list(), users.get(id), users.current(). Those run first; then, since
// the client has no create / role / delete calls, the same client's own transport
// (FetchClient: its headers, retry and error handling) sends them. Each step is numbered
// and asserted; the first failure exits non-zero.
// Env (from `usermgmt sandbox serve`): AXIOM_URL (ends in /v2; the client wants the host
// without it), AXIOM_TOKEN, AXIOM_PERSONAL_TOKEN, AXIOM_ORG_ID.
import assert from 'node:assert/strict';
import { Axiom } from '@axiomhq/js';

let step = 0;
const ok = (what) => console.log(`ok ${++step}: ${what}`);

const url = process.env.AXIOM_URL.replace(/\/v2\/?$/, '');
const api = new Axiom({ token: process.env.AXIOM_TOKEN, url });

async function rejects(promise, check) {
  try {
    await promise;
  } catch (e) {
    check(e);
    return e;
  }
  throw new Error('expected a rejection');
}

async function main() {
  const users = await api.users.list();
  assert.ok(Array.isArray(users) && users.length > 0, 'a non-empty array');
  for (const u of users) {
    assert.equal(typeof u.id, 'string');
    assert.equal(typeof u.name, 'string');
    assert.match(u.email, /@/);
    assert.equal(typeof u.role.id, 'string');
    assert.equal(typeof u.role.name, 'string');
  }
  ok(`users.list: ${users.length} users, each {id, name, email, role: {id, name}}`);

  const first = await api.users.get(users[0].id);
  assert.deepEqual(first, users[0]);
  ok(`users.get(${users[0].id}) equals the listed user`);

  const missing = await rejects(api.users.get('no-such-user'), (e) => {
    assert.ok(e.name === 'AxiomRequestError', String(e));
    assert.equal(e.status, 404);
  });
  ok(`users.get of an unknown id rejects with ${missing.status}: ${missing.message}`);

  // The personal token (deprecated by the client, still Axiom's only way to /v2/user).
  const warn = console.warn;
  console.warn = () => {};
  const personal = new Axiom({
    token: process.env.AXIOM_PERSONAL_TOKEN,
    orgId: process.env.AXIOM_ORG_ID,
    url,
  });
  console.warn = warn;
  const me = await personal.users.current();
  assert.ok(users.some((u) => u.id === me.id && u.email === me.email), JSON.stringify(me));
  ok(`users.current with a personal token: ${me.email}`);

  const refused = await rejects(api.users.current(), (e) => {
    assert.ok(e.name === 'AxiomRequestError' || e.message === 'forbidden', String(e));
  });
  ok(`users.current with an API token is refused (${refused.message})`);

  await rejects(new Axiom({ token: 'xaat-wrong', url }).users.list(), (e) => {
    assert.ok(e.message === 'forbidden' || e.status === 403, String(e));
  });
  ok('a wrong token is refused');

  // Beyond the client's methods: its transport, for the calls it lacks.
  const transport = api.users.client;
  const email = 'js.client@acme.example';
  const created = await transport.post('/v2/users', {
    body: JSON.stringify({ name: 'JS Client', email, role: 'user' }),
  });
  assert.equal(created.email, email);
  assert.equal(created.role.id, 'user');
  assert.deepEqual(await api.users.get(created.id), created);
  ok(`POST /v2/users (client transport) created ${created.id}; users.get finds it`);

  const promoted = await transport.put(`/v2/users/${encodeURIComponent(created.id)}/role`, {
    body: JSON.stringify({ role: 'admin' }),
  });
  assert.equal(promoted.role.id, 'admin');
  assert.equal((await api.users.get(created.id)).role.id, 'admin');
  ok('PUT /v2/users/{id}/role -> admin: users.get shows it');

  const deleted = await transport.delete(`/v2/users/${encodeURIComponent(created.id)}`);
  assert.equal(deleted.status, 204);
  assert.ok(!(await api.users.list()).some((u) => u.id === created.id));
  await rejects(api.users.get(created.id), (e) => assert.equal(e.status, 404));
  ok('DELETE /v2/users/{id}: 204, gone from users.list, users.get is 404');
}

main().then(
  () => console.log(`@axiomhq/js: ${step} steps ok`),
  (e) => {
    console.error(`not ok ${step + 1}: ${e.stack || e}`);
    process.exit(1);
  },
);
