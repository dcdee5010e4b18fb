// The official Webex JS SDK, assembled from its published plugins (the `webex` bundle also loads the browser-only
// meetings plugin), pointed at the emulator with HYDRA_SERVICE_URL as the SDK documents for other environments.
require('@webex/plugin-authorization-node');
require('@webex/plugin-people');
require('@webex/plugin-rooms');
require('@webex/plugin-memberships');
require('@webex/plugin-messages');
require('@webex/plugin-attachment-actions');
require('@webex/plugin-webhooks');
require('@webex/plugin-teams');
require('@webex/plugin-team-memberships');
const WebexCore = require('@webex/webex-core').default;

const base = process.env.MOCKWEBEX_URL;
if (!base) throw new Error('MOCKWEBEX_URL is not set (RealClientsTests sets it to a running `mockwebex serve`)');

/** An SDK instance acting as the holder of `token`. */
function sdk(token) {
  return new WebexCore({ credentials: { access_token: token }, config: { logger: { level: 'error' } } });
}

/** The emulator's own control plane (/_emulator), for triggering events and reading what was sent. */
async function admin(path, body) {
  const response = await fetch(base + path, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** Waits until `check()` returns a value, waking on the emulator's delivery-log long poll (no sleeps). */
async function waitFor(check, what, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const head = await fetch(base + '/_emulator/deliveries?limit=1');
    const version = head.headers.get('x-delivery-log-version');
    const result = await check();
    if (result) return result;
    const left = Math.ceil((deadline - Date.now()) / 1000);
    if (left < 1) throw new Error(`timed out waiting for ${what}`);
    await fetch(`${base}/_emulator/deliveries/changes?since=${version}&timeout=${Math.min(left, 30)}`);
  }
}

module.exports = { sdk, admin, waitFor, base };
