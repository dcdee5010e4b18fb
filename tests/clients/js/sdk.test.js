const test = require('node:test');
const assert = require('node:assert/strict');
const { sdk, admin } = require('./sdk');

test('people, rooms and memberships as the SDK documents them', async () => {
  const alice = sdk('alice-token');
  const me = await alice.people.get('me');
  assert.deepEqual(me.emails, ['alice@example.com']);

  const room = await alice.rooms.create({ title: 'sdk: planning' });
  assert.equal(room.title, 'sdk: planning');
  const added = await alice.memberships.create({ roomId: room.id, personEmail: 'bob@example.com' });
  assert.equal(added.personEmail, 'bob@example.com');

  // The SDK's documented update: change a field and send the whole membership back.
  added.isModerator = true;
  const updated = await alice.memberships.update(added);
  assert.equal(updated.isModerator, true);
  const locked = await alice.rooms.get(room.id);
  assert.equal(locked.isLocked, true, 'making a moderator moderates the room');

  const members = await alice.memberships.list({ roomId: room.id });
  assert.equal(members.items.length, 2);
  await alice.memberships.remove(added);
  assert.equal((await alice.memberships.list({ roomId: room.id })).items.length, 1);
});

test('messages: markdown with a mention, a thread, a file upload, edits and deletes', async () => {
  const alice = sdk('alice-token');
  const bob = sdk('bob-token');
  const bobId = (await bob.people.get('me')).id;
  const room = await alice.rooms.create({ title: 'sdk: messages' });
  await alice.memberships.create({ roomId: room.id, personId: bobId });

  const hello = await alice.messages.create({ roomId: room.id, markdown: `Hi <@personId:${bobId}|Bob>, **ship it**` });
  assert.deepEqual(hello.mentionedPeople, [bobId]);
  assert.match(hello.html, /<spark-mention data-object-type="person" data-object-id="[^"]+">Bob<\/spark-mention>/);
  assert.match(hello.html, /<strong>ship it<\/strong>/);
  assert.equal(hello.text, 'Hi Bob, ship it');

  const reply = await bob.messages.create({ roomId: room.id, parentId: hello.id, text: 'on it' });
  assert.equal(reply.parentId, hello.id);

  // The SDK uploads a Buffer as multipart/form-data; the file comes back from /v1/contents.
  const uploaded = await alice.messages.create({ roomId: room.id, text: 'the log', files: [Buffer.from('line 1\nline 2\n')] });
  assert.equal(uploaded.files.length, 1);
  const download = await fetch(uploaded.files[0], { headers: { authorization: 'Bearer bob-token' } });
  assert.equal(download.status, 200);
  assert.equal(await download.text(), 'line 1\nline 2\n');

  const listed = await bob.messages.list({ roomId: room.id });
  assert.equal(listed.items.length, 3);
  await alice.messages.remove(uploaded);
  assert.equal((await bob.messages.list({ roomId: room.id })).items.length, 2);
});

test('webhooks, cards and attachment actions', async () => {
  const alice = sdk('alice-token');
  const bob = sdk('bob-token');
  const hook = await alice.webhooks.create({ name: 'sdk hook', targetUrl: 'http://127.0.0.1:9/unused', resource: 'attachmentActions', event: 'created' });
  assert.equal(hook.status, 'active');
  hook.name = 'sdk hook, renamed';
  assert.equal((await alice.webhooks.update(hook)).name, 'sdk hook, renamed');

  const room = await alice.rooms.create({ title: 'sdk: cards' });
  await alice.memberships.create({ roomId: room.id, personEmail: 'bob@example.com' });
  const card = await alice.messages.create({
    roomId: room.id, text: 'a card',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.2', body: [] } }],
  });
  const action = await bob.attachmentActions.create({ type: 'submit', messageId: card.id, inputs: { answer: 'yes' } });
  assert.deepEqual((await alice.attachmentActions.get(action.id)).inputs, { answer: 'yes' });

  const deliveries = await admin('/_emulator/deliveries?event=attachmentActions.created');
  assert.ok(deliveries.some((d) => d.webhookId === hook.id), 'the card author\'s webhook got attachmentActions:created');
  await alice.webhooks.remove(hook);
});

test('teams and team memberships', async () => {
  const alice = sdk('alice-token');
  const team = await alice.teams.create({ name: 'sdk team' });
  const membership = await alice.teamMemberships.create({ teamId: team.id, personEmail: 'bob@example.com' });
  assert.equal(membership.teamId, team.id);
  const rooms = await alice.rooms.list({ teamId: team.id });
  assert.equal(rooms.items.length, 1, 'the general room');
  const members = await alice.teamMemberships.list({ teamId: team.id });
  assert.equal(members.items.length, 2);
  await alice.teamMemberships.remove(membership);
  assert.equal((await alice.teamMemberships.list({ teamId: team.id })).items.length, 1);
});
