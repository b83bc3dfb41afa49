// The workstation (SPEC §6): set up this device's key, state facts from forms built from the
// catalogue, sign them here, queue them while offline, and check every receipt in the page.
import { LANGUAGES, chosenLanguage, useLanguage, t, has, number, dateTime, typeLabel, roleLabel, language } from "./i18n.js";
import { validate } from "./validate.js";
import { buildForm } from "./forms.js";
import { deviceKey, generate, importPem, forget, nextSeq, sign, b64url } from "./keys.js";
import * as queue from "./queue.js";
import qrcode from "./vendor/qrcode.js";

const section = document.getElementById("workstation");
// The sign-in page has no workstation; its messages are beside this script all the same.
const assets = section?.dataset.assets ?? new URL("./", import.meta.url).pathname;
let catalogue = null;
let refs = {};
let current = null; // the form shown: {entry, form}
const channel = "BroadcastChannel" in window ? new BroadcastChannel("stabilis-workstation") : null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function getJson(url) {
  const r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
}

// ---- pickers from the current projections ------------------------------------------------

const SOURCES = {
  zones: ["/api/v1/zones", (b) => b.features.map((f) => ({ id: f.id, label: f.properties.name }))],
  nodes: ["/api/v1/materials/nodes", (b) => b.nodes.map((n) => ({ id: n.id, label: n.name, kind: n.kind }))],
  items: ["/api/v1/materials/items", (b) => b.items.map((i) => ({ id: i.code, label: i.name + " (" + i.unit + ")" }))],
  projects: ["/api/v1/projects", (b) => b.projects.map((p) => ({ id: p.id, label: p.name || p.kind || p.id }))],
  pledges: ["/api/v1/pledges", (b) => b.pledges.map((p) => ({ id: p.id, label: p.unit }))],
  tasks: ["/api/v1/tasks", (b) => b.tasks.map((x) => ({ id: x.id, label: x.title }))],
  "demil-items": ["/api/v1/demil/items", (b) => b.items.map((i) => ({ id: i.id, label: i.category + " · " + i.zone }))],
  incidents: ["/api/v1/incidents", (b) => b.incidents.map((i) => ({ id: i.id, label: i.category }))],
};

async function loadRefs() {
  const out = { parties: catalogue.parties.map((id) => ({ id })) };
  await Promise.all(Object.entries(SOURCES).map(async ([name, [url, pick]]) => {
    try { out[name] = pick(await getJson(url)); } catch (e) { out[name] = []; } // not readable by this party
  }));
  out.crossings = out.nodes.filter((n) => n.kind === "crossing");
  out.holders = [...out.nodes, ...out.projects];
  return out;
}

// ---- messages for problems ---------------------------------------------------------------

/** The server's schema messages (org.stabilis.log.schema.Schema), read back into message keys. */
const SERVER_DETAILS = [
  [/: expected a string$/, "expected-string"], [/: must not be empty$/, "empty"],
  [/: longer than (\d+) characters$/, "too-long", "max"], [/: does not match (.*)$/, "pattern", "pattern"],
  [/: contains an e-mail address/, "email"], [/: contains a telephone number/, "phone"],
  [/: expected one of \[(.*)\]$/, "enum", "values"], [/: must be (\d+) digits/, "gs1-digits", "digits"],
  [/: check digit is /, "gs1-check"], [/: expected an integer$/, "integer"],
  [/: integer out of range$/, "integer-range"], [/: must be between (-?\d+) and (-?\d+)$/, "range", "min", "max"],
  [/: expected true or false$/, "boolean"], [/: expected a date YYYY-MM-DD$/, "date"], [/: not a calendar date$/, "calendar-date"],
  [/: expected \[lon, lat\] numbers$/, "point"], [/: longitude or latitude out of range$/, "point-range"],
  [/: expected an array$/, "array"], [/: needs at least (\d+) item/, "min-items", "min"], [/: more than (\d+) items$/, "max-items", "max"],
  [/: expected an object$/, "object"], [/: required field is missing$/, "required"], [/: unknown field$/, "unknown"],
];

function schemaMessage(code, params) {
  const p = { ...params };
  if (p.min !== undefined) p.min = Number(p.min);
  if (p.max !== undefined) p.max = Number(p.max);
  return t("check." + code, p);
}

/** A refusal from the log, in the reader's language where the code (or rule) is known. */
function problemMessage(problem) {
  if (problem.code === "schema") {
    for (const [re, code, ...names] of SERVER_DETAILS) {
      const m = re.exec(problem.detail || "");
      if (m) return schemaMessage(code, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
    }
  }
  const head = has("problem." + problem.code) ? t("problem." + problem.code) : problem.title || problem.code;
  const rule = problem.rule && has("rule." + problem.rule) ? t("rule." + problem.rule) : null;
  return [head, rule, problem.detail ? t("ws.server-said", { detail: problem.detail }) : null].filter(Boolean).join(" — ");
}

// ---- the page ----------------------------------------------------------------------------

async function render() {
  section.replaceChildren();
  section.append(el("h2", { id: "ws-h", text: t("ws.title") }));
  const lang = el("select", { id: "ws-lang" });
  for (const l of LANGUAGES) lang.append(el("option", { value: l, text: t("lang." + l), lang: l, selected: l === language() }));
  lang.addEventListener("change", async () => { await useLanguage(assets, lang.value); await render(); document.getElementById("ws-lang").focus(); });
  const online = el("p", { id: "ws-online", role: "status" });
  section.append(el("div", { class: "ws-bar" },
    el("label", { for: "ws-lang", text: t("ws.language") }), lang, online,
    el("p", { class: "who", text: t("ws.signed-in-as", { party: catalogue.party, roles: catalogue.roles.map(roleLabel) }) })));
  const grid = el("div", { class: "ws-grid" });
  const device = el("div", { id: "ws-device", class: "ws-card", "aria-labelledby": "ws-device-h" });
  const state = el("div", { id: "ws-state", class: "ws-card", "aria-labelledby": "ws-state-h" });
  const statements = el("div", { id: "ws-statements", class: "ws-card", "aria-labelledby": "ws-statements-h" });
  grid.append(device, state, statements);
  section.append(grid, el("div", { id: "ws-lists", hidden: true }));
  showOnline();
  await renderDevice();
  renderState();
  await renderQueue();
}

function showOnline() {
  const p = document.getElementById("ws-online");
  if (!p) return;
  p.textContent = navigator.onLine ? t("ws.online") : t("ws.offline");
  p.className = navigator.onLine ? "online" : "offline";
  section.dataset.online = String(navigator.onLine);
}

async function renderDevice() {
  const box = document.getElementById("ws-device");
  box.replaceChildren(el("h3", { id: "ws-device-h", text: t("ws.device") }));
  const key = await deviceKey(catalogue.party);
  if (!key) {
    const keyId = el("input", { id: "ws-key-id", type: "text", value: catalogue.party + "-web-" + randomHex(2), spellcheck: "false",
      pattern: "^[a-z0-9][a-z0-9._-]{0,63}$", "aria-describedby": "ws-key-err" });
    const gen = el("button", { type: "button", id: "ws-generate", text: t("ws.generate") });
    const file = el("input", { type: "file", id: "ws-import", accept: ".pem,application/x-pem-file,text/plain" });
    const err = el("p", { id: "ws-key-err", class: "field-error", role: "alert", hidden: true });
    box.append(el("p", { text: t("ws.no-key", { party: catalogue.party }) }),
      el("label", { for: "ws-key-id", text: t("ws.key-id") }), keyId,
      el("div", { class: "row" }, gen),
      el("label", { for: "ws-import", text: t("ws.import") }), file, err);
    const valid = () => {
      if (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(keyId.value)) return true;
      err.textContent = t("check.pattern"); err.hidden = false; keyId.setAttribute("aria-invalid", "true");
      return false;
    };
    gen.addEventListener("click", async () => { if (valid()) { await generate(catalogue.party, keyId.value); await renderDevice(); focus("ws-public"); } });
    file.addEventListener("change", async () => {
      if (!valid() || !file.files[0]) return;
      try { await importPem(catalogue.party, keyId.value, await file.files[0].text()); await renderDevice(); focus("ws-public"); }
      catch (e) { err.textContent = t("ws.import-failed"); err.hidden = false; }
    });
    return;
  }
  const body = JSON.stringify({ party: key.party, key: { id: key.id, public: key.public } });
  const canvas = el("canvas", { id: "ws-qr", role: "img", "aria-label": t("ws.qr-label") });
  drawQr(canvas, body);
  box.append(el("p", { text: t("ws.has-key") }),
    el("dl", { class: "kv" },
      el("dt", { text: t("field.party") }), el("dd", { text: key.party }),
      el("dt", { text: t("ws.key-id") }), el("dd", { id: "ws-key", text: key.id }),
      el("dt", { text: t("ws.public-key") }), el("dd", {}, el("code", { id: "ws-public", tabindex: "-1", text: key.public }))),
    canvas,
    el("p", { class: "hint", text: t("ws.for-coordinator") }),
    el("pre", { id: "ws-key-body", class: "mono", text: body }));
  const remove = el("button", { type: "button", id: "ws-forget", class: "quiet", text: t("ws.forget") });
  remove.addEventListener("click", async () => { if (confirm(t("ws.forget-confirm"))) { await forget(catalogue.party); await renderDevice(); } });
  box.append(remove);
}

function drawQr(canvas, text) {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount(), cell = 4, quiet = 4;
  canvas.width = canvas.height = (n + 2 * quiet) * cell;
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#000000";
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) g.fillRect((c + quiet) * cell, (r + quiet) * cell, cell, cell);
  canvas.dataset.modules = n;
}

function renderState() {
  const box = document.getElementById("ws-state");
  box.replaceChildren(el("h3", { id: "ws-state-h", text: t("ws.state") }));
  if (!catalogue.types.length) { box.append(el("p", { text: t("ws.no-types") })); return; }
  const select = el("select", { id: "ws-type" }, el("option", { value: "", text: t("ws.choose-type") }));
  for (const e of catalogue.types) select.append(el("option", { value: e.type, text: typeLabel(e.type) }));
  const holder = el("div", { id: "ws-form-holder" });
  box.append(el("label", { for: "ws-type", text: t("ws.type") }), select, holder);
  select.addEventListener("change", () => showForm(select.value));
  if (current) { select.value = current.entry.type; showForm(current.entry.type); }
}

function showForm(type) {
  const holder = document.getElementById("ws-form-holder");
  holder.replaceChildren();
  const entry = catalogue.types.find((e) => e.type === type);
  if (!entry) { current = null; return; }
  document.getElementById("ws-lists").replaceChildren(); // pickers from the projections as they are now
  const form = buildForm(entry, refs, catalogue.disclosures_accepted);
  current = { entry, form };
  holder.append(form.el);
  form.mount();
  form.el.addEventListener("submit", (e) => { e.preventDefault(); submit(entry, form); });
}

async function submit(entry, form) {
  form.clear();
  const key = await deviceKey(catalogue.party);
  if (!key) { form.status.textContent = t("ws.need-key"); focus("ws-key-id"); return; }
  let body = form.read();
  const problem = validate(entry.body, body, "event.body", catalogue.personal_data);
  if (problem) {
    const target = form.showProblem(problem.path, schemaMessage(problem.code, problem.params));
    target?.input?.focus();
    form.status.textContent = t("ws.not-signed");
    return;
  }
  let disclosures = null;
  const hidden = form.concealed().filter((n) => body[n] !== undefined);
  if (catalogue.disclosures_accepted && hidden.length) [body, disclosures] = await conceal(body, hidden);
  const seq = await nextSeq(key.party, key.id);
  const submission = await sign(key, entry.type, body, seq, new Date().toISOString());
  await queue.enqueue(submission, disclosures);
  form.status.textContent = t("ws.signed", { seq: String(seq) });
  form.el.dataset.lastSeq = seq;
  await drainNow();
}

/** SPEC §2.10 (RFC 9901 §4.2.1): each concealed field becomes a salted disclosure and its digest. */
async function conceal(body, names) {
  const out = { ...body }, disclosures = [], sd = [];
  for (const name of names) {
    const salt = b64url(crypto.getRandomValues(new Uint8Array(16)));
    const d = b64url(new TextEncoder().encode(JSON.stringify([salt, name, body[name]])));
    const digest = b64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(d))));
    delete out[name];
    disclosures.push(d);
    sd.push(digest);
  }
  out._sd = sd;
  return [out, disclosures];
}

async function drainNow() {
  const result = await queue.drain();
  section.dataset.queue = result;
  await renderQueue();
  channel?.postMessage("changed");
  if (result === "refused" && current) {
    const items = await queue.all();
    const refused = items.find((i) => i.state === "refused");
    if (refused && String(refused.seq) === current.form.el.dataset.lastSeq) {
      const target = current.form.showProblem(refused.problem.field, problemMessage(refused.problem));
      target?.input?.focus();
    }
  }
}

async function renderQueue() {
  const box = document.getElementById("ws-statements");
  if (!box) return;
  const items = await queue.all();
  box.replaceChildren(el("h3", { id: "ws-statements-h", text: t("ws.statements") }));
  const waiting = items.filter((i) => i.state === "queued").length;
  box.append(el("p", { id: "ws-queue-summary", role: "status", text: t("ws.queue-summary", { waiting, total: items.length }) }));
  const list = el("ol", { id: "ws-queue", reversed: true });
  for (const item of [...items].reverse()) list.append(statement(item));
  box.append(list);
  box.dataset.waiting = waiting;
}

function statement(item) {
  const li = el("li", { "data-seq": item.seq, "data-state": item.state, "data-type": item.type,
    "data-verified": item.verified ? "true" : item.verifyError ? "false" : null, class: "statement state-" + item.state });
  li.append(el("p", {}, el("strong", { text: typeLabel(item.type) }), el("span", { class: "badge", text: " " + t("state." + item.state) })),
    el("p", { class: "hint", text: t("ws.signed-at", { seq: String(item.seq), time: dateTime(item.submission.event.time) }) }));
  li.append(el("pre", { class: "mono body", text: JSON.stringify(asTheAuthorReadsIt(item), null, 1) }));
  if (item.receipt) {
    li.append(el("p", { class: "receipt", text: t("ws.receipt", { index: item.receipt.index, size: item.receipt.size }) }),
      el("p", {}, el("code", { class: "leaf", text: item.receipt.leaf })));
    if (item.verified) li.append(el("p", { class: "verified", text: t("ws.verified", { index: item.receipt.index, size: item.verified.size }) }));
    else if (item.verifyError) {
      const again = el("button", { type: "button", text: t("ws.verify-again") });
      again.addEventListener("click", async () => { await queue.check(item); await renderQueue(); });
      li.append(el("p", { class: "field-error", role: "alert", text: t("ws.not-verified", { reason: item.verifyError.detail }) }), again);
    }
  }
  if (item.state === "refused") {
    const remove = el("button", { type: "button", class: "remove", text: t("ws.remove-continue") });
    remove.addEventListener("click", async () => { await queue.remove(item.seq); await drainNow(); });
    li.append(el("p", { class: "field-error problem", role: "alert",
      text: (item.problem.field ? item.problem.field + ": " : "") + problemMessage(item.problem) }), remove);
  }
  return li;
}

/** The body with its concealed fields put back: the author always reads its own (SPEC §2.10). */
function asTheAuthorReadsIt(item) {
  const body = { ...item.submission.event.body };
  if (!item.disclosures) return body;
  delete body._sd;
  for (const d of item.disclosures) {
    const bytes = Uint8Array.from(atob(d.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (d.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const [, name, value] = JSON.parse(new TextDecoder().decode(bytes));
    body[name] = value;
  }
  return body;
}

function focus(id) {
  const e = document.getElementById(id);
  if (e) e.focus();
}

function randomHex(n) {
  return [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// ---- offline ------------------------------------------------------------------------------

async function offline() {
  if (!("serviceWorker" in navigator)) return;
  await navigator.serviceWorker.register(section.dataset.sw, { scope: "/" });
  const reg = await navigator.serviceWorker.ready;
  const urls = [location.pathname, ...performance.getEntriesByType("resource").map((r) => r.name)]
    .filter((u) => new URL(u, location.href).origin === location.origin);
  await new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    reg.active.postMessage({ cache: urls }, [ch.port2]);
  });
  section.dataset.offlineReady = "true";
}

/** Signing out drops the copies of what this party could read; its key and statements stay. */
function clearCopiesOnSignOut() {
  const form = document.querySelector("form[action='/signout']");
  form?.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const name of await caches.keys()) await caches.delete(name);
    form.submit();
  }, { once: true });
}

async function start() {
  await useLanguage(assets, chosenLanguage());
  // WebCrypto, service workers and the cache exist only in a secure context (HTTPS or this machine).
  if (!window.isSecureContext || !crypto.subtle) throw new Error(t("ws.insecure"));
  catalogue = await getJson(section.dataset.catalogue);
  refs = await loadRefs();
  await render();
  window.addEventListener("online", () => { showOnline(); drainNow(); });
  window.addEventListener("offline", showOnline);
  channel?.addEventListener("message", () => renderQueue());
  setInterval(async () => { if ((await queue.all()).some((i) => i.state === "queued") && navigator.onLine) drainNow(); }, 5000);
  document.body.addEventListener("logchanged", async () => { refs = await loadRefs(); });
  clearCopiesOnSignOut();
  section.dataset.ready = "true";
  drainNow();
  offline().catch((e) => { section.dataset.offlineError = String(e); });
}

// The sign-in page shares the head of the page but has no workstation: only its words change.
if (!section) useLanguage(assets, chosenLanguage());
else start().catch((e) => {
  section.dataset.error = String(e);
  section.append(el("p", { class: "error", role: "alert", text: t("ws.failed") + " " + e.message }));
});
