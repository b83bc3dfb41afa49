// One form per event type, built from the catalogue the server serves (the same schema it
// applies), never written per type. Every value typed here is text in the page: elements are
// made with createElement and filled with textContent, never parsed as markup.
import { t, fieldLabel, valueLabel, roleLabel, typeLabel } from "./i18n.js";
import { pointPicker, polygonPicker } from "./mapping.js";

let serial = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "i18n") { e.dataset.i18n = v; e.textContent = t(v); }
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

const empty = (s) => s === undefined || s === null || String(s).trim() === "";

/** A picker's options: ids from the current projections, with their names as labels. */
function datalist(refs, ref) {
  const items = refs[ref];
  if (!items || !items.length) return null;
  const id = "ws-list-" + ref;
  if (!document.getElementById(id)) {
    const dl = el("datalist", { id });
    for (const it of items) dl.append(el("option", { value: it.id, label: it.label || it.id }));
    document.getElementById("ws-lists").append(dl);
  }
  return id;
}

function labelled(f, input, path, ctx, extra) {
  const id = input.id;
  const err = el("p", { class: "field-error", id: id + "-err", role: "alert", hidden: true });
  const hint = f.hint ? el("p", { class: "hint", id: id + "-hint", text: f.hint }) : null;
  input.setAttribute("aria-describedby", [hint ? id + "-hint" : null, id + "-err"].filter(Boolean).join(" "));
  const label = el("label", { for: id }, el("span", { text: fieldLabel(f.name) }),
    f.required ? el("span", { class: "req", text: " *", "aria-hidden": "true" }) : el("span", { class: "opt", text: " (" + t("ws.optional") + ")" }));
  if (f.required) input.setAttribute("aria-required", "true");
  const box = el("div", { class: "field", "data-path": path }, label, input, extra, hint, err);
  ctx.errors.set(path, { err, input, box });
  return box;
}

/**
 * A control for one field: {el, read} where read() gives the value as the schema expects it, or
 * undefined when left empty (an omitted optional field).
 */
function control(f, path, ctx) {
  const s = f.schema;
  const id = "ws-f" + ++serial + "-" + f.name.replace(/[^a-z0-9]/gi, "-");
  switch (s.kind) {
    case "text": {
      const long = s.max > 200;
      const list = f.ref ? datalist(ctx.refs, f.ref) : null;
      const input = long ? el("textarea", { id, name: f.name, rows: 3, maxlength: s.max })
        : el("input", { id, name: f.name, type: "text", maxlength: s.max, list, autocomplete: "off", spellcheck: f.ref ? "false" : null });
      return { el: labelled(f, input, path, ctx), read: () => (empty(input.value) ? undefined : input.value), input };
    }
    case "gs1": {
      const input = el("input", { id, name: f.name, type: "text", inputmode: "numeric", maxlength: s.digits, autocomplete: "off" });
      return { el: labelled(f, input, path, ctx), read: () => (empty(input.value) ? undefined : input.value), input };
    }
    case "enum": {
      const select = el("select", { id, name: f.name }, el("option", { value: "", text: t("ws.choose") }));
      for (const v of s.values) select.append(el("option", { value: v, text: valueLabel(v) }));
      return { el: labelled(f, select, path, ctx), read: () => (select.value === "" ? undefined : select.value), input: select };
    }
    case "integer": {
      const input = el("input", { id, name: f.name, type: "number", step: 1, min: s.min, max: s.max, inputmode: "numeric" });
      return { el: labelled(f, input, path, ctx), input,
        read: () => (empty(input.value) ? (input.validity.badInput ? "?" : undefined) : Number(input.value)) };
    }
    case "boolean": {
      if (f.required) {
        const input = el("input", { id, name: f.name, type: "checkbox" });
        return { el: labelled(f, input, path, ctx), read: () => input.checked, input };
      }
      const select = el("select", { id, name: f.name }, el("option", { value: "", text: t("ws.unset") }),
        el("option", { value: "true", text: t("ws.yes") }), el("option", { value: "false", text: t("ws.no") }));
      return { el: labelled(f, select, path, ctx), read: () => (select.value === "" ? undefined : select.value === "true"), input: select };
    }
    case "date": {
      const input = el("input", { id, name: f.name, type: "date" });
      return { el: labelled(f, input, path, ctx), read: () => (empty(input.value) ? undefined : input.value), input };
    }
    case "point": return pointControl(f, path, ctx, id);
    case "object-any": return f.ref === "polygon" ? polygonControl(f, path, ctx, id) : jsonControl(f, path, ctx, id);
    case "array": return arrayControl(f, path, ctx, id);
    case "object": return objectControl(f, path, ctx, id);
    default: throw new Error("no control for " + s.kind);
  }
}

function pointControl(f, path, ctx, id) {
  const lon = el("input", { id: id + "-lon", type: "number", step: "any", min: -180, max: 180, inputmode: "decimal" });
  const lat = el("input", { id: id + "-lat", type: "number", step: "any", min: -90, max: 90, inputmode: "decimal" });
  const mapEl = el("div", { class: "pick-map", id: id + "-map", role: "application", tabindex: "0" });
  const coords = el("div", { class: "coords" },
    el("label", { for: id + "-lon", text: t("ws.longitude") }), lon, el("label", { for: id + "-lat", text: t("ws.latitude") }), lat);
  const fs = el("fieldset", { class: "field point", id, "data-path": path },
    el("legend", { text: fieldLabel(f.name) + (f.required ? " *" : " (" + t("ws.optional") + ")") }),
    el("p", { class: "hint", text: t("ws.point-hint") }), mapEl, coords);
  const err = el("p", { class: "field-error", id: id + "-err", role: "alert", hidden: true });
  fs.append(err);
  lon.setAttribute("aria-describedby", id + "-err");
  ctx.errors.set(path, { err, input: lon, box: fs });
  let picker;
  ctx.afterMount.push(() => {
    picker = pointPicker(mapEl, t("ws.map-label"), ([x, y]) => { lon.value = x; lat.value = y; mapEl.dataset.picked = x + "," + y; });
  });
  const sync = () => picker && picker.show([Number(lon.value), Number(lat.value)]);
  lon.addEventListener("change", sync);
  lat.addEventListener("change", sync);
  return { el: fs, input: lon,
    read: () => (empty(lon.value) && empty(lat.value) ? undefined : [empty(lon.value) ? null : Number(lon.value), empty(lat.value) ? null : Number(lat.value)]) };
}

function polygonControl(f, path, ctx, id) {
  const text = el("textarea", { id, rows: 3, spellcheck: "false", class: "mono" });
  const mapEl = el("div", { class: "pick-map", id: id + "-map", role: "application", tabindex: "0" });
  const undo = el("button", { type: "button", text: t("ws.undo-vertex") });
  const clear = el("button", { type: "button", text: t("ws.clear-shape") });
  const extra = el("div", {}, el("p", { class: "hint", text: t("ws.polygon-hint") }), mapEl, el("div", { class: "row" }, undo, clear));
  const box = labelled(f, text, path, ctx, extra);
  ctx.afterMount.push(() => {
    const p = polygonPicker(mapEl, t("ws.map-label"), (ring) => {
      text.value = ring ? JSON.stringify({ type: "Polygon", coordinates: [ring] }) : "";
    });
    undo.addEventListener("click", p.undo);
    clear.addEventListener("click", p.clear);
  });
  return { el: box, input: text, read: () => parseJson(text.value) };
}

function jsonControl(f, path, ctx, id) {
  const text = el("textarea", { id, rows: 8, spellcheck: "false", class: "mono" });
  return { el: labelled({ ...f, hint: t("ws.json-hint") }, text, path, ctx), input: text, read: () => parseJson(text.value) };
}

function parseJson(s) {
  if (empty(s)) return undefined;
  try { return JSON.parse(s); } catch (e) { return s; } // the schema then names the field: not an object
}

function arrayControl(f, path, ctx, id) {
  const items = f.schema.items;
  if (items.kind === "enum") {
    const boxes = items.values.map((v, i) => {
      const cb = el("input", { type: "checkbox", id: id + "-" + i, value: v });
      return { cb, el: el("label", { class: "check", for: id + "-" + i }, cb, el("span", { text: f.ref === "roles" || f.name === "roles" ? roleLabel(v) : valueLabel(v) })) };
    });
    const fs = el("fieldset", { class: "field", id, "data-path": path },
      el("legend", { text: fieldLabel(f.name) + (f.required ? " *" : "") }), ...boxes.map((b) => b.el));
    const err = el("p", { class: "field-error", id: id + "-err", role: "alert", hidden: true });
    fs.append(err);
    ctx.errors.set(path, { err, input: boxes[0].cb, box: fs });
    return { el: fs, input: boxes[0].cb, read: () => {
      const v = boxes.filter((b) => b.cb.checked).map((b) => b.cb.value);
      return v.length ? v : f.required ? [] : undefined;
    } };
  }
  if (items.kind === "object") return repeatControl(f, path, ctx, id);
  // Scalars (ids, digests): one per line; evidence digests can also be computed from files here.
  const text = el("textarea", { id, rows: 2, spellcheck: "false", class: "mono" });
  const list = f.ref ? datalist(ctx.refs, f.ref) : null;
  let extra = null;
  if (items.kind === "text" && items.pattern === "^[0-9a-f]{64}$") {
    const file = el("input", { type: "file", multiple: true, id: id + "-files" });
    file.addEventListener("change", async () => {
      for (const fl of file.files) {
        const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await fl.arrayBuffer()));
        text.value = (text.value.trim() ? text.value.trim() + "\n" : "") + [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
      }
      file.value = "";
    });
    extra = el("div", { class: "row" }, el("label", { for: id + "-files", text: t("ws.digest-files") }), file);
  }
  const hint = t(list ? "ws.lines-ids-hint" : "ws.lines-hint", { known: list ? ctx.refs[f.ref].map((x) => x.id).slice(0, 12) : [] });
  const box = labelled({ ...f, hint }, text, path, ctx, extra);
  return { el: box, input: text, read: () => {
    const v = text.value.split("\n").map((s) => s.trim()).filter((s) => s);
    return v.length ? v.map((s) => (items.kind === "integer" ? Number(s) : s)) : f.required ? [] : undefined;
  } };
}

function repeatControl(f, path, ctx, id) {
  const rows = [];
  const list = el("div", { class: "repeat" });
  const add = el("button", { type: "button", id: id + "-add", text: t("ws.add-row", { field: fieldLabel(f.name) }) });
  const fs = el("fieldset", { class: "field", id, "data-path": path },
    el("legend", { text: fieldLabel(f.name) + (f.required ? " *" : "") }), list, add);
  const err = el("p", { class: "field-error", id: id + "-err", role: "alert", hidden: true });
  fs.append(err);
  ctx.errors.set(path, { err, input: add, box: fs });
  const addRow = () => {
    const i = rows.length;
    const sub = objectControl({ name: f.name, schema: f.schema.items, required: true }, path + "[" + i + "]", ctx, id + "-" + i, true);
    const remove = el("button", { type: "button", text: t("ws.remove-row") });
    const row = { sub, el: el("div", { class: "repeat-row" }, sub.el, remove) };
    remove.addEventListener("click", () => { rows.splice(rows.indexOf(row), 1); row.el.remove(); });
    rows.push(row);
    list.append(row.el);
    ctx.afterMount.forEach((g) => g());
    ctx.afterMount.length = 0;
  };
  add.addEventListener("click", addRow);
  if (f.required && f.schema.min > 0) ctx.afterMount.push(() => { if (!rows.length) addRow(); });
  return { el: fs, input: add, read: () => {
    const v = rows.map((r) => r.sub.read() || {});
    return v.length ? v : f.required ? [] : undefined;
  } };
}

function objectControl(f, path, ctx, id, bare) {
  const fields = f.schema.fields.map((sub) => ({ f: sub, c: control(sub, path + "." + sub.name, ctx) }));
  const fs = el("fieldset", { class: bare ? "sub" : "field", id, "data-path": path },
    el("legend", { text: fieldLabel(f.name) + (f.required ? " *" : " (" + t("ws.optional") + ")") }), ...fields.map((x) => x.c.el));
  const err = el("p", { class: "field-error", id: id + "-err", role: "alert", hidden: true });
  fs.append(err);
  if (!ctx.errors.has(path)) ctx.errors.set(path, { err, input: fields[0]?.c.input, box: fs });
  return { el: fs, input: fields[0]?.c.input, read: () => {
    const o = {};
    for (const x of fields) {
      const v = x.c.read();
      if (v !== undefined) o[x.f.name] = v;
    }
    return Object.keys(o).length || f.required ? o : undefined;
  } };
}

/**
 * The form of `entry` (a catalogue type): {el, read, showProblem, clear, concealed}. `refs` holds
 * the pickers' ids; `conceal` says whether the log takes concealed fields yet.
 */
export function buildForm(entry, refs, disclosuresAccepted) {
  const ctx = { refs, errors: new Map(), afterMount: [] };
  const form = el("form", { id: "ws-form", class: "ws-form", novalidate: true, "data-type": entry.type });
  form.append(el("h3", { id: "ws-form-h", text: typeLabel(entry.type) }),
    el("p", { class: "hint", text: t("ws.who-may", { roles: entry.roles.map(roleLabel) }) }));
  const body = entry.body;
  let read;
  const conceal = new Map();
  if (body.kind === "object") {
    const controls = body.fields.map((f) => {
      const c = control(f, "event.body." + f.name, ctx);
      if (f.concealable) c.el.append(concealBox(f, conceal, disclosuresAccepted));
      form.append(c.el);
      return { f, c };
    });
    read = () => {
      const o = {};
      for (const { f, c } of controls) {
        const v = c.read();
        if (v !== undefined) o[f.name] = v;
      }
      return o;
    };
  } else {
    const c = control({ name: "body", schema: body, required: true, ref: body.ref }, "event.body", ctx);
    form.append(c.el);
    read = c.read;
  }
  const status = el("p", { id: "ws-form-status", role: "status", "aria-live": "polite" });
  form.append(el("div", { class: "row" }, el("button", { type: "submit", id: "ws-sign", text: t("ws.sign-and-send") })), status);

  function clear() {
    for (const { err, box } of ctx.errors.values()) { err.hidden = true; err.textContent = ""; box.classList.remove("invalid"); }
    for (const { input } of ctx.errors.values()) input?.removeAttribute("aria-invalid");
    status.textContent = "";
  }

  /** Shows `message` next to the field `path` names, or the nearest enclosing one. */
  function showProblem(path, message) {
    let p = path || "";
    while (p && !ctx.errors.has(p)) {
      const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      p = up === p ? "" : up;
    }
    const target = ctx.errors.get(p);
    if (!target) { status.textContent = message; return null; }
    target.err.textContent = message;
    target.err.hidden = false;
    target.box.classList.add("invalid");
    target.input?.setAttribute("aria-invalid", "true");
    target.box.dataset.problem = path;
    return target;
  }

  return { el: form, read, clear, showProblem, status, mount: () => { ctx.afterMount.forEach((g) => g()); ctx.afterMount.length = 0; },
    concealed: () => [...conceal.entries()].filter(([, cb]) => cb.checked).map(([n]) => n) };
}

function concealBox(f, conceal, accepted) {
  const id = "ws-conceal-" + f.name + "-" + ++serial;
  const cb = el("input", { type: "checkbox", id, checked: accepted, disabled: !accepted, "data-conceal": f.name });
  conceal.set(f.name, cb);
  const who = t("ws.conceal-who", { roles: f.concealable.map(roleLabel) });
  return el("div", { class: "conceal" }, el("label", { for: id, class: "check" }, cb, el("span", { text: t("ws.conceal") })),
    el("p", { class: "hint", text: accepted ? who : t("ws.conceal-unavailable") }));
}
