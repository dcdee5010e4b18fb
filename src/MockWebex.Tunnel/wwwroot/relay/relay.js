// Inspector of `mockwebex forward` / `listen` (loopback only): lists relayed deliveries, polling
// /_relay/deliveries once a second; a delivery's headers and body are fetched when it is opened.
const $ = (selector) => document.querySelector(selector);
let last = '';

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
}

async function show(summary) {
  const d = await (await fetch(`/_relay/deliveries/${summary.id}`)).json();
  $('#details').hidden = false;
  $('#details-headers').textContent = JSON.stringify(d.headers, null, 2);
  let body = d.body ?? `(binary, ${summary.size} bytes, base64)\n${d.bodyBase64}`;
  try { body = JSON.stringify(JSON.parse(d.body), null, 2); } catch { /* not JSON: show as is */ }
  $('#details-body').textContent = body;
  $('#details-response').textContent = `${d.status}\n${d.latencyMs.toFixed(1)} ms`;
}

async function refresh() {
  const response = await fetch('/_relay/deliveries');
  const deliveries = await response.json();
  const snapshot = JSON.stringify(deliveries);
  if (snapshot === last) return;
  last = snapshot;
  $('#relayed tbody').replaceChildren(...deliveries.map((d) => {
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    const signature = d.signatureValid === null ? '' : d.signatureValid ? 'ok' : 'MISMATCH';
    tr.append(cell(new Date(d.time).toLocaleTimeString()), cell(`${d.method} ${d.path || '(none)'}`), cell(d.eventName), cell(String(d.status)),
      cell(`${d.latencyMs.toFixed(1)} ms`), cell(signature));
    tr.addEventListener('click', () => show(d));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') show(d); });
    return tr;
  }));
}

async function poll() {
  try { await refresh(); } finally { setTimeout(poll, 1000); }
}
poll();
