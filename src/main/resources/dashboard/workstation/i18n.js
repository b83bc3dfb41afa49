// Messages in the reader's language: English, Arabic and Hebrew, from the resource files beside
// this script. The choice is remembered on the device; numbers and dates go through Intl.
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
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-label]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.i18nLabel)));
}

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
  if (Array.isArray(v)) return v.map(format).join(", ");
  return String(v);
}

export function number(n) {
  return new Intl.NumberFormat(lang).format(n);
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
}

export const typeLabel = (type) => t("type." + type);
export const fieldLabel = (name) => t("field." + name);
export const valueLabel = (v) => (has("value." + v) ? t("value." + v) : v);
export const roleLabel = (r) => t("role." + r);
