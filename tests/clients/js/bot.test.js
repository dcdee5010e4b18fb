const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const Framework = require('webex-node-bot-framework');
const webhook = require('webex-node-bot-framework/webhook');
const { sdk, admin, waitFor } = require('./sdk');

/** A bot as webex-node-bot-framework's README builds one: a webhook server, a secret, and `hears` handlers. */
async function startBot(token, secret) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const framework = new Framework({
    token,
    webhookUrl: `http://127.0.0.1:${server.address().port}/webex`,
    webhookSecret: secret,
    removeWebhooksOnStart: true,
  });
  const handle = webhook(framework);
  server.on('request', (req, res) => {
    let raw = '';
    req.on('data', (chunk) => { raw += chunk; });
    req.on('end', () => {
      // The framework checks X-Spark-Signature against JSON.stringify of the parsed body.
      req.body = JSON.parse(raw);
      handle(req, { status: (code) => { res.statusCode = code; }, send: (text) => res.end(text) });
    });
  });
  framework.hears('ping', (bot, trigger) => bot.say(`pong, ${trigger.person.displayName}`));
  const initialized = new Promise((resolve) => framework.on('initialized', resolve));
  // The framework creates its attachmentActions webhook after 'initialized' without saying when; it stores it in
  // framework.cardsWebhook, so a setter on that property is the signal to wait for.
  const cardsWebhook = new Promise((resolve) => {
    let value;
    Object.defineProperty(framework, 'cardsWebhook', { configurable: true, get: () => value, set: (v) => { value = v; if (v) resolve(v); } });
  });
  await framework.start();
  await Promise.all([initialized, cardsWebhook]);
  return { framework, server };
}

test('a webex-node-bot-framework bot receives a signed delivery and answers', { timeout: 120_000 }, async () => {
  const { framework, server } = await startBot('bot-token', 'framework-secret');
  try {
    const botId = (await sdk('bot-token').people.get('me')).id;
    // The framework registered its firehose and attachmentActions webhooks, with the secret.
    const hooks = (await admin('/_emulator/webhooks')).filter((h) => h.webhook.createdBy === botId);
    assert.deepEqual(hooks.map((h) => `${h.webhook.resource}:${h.webhook.event}`).sort(), ['all:all', 'attachmentActions:created']);
    assert.ok(hooks.every((h) => h.hasSecret));

    // Someone writes to the bot through the API, as a user would. The first message opens the 1:1 room; the framework
    // spawns a bot for the room when it hears of its membership and drops messages that arrive while it still spawns
    // (its own race), so the test waits for the spawn before asking.
    // A user of its own per run (any token is a user), so the 1:1 room is always new.
    const user = sdk(`bot-test-user-${crypto.randomUUID()}`);
    const userName = (await user.people.get('me')).displayName;
    const spawned = new Promise((resolve) => framework.on('spawn', (bot) => resolve(bot)));
    const hello = await user.messages.create({ toPersonId: botId, text: 'hello' });
    assert.equal((await spawned).room.id, hello.roomId);
    await user.messages.create({ roomId: hello.roomId, text: 'ping' });
    const reply = await waitFor(async () => (await admin(`/_emulator/messages?roomId=${encodeURIComponent(hello.roomId)}&personId=${encodeURIComponent(botId)}`)).find((m) => m.text?.startsWith('pong')),
      'the bot\'s reply');
    assert.equal(reply.text, `pong, ${userName}`);

    // Every delivery to the bot was signed with its secret and checked by the framework (it ignores bad signatures).
    const deliveries = await admin('/_emulator/deliveries?limit=1000');
    const toBot = deliveries.filter((d) => hooks.some((h) => h.webhook.id === d.webhookId));
    assert.ok(toBot.length > 0);
    assert.ok(toBot.every((d) => d.signature === 'valid'), JSON.stringify(toBot.map((d) => d.signature)));
  } finally {
    await framework.stop();
    server.close();
  }
});
