// Interop suite: tokens from magicbelljwt checked by implementations we did not write
// (jsonwebtoken 9, as in MagicBell's TypeScript recipe; jose 6; the atob expression of
// MagicBell's browser client; MagicBell's own JavaScript SDK), and tokens from
// jsonwebtoken checked by magicbelljwt and explained by magicbell-jwt decode. The Go
// side is ./tokens and the command, built once. Run: npm ci --ignore-scripts && npm test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';
import { Realtime } from 'magicbell-js/realtime';
import { Client } from 'magicbell-js/user-client';
// @magicbell/react exports its JWT helpers to no one; load them from the package itself.
import { getApiKeyFromToken, getUserIdFromToken } from './node_modules/@magicbell/react/dist/esm/internal/lib/jwt.js';

const apiKey = 'pk_JJUxO8amaaK21G08w9q0_218239574';
const secret = 'sk_interop_5ecret_Zq8VbN2xLw7pT4mR9cYe1uH';
const year = 365 * 24 * 60 * 60;

// A hostile but valid user set: ASCII emails with the characters that break atob,
// quotes, backslashes and other punctuation in IDs, accents, CJK, emoji, IDs of 255
// characters (the limit, which MagicBell's schema counts in characters), email only, ID
// only, both.
const users = [
  { email: 'person@example.com', id: 'usr_l70vln' },
  { email: 'person@example.com', id: '' },
  { email: '', id: 'usr_l70vln' },
  { email: 'ab~c@example.com', id: '' },
  { email: 'xy?z@example.com', id: '' },
  { email: "o'brien+news@example.com", id: '' },
  { email: 'first.last@sub.example.co.uk', id: 'a>b' },
  { email: '', id: 'usr~1?x' },
  { email: '', id: 'x>>>y???z~~~' }, // each character at all three positions of a base64 block
  { email: '', id: "it's" },
  { email: '', id: 'a+b=c/d' },
  { email: '', id: 'say "hi"' },
  { email: '', id: 'back\\slash\\' },
  { email: '', id: '<script>alert(1)</script>&amp;' },
  { email: '', id: 'José Ñúñez' },
  { email: 'zoe@example.com', id: 'Zoë Ångström' },
  { email: '', id: '山田太郎' },
  { email: '', id: '사용자-42' },
  { email: '', id: '🎉🚀' },
  { email: '', id: '👩‍👩‍👧 family' },
  { email: '', id: 'x'.repeat(255) },
  { email: '', id: 'é'.repeat(127) + 'x' },
  { email: '', id: '🎉'.repeat(63) + 'abc' },
  { email: '', id: 'é'.repeat(255) },
  { email: '', id: '山'.repeat(255) },
  { email: '~'.repeat(126) + '@' + '~'.repeat(127), id: '🎉'.repeat(255) }, // the longest token
];

// The Go programs are built into a directory of their own, removed when the suite ends,
// whether its tests pass or fail.
const buildDir = mkdtempSync(join(tmpdir(), 'magicbelljwt-interop-'));
after(() => rmSync(buildDir, { recursive: true, force: true }));
const tokensBin = join(buildDir, 'tokens');
const commandBin = join(buildDir, 'magicbell-jwt');
const env = { ...process.env, MAGICBELL_API_KEY: apiKey, MAGICBELL_API_SECRET: secret };

function goTokens(args, input) {
  const out = execFileSync(tokensBin, args, { env, input: JSON.stringify(input) });
  return JSON.parse(out.toString());
}

// want is the payload a user's token must carry: absent fields absent.
function want(u) {
  const p = {};
  if (u.email !== '') p.user_email = u.email;
  if (u.id !== '') p.user_external_id = u.id;
  p.api_key = apiKey;
  return p;
}

function userFields(payload) {
  const { iat, exp, ...rest } = payload;
  return rest;
}

let goTokensDefault;
let goTokensHour;

before(() => {
  for (const u of users) {
    assert.ok([...u.id].length <= 255, `test ID too long: ${u.id}`); // code points, as the schema counts
  }
  execFileSync('go', ['build', '-o', tokensBin, './tokens'], { stdio: 'inherit' });
  execFileSync('go', ['build', '-o', commandBin, '../cmd/magicbell-jwt'], { stdio: 'inherit' });
  goTokensDefault = goTokens(['mint'], users);
  goTokensHour = goTokens(['mint', '-expiry', '1h'], users);
  assert.equal(goTokensDefault.length, users.length);
});

test('jsonwebtoken verifies every Go token with exactly the claims meant', () => {
  for (const [tokens, expiry] of [[goTokensDefault, year], [goTokensHour, 3600]]) {
    users.forEach((u, i) => {
      const payload = jwt.verify(tokens[i], secret, { algorithms: ['HS256'] });
      assert.deepEqual(userFields(payload), want(u), `user ${i}`);
      assert.ok(Number.isInteger(payload.iat) && Number.isInteger(payload.exp));
      assert.equal(payload.exp - payload.iat, expiry, `user ${i}: exp - iat`);
      assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 120, `user ${i}: iat is not now`);
      const { header } = jwt.decode(tokens[i], { complete: true });
      assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    });
  }
});

test('jsonwebtoken rejects Go tokens under another secret or algorithm', () => {
  assert.throws(() => jwt.verify(goTokensDefault[0], secret + 'x', { algorithms: ['HS256'] }), /invalid signature/);
  assert.throws(() => jwt.verify(goTokensDefault[0], secret, { algorithms: ['HS512'] }), /invalid algorithm/);
});

test('jose verifies every Go token with exactly the claims meant', async () => {
  const key = new TextEncoder().encode(secret);
  for (const [i, u] of users.entries()) {
    const { payload, protectedHeader } = await jwtVerify(goTokensDefault[i], key, { algorithms: ['HS256'] });
    assert.deepEqual(userFields(payload), want(u), `user ${i}`);
    assert.equal(payload.exp - payload.iat, year);
    assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
  }
});

test("MagicBell's browser client reads every Go token with atob", () => {
  for (const tokens of [goTokensDefault, goTokensHour]) {
    users.forEach((u, i) => {
      const segment = tokens[i].split('.')[1];
      assert.doesNotMatch(segment, /[-_]/, `user ${i}: payload segment has base64url-only characters`);
      // The exact expression of MagicBell's JavaScript client.
      const payload = JSON.parse(atob(tokens[i].split('.')[1]));
      assert.equal(payload.api_key, apiKey);
      assert.deepEqual(userFields(payload), want(u), `user ${i}`);
    });
  }
  // The control: the same users through jsonwebtoken's own encoding do break atob,
  // which is what the escaping in Sign prevents.
  const broken = users.filter((u) => {
    const t = jwt.sign(want(u), secret, { algorithm: 'HS256', expiresIn: '1y' });
    try {
      JSON.parse(atob(t.split('.')[1]));
      return false;
    } catch {
      return true;
    }
  });
  assert.ok(broken.length > 0, 'expected some users whose jsonwebtoken tokens atob cannot read');
});

test("the README's example token is what jsonwebtoken expects", () => {
  const token =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2VtYWlsIjoicGVyc29uQGV4YW1wbGUuY29tIiwidXNlcl9leHRlcm5hbF9pZCI6InVzcl9sNzB2bG4iLCJhcGlfa2V5IjoicGtfSkpVeE84YW1hYUsyMUcwOHc5cTBfMjE4MjM5NTc0IiwiaWF0IjoxNzk1NDM1MjAwLCJleHAiOjE4MjY5NzEyMDB9.BI1n4a-zn6HPUAEJkWosN7TrV1Efv6o7wNhfPhfLWVY';
  const iat = Date.UTC(2026, 10, 23, 12) / 1000;
  const payload = jwt.verify(token, 'sk_example_Zq8VbN2xLw7pT4mR9cYe1uH', { algorithms: ['HS256'], clockTimestamp: iat });
  assert.deepEqual(payload, { user_email: 'person@example.com', user_external_id: 'usr_l70vln', api_key: apiKey, iat, exp: iat + year });
  const again = jwt.sign({ user_email: 'person@example.com', user_external_id: 'usr_l70vln', api_key: apiKey, iat, exp: iat + year }, 'sk_example_Zq8VbN2xLw7pT4mR9cYe1uH', { algorithm: 'HS256' });
  assert.equal(again, token);
});

test('Go verifies tokens minted by jsonwebtoken as it should', () => {
  const now = Math.floor(Date.now() / 1000);
  const recipe = { user_email: null, user_external_id: 'your-user-id', api_key: apiKey };
  const sign = (payload, options = {}, key = secret) => jwt.sign(payload, key, { algorithm: 'HS256', ...options });
  const cases = [
    // MagicBell's TypeScript recipe, with jsonwebtoken's own iat, and without it.
    { name: 'TypeScript recipe', token: sign(recipe, { expiresIn: '1y' }), claims: { user_external_id: 'your-user-id', iat: true } },
    { name: 'TypeScript recipe without iat', token: sign(recipe, { expiresIn: '1y', noTimestamp: true }), claims: { user_external_id: 'your-user-id', iat: false } },
    // MagicBell's Go recipe: empty email, exp and no iat.
    { name: 'Go recipe', token: sign({ ...recipe, user_email: '', exp: now + year }, { noTimestamp: true }), claims: { user_external_id: 'your-user-id', iat: false } },
    { name: 'email only', token: sign({ user_email: 'ab~c@example.com', api_key: apiKey }, { expiresIn: '1h' }), claims: { user_email: 'ab~c@example.com', iat: true } },
    { name: 'unicode user', token: sign({ user_email: 'zoe@example.com', user_external_id: 'Zoë 山田 🎉', api_key: apiKey }, { expiresIn: '1h' }), claims: { user_email: 'zoe@example.com', user_external_id: 'Zoë 山田 🎉', iat: true } },
    { name: 'iat a few seconds ahead', token: sign({ ...recipe, iat: now + 30, exp: now + 3600 }), claims: { user_external_id: 'your-user-id', iat: true } },
    { name: 'expired', token: sign({ ...recipe, iat: now - 7200, exp: now - 3600 }), errors: ['ErrTokenExpired'] },
    { name: 'wrong secret', token: sign(recipe, { expiresIn: '1y' }, secret + 'x'), errors: ['ErrTokenSignatureInvalid'] },
    { name: 'HS512', token: sign(recipe, { expiresIn: '1y', algorithm: 'HS512' }), errors: ['ErrTokenSignatureInvalid'] },
    { name: 'alg none', token: jwt.sign(recipe, null, { algorithm: 'none', expiresIn: '1y' }), errors: ['ErrTokenSignatureInvalid'] },
    { name: 'no user', token: sign({ user_email: null, user_external_id: null, api_key: apiKey }, { expiresIn: '1y' }), errors: ['ErrNoUser'] },
    { name: 'email with display name', token: sign({ ...recipe, user_email: 'Eve <eve@example.com>' }, { expiresIn: '1y' }), errors: ['ErrInvalidEmail'] },
    { name: 'another project', token: sign({ ...recipe, api_key: 'pk_other' }, { expiresIn: '1y' }), errors: ['ErrAPIKeyMismatch'] },
    { name: 'no exp', token: sign(recipe), errors: ['ErrTokenRequiredClaimMissing'] },
    { name: 'iat in the future', token: sign({ ...recipe, iat: now + 3600, exp: now + 7200 }), errors: ['ErrTokenUsedBeforeIssued'] },
  ];
  const results = goTokens(['verify'], cases.map((c) => c.token));
  cases.forEach((c, i) => {
    const r = results[i];
    if (c.errors) {
      assert.equal(r.claims, undefined, c.name);
      for (const e of c.errors) assert.ok(r.errors.includes(e), `${c.name}: got ${r.errors}, want ${e}`);
      return;
    }
    assert.equal(r.errors, undefined, `${c.name}: ${r.errors}`);
    const payload = jwt.decode(c.token);
    assert.equal(r.claims.user_email, c.claims.user_email, c.name);
    assert.equal(r.claims.user_external_id, c.claims.user_external_id, c.name);
    assert.equal(r.claims.api_key, apiKey, c.name);
    assert.equal(r.claims.exp, payload.exp, c.name);
    assert.equal(r.claims.iat, c.claims.iat ? payload.iat : undefined, c.name);
  });
});

// signRaw signs a header and payload given as text or bytes, whatever they say, with
// HMAC-SHA256 and the secret. seg0 and seg1 change the encoded header and payload
// before signing (the signature covers the change); after changes the whole token.
function signRaw(header, payload, { seg0 = (x) => x, seg1 = (x) => x, after = (x) => x } = {}) {
  const input = seg0(Buffer.from(header).toString('base64url')) + '.' + seg1(Buffer.from(payload).toString('base64url'));
  return after(input + '.' + createHmac('sha256', secret).update(input).digest('base64url'));
}

// read is what a reader makes of the claims Verify compares: absent, null and "" are
// the same user field, as MagicBell's two recipes send them.
function read(p) {
  const field = (v) => (v === undefined || v === null ? '' : v);
  return { user_email: field(p.user_email), user_external_id: field(p.user_external_id), api_key: p.api_key, exp: p.exp };
}

test('Verify accepts a token only when jsonwebtoken and jose both read it the same way', async () => {
  const now = Math.floor(Date.now() / 1000);
  const hs = '{"alg":"HS256","typ":"JWT"}';
  // $KEY is the API key, $EXP an hour ahead, $PAST an hour ago, $DAY a day ahead,
  // $AGO a day ago. Times within Verify's one-minute allowance for clock skew are left
  // out: the node libraries allow none.
  const p = (s) =>
    s.replaceAll('$KEY', JSON.stringify(apiKey)).replaceAll('$SECRET', JSON.stringify(secret)).replaceAll('$EXP', now + 3600).replaceAll('$PAST', now - 3600)
      .replaceAll('$DAY', now + 86400).replaceAll('$AGO', now - 86400);
  const good = p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}');
  const pad = (s) => s + '='.repeat((4 - (s.length % 4)) % 4 || 4);
  const cases = [
    // Controls that every reader accepts.
    { name: 'plain', token: signRaw(hs, good), go: true },
    { name: 'TypeScript recipe, null email', token: signRaw(hs, p('{"user_email":null,"user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'Go recipe, empty email', token: signRaw(hs, p('{"user_email":"","user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    // Case variants of claim names.
    { name: 'USER_EXTERNAL_ID beside user_external_id', token: signRaw(hs, p('{"user_external_id":"alice","USER_EXTERNAL_ID":"admin","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'USER_EXTERNAL_ID before user_external_id', token: signRaw(hs, p('{"USER_EXTERNAL_ID":"admin","user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'User_External_Id alone', token: signRaw(hs, p('{"User_External_Id":"admin","api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'USER_EMAIL alone', token: signRaw(hs, p('{"USER_EMAIL":"admin@example.com","api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'API_KEY beside another api_key', token: signRaw(hs, p('{"user_external_id":"alice","api_key":"pk_other","API_KEY":$KEY,"exp":$EXP}')), go: false },
    { name: 'API_KEY alone', token: signRaw(hs, p('{"user_external_id":"alice","API_KEY":$KEY,"exp":$EXP}')), go: false },
    { name: 'api_key with the Kelvin sign', token: signRaw(hs, p('{"user_external_id":"alice","api_\\u212aey":$KEY,"exp":$EXP}')), go: false },
    { name: 'EXP beside a past exp', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$PAST,"EXP":$EXP}')), go: false },
    { name: 'Exp alone', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"Exp":$EXP}')), go: false },
    { name: 'a name written with an escape', token: signRaw(hs, p('{"user\\u005fexternal_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    // Duplicate names, in both orders.
    { name: 'user_external_id twice, alice last', token: signRaw(hs, p('{"user_external_id":"admin","user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'user_external_id twice, admin last', token: signRaw(hs, p('{"user_external_id":"alice","user_external_id":"admin","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'user_external_id, then null', token: signRaw(hs, p('{"user_external_id":"admin","user_external_id":null,"api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'user_external_id null, then set', token: signRaw(hs, p('{"user_external_id":null,"user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'user_external_id, then null, with an email', token: signRaw(hs, p('{"user_email":"a@example.com","user_external_id":"admin","user_external_id":null,"api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'user_email twice', token: signRaw(hs, p('{"user_email":"admin@example.com","user_email":"a@example.com","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'api_key twice, ours last', token: signRaw(hs, p('{"user_external_id":"alice","api_key":"pk_other","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'api_key twice, ours first', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"api_key":"pk_other","exp":$EXP}')), go: false },
    { name: 'exp twice, the future last', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$PAST,"exp":$EXP}')), go: true },
    { name: 'exp twice, the past last', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"exp":$PAST}')), go: false },
    { name: 'alg twice, HS256 last', token: signRaw('{"alg":"none","alg":"HS256"}', good), go: true },
    { name: 'alg twice, none last', token: signRaw('{"alg":"HS256","alg":"none"}', good), go: false },
    // Times: strings, out of range, fractions, nbf.
    { name: 'exp a quoted number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":"$EXP"}')), go: false },
    { name: 'iat a quoted number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":"$AGO"}')), go: false },
    { name: 'nbf a quoted number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"nbf":"$DAY"}')), go: false },
    { name: 'exp 1e19', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":1e19}')), go: false },
    { name: 'exp in the year 9999', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":253402300799}')), go: true },
    { name: 'exp after the year 9999', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":253402300800}')), go: false },
    { name: 'exp with a fraction', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP.5}')), go: true },
    { name: 'exp negative', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":-1}')), go: false },
    { name: 'no exp', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY}')), go: false },
    { name: 'iat 1e19', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":1e19}')), go: false },
    { name: 'iat an hour ahead', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$DAY,"iat":$EXP}')), go: false },
    { name: 'nbf a day ahead', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$DAY,"nbf":$DAY}')), go: false },
    { name: 'nbf an hour ahead', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$DAY,"nbf":$EXP}')), go: false },
    { name: 'nbf a day ago', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"nbf":$AGO}')), go: true },
    { name: 'nbf null', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"nbf":null}')), go: false },
    { name: 'iat null', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":null}')), go: false },
    { name: 'nbf null, the last of two', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"nbf":$AGO,"nbf":null}')), go: false },
    { name: 'iat null, then a number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":null,"iat":$AGO}')), go: true },
    { name: 'exp null', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":null}')), go: false },
    // The secret key given twice: JSON.parse reads the last, our key, and the token
    // still publishes the secret. Verify does not look for it; decode and verify do.
    { name: 'api_key the secret, then ours', token: signRaw(hs, p('{"api_key":$SECRET,"user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: true, publishes: true },
    { name: 'kid the secret, then another', token: signRaw(p('{"alg":"HS256","kid":$SECRET,"kid":"k1"}'), good), go: true, publishes: true },
    { name: 'a nested secret, then a number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"meta":{"k":$SECRET,"k":0}}')), go: true, publishes: true },
    // Header extensions.
    { name: 'crit', token: signRaw('{"alg":"HS256","crit":["exp"]}', good), go: false },
    { name: 'crit of an unknown extension', token: signRaw('{"alg":"HS256","crit":["x"],"x":1}', good), go: false },
    // Whitespace and padding in each segment.
    { name: 'padding in the header segment', token: signRaw(hs, good, { seg0: pad }), go: false },
    { name: 'padding in the payload segment', token: signRaw(hs, good, { seg1: pad }), go: false },
    { name: 'padding in the signature', token: signRaw(hs, good, { after: (t) => t + '=' }), go: false },
    { name: 'a space in the header segment', token: signRaw(hs, good, { seg0: (s) => s.slice(0, 8) + ' ' + s.slice(8) }), go: false },
    { name: 'a newline in the payload segment', token: signRaw(hs, good, { seg1: (s) => s.slice(0, 12) + '\n' + s.slice(12) }), go: false },
    { name: 'CRLF after the token', token: signRaw(hs, good, { after: (t) => t + '\r\n' }), go: false },
    { name: 'CRLF inside the signature', token: signRaw(hs, good, { after: (t) => t.slice(0, -10) + '\r\n' + t.slice(-10) }), go: false },
    { name: 'a tab before the token', token: signRaw(hs, good, { after: (t) => '\t' + t }), go: false },
    // User fields and api_key of other JSON types.
    { name: 'user_external_id a number', token: signRaw(hs, p('{"user_external_id":42,"api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'user_external_id a boolean', token: signRaw(hs, p('{"user_external_id":true,"api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'user_external_id an array', token: signRaw(hs, p('{"user_external_id":["alice"],"api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'user_external_id an object', token: signRaw(hs, p('{"user_external_id":{"id":"alice"},"api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'user_email a number beside an ID', token: signRaw(hs, p('{"user_email":42,"user_external_id":"alice","api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'api_key a number', token: signRaw(hs, p('{"user_external_id":"alice","api_key":12345,"exp":$EXP}')), go: false },
    // Payload text that Go would read as U+FFFD.
    { name: 'a lone surrogate escape', token: signRaw(hs, p('{"user_external_id":"admin\\ud800","api_key":$KEY,"exp":$EXP}')), go: false },
    { name: 'a byte that is not UTF-8', token: signRaw(hs, Buffer.concat([Buffer.from('{"user_external_id":"adm'), Buffer.from([0xff]), Buffer.from(p('in","api_key":$KEY,"exp":$EXP}'))])), go: false },
    { name: 'a surrogate pair escape', token: signRaw(hs, p('{"user_external_id":"al\\ud83c\\udf89ce","api_key":$KEY,"exp":$EXP}')), go: true },
    { name: 'payload null', token: signRaw(hs, 'null'), go: false },
  ];
  assert.ok(cases.length >= 40, `only ${cases.length} tokens`);

  const key = new TextEncoder().encode(secret);
  const results = goTokens(['verify'], cases.map((c) => c.token));
  for (const [i, c] of cases.entries()) {
    const goAccepted = results[i].errors === undefined;
    assert.equal(goAccepted, c.go, `${c.name}: Verify ${goAccepted ? 'accepted' : 'rejected'} it (${results[i].errors})`);
    // decode and verify never print the secret, and say when a token publishes it.
    const d = decode(c.token);
    const v = spawnSync(commandBin, ['verify', c.token], { env, encoding: 'utf8' });
    for (const out of [d.stderr, d.stdout, v.stdout, v.stderr]) assert.ok(!out.includes(secret), `${c.name}: the command printed the secret key`);
    assert.equal(d.stderr.includes('FAIL api_key: the secret key is published'), Boolean(c.publishes), `${c.name}: decode says\n${d.stderr}`);
    if (c.publishes) assert.equal(v.status, 1, `${c.name}: verify exits ${v.status}`);
    if (!goAccepted) continue;
    const byJsonwebtoken = jwt.verify(c.token, secret, { algorithms: ['HS256'] }); // throws when it rejects
    const byJose = (await jwtVerify(c.token, key, { algorithms: ['HS256'] })).payload;
    assert.deepEqual(read(results[i].claims), read(byJsonwebtoken), `${c.name}: Verify and jsonwebtoken read it differently`);
    assert.deepEqual(read(results[i].claims), read(byJose), `${c.name}: Verify and jose read it differently`);
  }
});

// realtimeAPIKey is the api_key that magicbell-js's realtime client reads from a token,
// with its own code: listen() reads the token's payload to build the WebSocket URL. The
// network is stubbed (the inbox token service answers, WebSocket records the URL, fetch
// throws), so nothing leaves the machine. It returns null when the client reads none.
async function realtimeAPIKey(token) {
  const urls = [];
  const saved = { WebSocket: globalThis.WebSocket, fetch: globalThis.fetch, error: console.error, warn: console.warn };
  globalThis.WebSocket = class {
    constructor(url) { urls.push(url); }
    close() {}
  };
  globalThis.fetch = async (url) => { throw new Error(`the SDK tried the network: ${url}`); };
  console.error = console.warn = () => {};
  try {
    const client = new Client({ token });
    client.channels.saveInboxToken = async () => ({ data: { token: 'inbox-token' }, metadata: { status: 201 } });
    const realtime = new Realtime(client);
    await realtime.listen(undefined); // no handler: no reconnection timers
    realtime.disconnect();
  } finally {
    Object.assign(globalThis, { WebSocket: saved.WebSocket, fetch: saved.fetch });
    Object.assign(console, { error: saved.error, warn: saved.warn });
  }
  return urls.length === 1 ? new URL(urls[0]).searchParams.get('api_key') : null;
}

// decode runs magicbell-jwt decode on a token with both keys set, and returns its exit
// status and checklist: the lines on stderr by check name.
function decode(token) {
  const r = spawnSync(commandBin, ['decode', token], { env, encoding: 'utf8' });
  const checks = {};
  for (const line of r.stderr.split('\n')) {
    const m = /^(ok  |warn|FAIL|skip) (\w+): /.exec(line);
    if (m) (checks[m[2]] ??= []).push(line);
  }
  return { status: r.status, checks, stderr: r.stderr, stdout: r.stdout };
}

test("decode's sdk verdict is whether MagicBell's own SDK reads the intended user and api_key", async (t) => {
  // Users whose jsonwebtoken tokens MagicBell's SDK reads and users whose tokens it
  // cannot read (atob throws on '-' or '_') or misreads (raw UTF-8 through atob).
  const sdkUsers = [
    ...users,
    ...['ab~c', 'xy?z', 'a?b~c', 'q~q', 'z?', 'tilde~~', 'mark?mark', 'plain', 'first.last', "o'neil", 'a+b', 'x_y'].map((l) => ({ email: `${l}@example.com`, id: '' })),
    ...['José', 'Zoë', 'Ōsaka', '山田', '田中太郎', 'Åsa', 'Øyvind', 'Łukasz', 'Ωmega', '🎉', 'naïve', 'Ünal'].map((n) => ({ email: '', id: n })),
    { email: 'josé@example.com', id: 'u1' }, // the SDK passes over the email when there is an ID
    { email: 'plain@example.com', id: 'Zoë' },
  ];
  const recipe = (u) => ({ user_email: u.email || null, user_external_id: u.id || null, api_key: apiKey });
  const minted = [
    ...sdkUsers.map((u) => ({ by: 'jsonwebtoken', u, token: jwt.sign(recipe(u), secret, { algorithm: 'HS256', expiresIn: '1y' }) })),
    ...goTokens(['mint'], sdkUsers).map((token, i) => ({ by: 'magicbelljwt', u: sdkUsers[i], token })),
  ];
  assert.ok(minted.filter((m) => m.by === 'jsonwebtoken').length >= 40);

  let misread = 0;
  for (const { by, u, token } of minted) {
    const name = `${by} token for ${JSON.stringify(u)}`;
    const intended = u.id ? `i.${u.id}` : `e.${u.email}`;
    const sdkReadsIt = getUserIdFromToken(token) === intended && getApiKeyFromToken(token) === apiKey && (await realtimeAPIKey(token)) === apiKey;
    const { status, checks, stderr } = decode(token);
    assert.equal(checks.sdk?.length, 1, `${name}: no sdk line in\n${stderr}`);
    assert.equal(checks.sdk[0].startsWith('ok   sdk:'), sdkReadsIt, `${name}: the SDK ${sdkReadsIt ? 'reads' : 'misreads'} it, decode says\n${checks.sdk[0]}`);
    if (!sdkReadsIt) misread++;
    if (by === 'magicbelljwt') {
      const notOK = Object.values(checks).flat().filter((line) => !line.startsWith('ok '));
      assert.deepEqual(notOK, [], `${name}: not ok on every check`);
      assert.equal(status, 0, name);
    }
  }
  t.diagnostic(`MagicBell's SDK misreads ${misread} of ${minted.length} tokens, all minted by jsonwebtoken`);
  // The control: MagicBell's SDK really does misread some jsonwebtoken tokens.
  assert.ok(misread >= 20, `the SDK misread only ${misread} tokens`);
});

// The frontend snippet of README.md imports names that the pinned packages export:
// magicbell-js by loading it; @magicbell/react, which needs React to load, by its types.
test("README's frontend imports what the pinned packages export", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const snippet = readme.split('```js\n')[1].split('\n```')[0];
  const imports = [...snippet.matchAll(/import \{ ([^}]+) \} from '([^']+)'/g)];
  assert.deepEqual(imports.map((m) => m[2]), ['react', '@magicbell/react', 'magicbell-js/user-client']);
  for (const [, names, from] of imports.filter((m) => m[2] !== 'react')) {
    const types = from === '@magicbell/react' ? readFileSync(new URL('./node_modules/@magicbell/react/dist/esm/index.d.ts', import.meta.url), 'utf8') : null;
    const module = types ? null : await import(from);
    for (const name of names.split(',').map((n) => n.trim())) {
      const exported = types ? new RegExp(`\\bas ${name}\\b`).test(types) : typeof module[name] === 'function';
      assert.ok(exported, `${from} exports no ${name}`);
    }
  }
});
