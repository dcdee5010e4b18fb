// MockWebex dashboard: a plain client of /_emulator. Polls once a second; no build step.
const $ = (selector) => document.querySelector(selector);
let selectedDelivery = null;
// A poll replaces only the rows whose data changed: an unchanged row keeps its DOM node, and with it
// the keyboard focus and selection (rebuilding a table on every poll destroyed a focused button).
const rowData = new WeakMap();
function renderRows(tbody, items, keyOf, build) {
  const existing = new Map([...tbody.rows].map((tr) => [tr.dataset.key, tr]));
  let next = tbody.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    const json = JSON.stringify(item);
    let tr = existing.get(key);
    existing.delete(key);
    if (!tr || rowData.get(tr) !== json) {
      const fresh = build(item);
      fresh.dataset.key = key;
      rowData.set(fresh, json);
      if (tr) {
        if (tr === next) next = fresh;
        tr.replaceWith(fresh);
      }
      tr = fresh;
    }
    if (tr === next) next = next.nextElementSibling;
    else tbody.insertBefore(tr, next);
  }
  for (const stale of existing.values()) stale.remove();
}

// With Admin:Token set, /_emulator answers 401 until the token is given; it is asked once and kept for this tab only.
function adminHeaders() {
  const token = sessionStorage.getItem('mockwebex-admin-token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function api(path, options = {}) {
  let response = await fetch(path, { headers: { 'Content-Type': 'application/json', ...adminHeaders() }, ...options });
  if (response.status === 401) {
    const token = prompt('This emulator needs its admin token (Admin:Token):');
    if (token) {
      sessionStorage.setItem('mockwebex-admin-token', token);
      response = await fetch(path, { headers: { 'Content-Type': 'application/json', ...adminHeaders() }, ...options });
    }
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(body?.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function badge(status) {
  const span = document.createElement('span');
  span.className = `badge status-${status}`;
  span.textContent = status;
  return span;
}

function button(label, onClick, className = 'secondary') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

async function refreshWebhooks() {
  const rows = await api('/_emulator/webhooks');
  refreshWebhookFilter(rows);
  renderRows($('#webhooks tbody'), rows, (row) => row.webhook.id, ({ webhook, recentFailures, failureThreshold, failureWindow, probationUntil }) => {
    const tr = document.createElement('tr');
    tr.dataset.id = webhook.id;
    const status = cell('');
    status.append(badge(webhook.status));
    const actions = cell('');
    if (webhook.status === 'inactive') {
      actions.append(button(`Reactivate`, () => act(`/_emulator/webhooks/${webhook.id}/reactivate`, 'POST')));
      actions.lastChild.setAttribute('aria-label', `Reactivate ${webhook.name}`);
    }
    const del = button('Delete', () => act(`/_emulator/webhooks/${webhook.id}`, 'DELETE'), 'danger');
    del.setAttribute('aria-label', `Delete ${webhook.name}`);
    actions.append(' ', del);
    tr.append(cell(webhook.name), cell(`${webhook.resource}.${webhook.event}`), cell(webhook.filter, 'filter'),
      cell(webhook.targetUrl, 'target'), status, failureMeter(webhook, recentFailures, failureThreshold, failureWindow, probationUntil), actions);
    return tr;
  });
  $('#no-webhooks').textContent = 'No webhooks yet: create one with POST /v1/webhooks.';
  $('#no-webhooks').hidden = rows.length > 0;
}

// How close a webhook is to being disabled: failures in the current window out of the threshold, and
// while on probation (reactivated soon after being disabled) how long one failure still disables it.
function failureMeter(webhook, failures, threshold, window, probationUntil) {
  const td = cell('');
  const meter = document.createElement('meter');
  meter.min = 0;
  meter.max = threshold;
  meter.value = failures;
  meter.high = threshold * 0.5;
  meter.optimum = 0;
  meter.setAttribute('aria-label', `${webhook.name}: ${failures} of ${threshold} failures`);
  const minutes = Math.round(durationSeconds(window) / 60);
  td.append(meter, ` ${failures} / ${threshold} in ${minutes} min`);
  if (probationUntil) {
    const left = Math.max(0, Math.round((new Date(probationUntil) - Date.now()) / 1000));
    const note = document.createElement('span');
    note.className = 'probation';
    note.textContent = `probation: ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left (one failure disables it)`;
    td.append(note);
  }
  return td;
}

// "00:05:00" or "1.00:00:00" → seconds.
function durationSeconds(text) {
  const [days, rest] = text.includes('.') && text.indexOf('.') < text.indexOf(':') ? text.split('.') : ['0', text];
  const [h, m, sec] = rest.split(':').map(Number);
  return Number(days) * 86400 + h * 3600 + m * 60 + sec;
}

function refreshWebhookFilter(rows) {
  const select = $('#filter-webhook');
  const options = [['', 'all'], ...rows.map(({ webhook }) => [webhook.id, webhook.name])];
  const snapshot = JSON.stringify(options);
  if (select.dataset.options === snapshot) return;
  select.dataset.options = snapshot;
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value, false, value === chosen)));
}

function deliveryQuery() {
  const query = new URLSearchParams({ limit: '50' });
  if ($('#filter-webhook').value) query.set('webhookId', $('#filter-webhook').value);
  if ($('#filter-status').value) query.set('status', $('#filter-status').value);
  if ($('#filter-event').value) query.set('event', $('#filter-event').value);
  return query;
}

async function refreshMessages() {
  const messages = await api('/_emulator/messages?limit=50');
  renderRows($('#messages tbody'), messages.reverse(), (m) => m.id, (m) => {
    const tr = document.createElement('tr');
    tr.append(cell(new Date(m.created).toLocaleTimeString(), 'time'), cell(m.roomId.slice(-12)), cell(m.personEmail), cell(m.text ?? m.markdown ?? '(files or card)'));
    return tr;
  });
}

// A rule's token is shown only by its start: the table is for seeing what is active, not for reading tokens back.
function maskToken(token) {
  return token ? `${token.slice(0, 4)}…` : 'any';
}

async function refreshFaults() {
  const rules = (await api('/_emulator/faults')).items;
  renderRows($('#faults tbody'), rules, (rule) => rule.id, (rule) => {
    const tr = document.createElement('tr');
    const answer = rule.status === 0 ? 'normal answer' : `${rule.status}${rule.retryAfter != null ? `, Retry-After ${rule.retryAfter} s` : ''}`;
    const left = rule.count != null ? String(rule.count - rule.fired) : rule.probability != null ? `${Math.round(rule.probability * 100)} % of calls` : 'every call';
    const remove = button('Remove', async () => { await api(`/_emulator/faults/${rule.id}`, { method: 'DELETE', body: '{}' }); await refreshFaults(); });
    remove.setAttribute('aria-label', `Remove fault rule ${rule.id}`);
    tr.append(cell(rule.method ?? 'any'), cell(rule.path), cell(maskToken(rule.token)), cell(answer),
      cell(rule.delayMs ? `${rule.delayMs} ms` : ''), cell(String(rule.fired)), cell(left), cell(''));
    tr.lastChild.append(remove);
    return tr;
  });
  $('#no-faults').textContent = 'No fault rules: add one with POST /_emulator/faults or `mockwebex fault add`.';
  $('#no-faults').hidden = rules.length > 0;
  $('#clear-faults').hidden = rules.length === 0;
}

async function act(path, method) {
  await api(path, { method });
  await refreshWebhooks();
}

function lastAttempt(delivery) {
  return delivery.attempts[delivery.attempts.length - 1];
}

async function refreshDeliveries() {
  const deliveries = await api(`/_emulator/deliveries?${deliveryQuery()}`);
  renderRows($('#deliveries tbody'), deliveries, (d) => d.id, (d) => {
    const attempt = lastAttempt(d);
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    tr.dataset.id = d.id;
    tr.setAttribute('aria-label', `Delivery ${d.id} ${d.resource}.${d.event} ${d.status}`);
    const status = cell('');
    status.append(badge(d.status));
    tr.append(cell(new Date(attempt?.at ?? d.created).toLocaleTimeString(), 'time'), cell(d.webhookName ?? '(deleted webhook)'), cell(`${d.resource}.${d.event}`),
      status, cell(attempt ? (attempt.responseStatus ?? attempt.error) : '…'), cell(attempt ? `${attempt.latencyMs.toFixed(1)} ms` : ''));
    tr.addEventListener('click', () => showDetails(d));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showDetails(d); } });
    return tr;
  });
  if (selectedDelivery) {
    const fresh = deliveries.find((d) => d.id === selectedDelivery.id);
    if (fresh) showDetails(fresh);
  }
}

function showDetails(delivery) {
  selectedDelivery = delivery;
  const attempt = lastAttempt(delivery);
  $('#details').hidden = false;
  $('#details-id').textContent = `#${delivery.id} ${delivery.resource}.${delivery.event}`;
  $('#details-headers').textContent = attempt ? JSON.stringify(attempt.requestHeaders, null, 2) : 'not sent yet';
  $('#details-signature').textContent = attempt?.requestHeaders['X-Spark-Signature'] ?? '(no secret: unsigned)';
  const check = $('#details-signature-check');
  check.className = `check-${delivery.signature}`;
  check.textContent = {
    valid: '✓ matches the body under the webhook\'s secret',
    mismatch: '✗ does not match the webhook\'s current secret (changed since?)',
    unsigned: 'the webhook has no secret',
  }[delivery.signature] ?? '';
  const pretty = JSON.stringify(JSON.parse(delivery.body), null, 2);
  $('#details-body').textContent = pretty;
  if ($('#edit-body').dataset.delivery !== String(delivery.id)) {
    $('#edit-body').dataset.delivery = String(delivery.id);
    $('#edit-body').value = pretty;
    $('#edit-result').textContent = '';
  }
  $('#details-response').textContent = attempt
    ? `${attempt.responseStatus ?? 'no response'}${attempt.error ? `\n${attempt.error}` : ''}\n${attempt.latencyMs.toFixed(1)} ms\n\n${attempt.responseBodyHead ?? ''}`
    : 'pending';
}

async function loadChoices() {
  const fixtures = await api('/_emulator/fixtures');
  $('#filter-event').append(...fixtures.map((f) => new Option(f.name, f.name)));
  // The event a bot most often waits for is the one selected first.
  $('#event').replaceChildren(...fixtures.map((f) => new Option(f.name, f.name, false, f.name === 'messages.created')));
  const scenarios = await api('/_emulator/scenarios');
  $('#scenario').replaceChildren(...scenarios.map((s) => new Option(`${s.name} (${s.steps.length} steps)`, s.name)));
}

$('#trigger-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('#trigger-result');
  try {
    const [resource, event] = $('#event').value.split('.');
    const body = { resource, event, count: Number($('#count').value), data: JSON.parse($('#overrides').value || '{}') };
    if ($('#actor').value) body.actor = $('#actor').value;
    if ($('#text').value) body.details = { text: $('#text').value };
    const result = await api('/_emulator/events', { method: 'POST', body: JSON.stringify(body) });
    const deliveries = result.events.reduce((n, ev) => n + ev.deliveries.length, 0);
    out.textContent = `Fired ${result.events.length} event(s): ${deliveries} delivery(ies) queued. Seed ${result.seed}.`;
    await refreshDeliveries();
  } catch (err) {
    out.textContent = `Error: ${err.message}`;
  }
});

$('#scenario-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('#scenario-result');
  try {
    const result = await api(`/_emulator/scenarios/${encodeURIComponent($('#scenario').value)}/run`, { method: 'POST' });
    out.textContent = `Ran ${result.steps.length} steps. Seed ${result.seed}.`;
  } catch (err) {
    out.textContent = `Error: ${err.message}`;
  }
});

$('#redeliver').addEventListener('click', async () => {
  if (!selectedDelivery) return;
  const copy = await api(`/_emulator/deliveries/${selectedDelivery.id}/redeliver`, { method: 'POST' });
  $('#details-id').textContent = `#${selectedDelivery.id} redelivered as #${copy.id}`;
});

$('#resend-edited').addEventListener('click', async () => {
  if (!selectedDelivery) return;
  const out = $('#edit-result');
  try {
    // Webex sends compact JSON: whatever the layout in the box, the bytes sent are JSON.stringify's.
    const body = JSON.stringify(JSON.parse($('#edit-body').value));
    const copy = await api(`/_emulator/deliveries/${selectedDelivery.id}/redeliver`, { method: 'POST', body: JSON.stringify({ body }) });
    out.textContent = `Sent as delivery #${copy.id}.`;
    await refreshDeliveries();
  } catch (err) {
    out.textContent = `Error: ${err.message}`;
  }
});

$('#clear-faults').addEventListener('click', async () => {
  await api('/_emulator/faults', { method: 'DELETE', body: '{}' });
  await refreshFaults();
});

$('#verify-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('#verify-result');
  const button = $('#verify');
  const body = { targetUrl: $('#verify-target').value, secret: $('#verify-secret').value };
  if ($('#verify-token').value) body.token = $('#verify-token').value;
  button.disabled = true;
  out.textContent = body.token ? 'Running… (the token checks take a few seconds)' : 'Running…';
  try {
    const report = await api('/_emulator/verify', { method: 'POST', body: JSON.stringify(body) });
    renderRows($('#verify-report tbody'), report.checks, (check) => check.name, (check) => {
      const tr = document.createElement('tr');
      const result = cell('');
      result.append(badge(check.passed ? 'pass' : 'fail'));
      tr.append(result, cell(check.name), cell(check.evidence, 'evidence'));
      return tr;
    });
    $('#verify-report').hidden = false;
    const failed = report.checks.filter((check) => !check.passed).length;
    out.textContent = `${report.checks.length - failed} passed, ${failed} failed (${report.targetUrl})`;
  } catch (err) {
    out.textContent = `Error: ${err.message}`;
  } finally {
    button.disabled = false;
  }
});

for (const id of ['#filter-webhook', '#filter-status', '#filter-event']) $(id).addEventListener('change', () => refreshDeliveries());

$('#reset').addEventListener('click', async () => {
  if (!confirm('Delete every webhook, delivery, room, message and fault rule?')) return;
  await api('/_emulator/reset', { method: 'POST' });
  selectedDelivery = null;
  $('#details').hidden = true;
  await Promise.all([refreshWebhooks(), refreshDeliveries(), refreshMessages(), refreshFaults()]);
});

async function poll() {
  try {
    await Promise.all([refreshWebhooks(), refreshDeliveries(), refreshMessages(), refreshFaults()]);
  } finally {
    setTimeout(poll, 1000);
  }
}

await loadChoices();
poll();
