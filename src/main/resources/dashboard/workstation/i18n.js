// Messages in the reader's language: English, Arabic and Hebrew, from the resource files beside
// this script, for the workstation and every panel of the dashboard. The server writes the panels
// in English with each message's key and parameters (data-i18n, data-i18n-args), numbers as
// data-num and moments as <time datetime>; translate() puts them in the reader's language, on
// the first page and on every fragment htmx swaps in. The choice is remembered on the device;
// numbers and dates go through Intl.
export const LANGUAGES = ["en", "ar", "he"];
const RTL = new Set(["ar", "he"]);
const STORE = "stabilis.lang";
let lang = "en";
let messages = {};

export function chosenLanguage() {
  const saved = localStorage.getItem(STORE);
  if (LANGUAGES.includes(saved)) return saved;
  const nav = (navigator.language || "en").slice(0, 2);
  return LANGUAGES.includes(nav) ? nav : "en";
}

export async function useLanguage(assets, l) {
  const r = await fetch(assets + "i18n/" + l + ".json", { cache: "no-cache" });
  if (!r.ok) throw new Error("messages for " + l + ": " + r.status);
  messages = await r.json();
  lang = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l;
  document.documentElement.dir = RTL.has(l) ? "rtl" : "ltr";
  translate(document);
  document.documentElement.dataset.language = l; // the page is in this language
  document.dispatchEvent(new CustomEvent("stabilis:language", { detail: l }));
}

/** Puts the marked messages, numbers and moments under `root` in the reader's language. */
export function translate(root) {
  const all = (sel) => [...(root.matches?.(sel) ? [root] : []), ...root.querySelectorAll(sel)];
  // Text only: a message and its parameters (data from the log among them) are set as text.
  all("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n, el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : undefined);
  });
  all("[data-i18n-label]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.i18nLabel)));
  all("[data-num]").forEach((el) => { el.textContent = number(Number(el.dataset.num)); });
  all("time[data-time]").forEach((el) => { el.textContent = moment(el.getAttribute("datetime")); });
}

// Panels that htmx swaps in arrive in English: put each in the reader's language as it lands.
// (An outerHTML swap replaces the element the event names, so the whole page is gone through.)
document.addEventListener("htmx:afterSwap", () => { if (Object.keys(messages).length) translate(document); });
// The map and charts (app.js, a classic script) read the messages through this.
window.stabilisI18n = { t: (k, p) => t(k, p), has: (k) => has(k), number: (n) => number(n), language: () => lang };

export function language() {
  return lang;
}

/** The message `key` with {name} placeholders filled; a missing key shows itself, never blank. */
export function t(key, params) {
  const m = messages[key];
  if (m === undefined) return key;
  return m.replace(/\{(\w+)\}/g, (_, k) => (params && params[k] !== undefined ? format(params[k]) : "{" + k + "}"));
}

export function has(key) {
  return messages[key] !== undefined;
}

function format(v) {
  if (typeof v === "number") return number(v);
  if (Array.isArray(v)) return v.map(format).join(lang === "ar" ? "، " : ", "); // the Arabic comma
  if (v && typeof v === "object") {
    if (v.key) return t(v.key, v.args);
    if (v.time) return moment(v.time);
    if (v.date) return date(v.date);
  }
  return String(v);
}

export function number(n) {
  return new Intl.NumberFormat(lang).format(n);
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
}

/** A moment to the minute, in UTC and saying so, by locale. */
export function moment(iso) {
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: "UTC", timeZoneName: "short" }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD), by locale. */
export function date(day) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(day + "T00:00:00Z"));
}

export const typeLabel = (type) => t("type." + type);
export const fieldLabel = (name) => t("field." + name);
export const valueLabel = (v) => (has("value." + v) ? t("value." + v) : v);
export const roleLabel = (r) => t("role." + r);
