// The party's signing key, held on this device (SPEC §6): an Ed25519 WebCrypto key whose private
// half is not extractable, kept in IndexedDB. Signing is over the RFC 8785 canonical form of the
// event (SPEC §2.2), by the canonicalize package, the implementation of one of RFC 8785's authors.
import { createStore, get, set, del } from "./vendor/idb-keyval.js";
import canonicalize from "./vendor/canonicalize.js";

const keys = createStore("stabilis-keys", "keys");
const floors = createStore("stabilis-seq", "floors");

export const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
export const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
export const b64url = (bytes) => b64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
const utf8 = new TextEncoder();

/** The key this device holds for `party`, or undefined. */
export function deviceKey(party) {
  return get(party, keys);
}

async function keep(party, keyId, privateKey, publicKey) {
  const raw = await crypto.subtle.exportKey("raw", publicKey);
  const record = { party, id: keyId, privateKey, publicKey, public: b64(raw), created: new Date().toISOString() };
  await set(party, record, keys);
  return record;
}

/** A new key made here; the private key can sign but can never be read out of the browser. */
export async function generate(party, keyId) {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  return keep(party, keyId, pair.privateKey, pair.publicKey);
}

/**
 * The party's existing key, from its PKCS#8 PEM file (what `stabilis keygen` and OpenSSL write).
 * The file is read once: the public key is derived from it, then the private key is imported
 * again as non-extractable and only that copy is kept.
 */
export async function importPem(party, keyId, pem) {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) throw new Error("pem");
  const der = unb64(m[1].replace(/\s+/g, ""));
  const once = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]);
  const jwk = await crypto.subtle.exportKey("jwk", once);
  const x = jwk.x.replaceAll("-", "+").replaceAll("_", "/");
  const publicKey = await crypto.subtle.importKey("raw", unb64(x + "=".repeat((4 - (x.length % 4)) % 4)),
    { name: "Ed25519" }, true, ["verify"]);
  const privateKey = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
  return keep(party, keyId, privateKey, publicKey);
}

export function forget(party) {
  return del(party, keys);
}

/**
 * The next `seq` for this key: the time in milliseconds, but always above the last one taken
 * (a persisted floor), across tabs (one Web Lock per key) and whatever the clock did offline.
 */
export function nextSeq(party, keyId) {
  const name = party + "/" + keyId;
  return navigator.locks.request("stabilis-seq:" + name, async () => {
    const floor = (await get(name, floors)) || 0;
    const seq = Math.max(Date.now(), floor + 1);
    await set(name, seq, floors);
    return seq;
  });
}

/** The submission of SPEC §2.3: the event and the Ed25519 signature over its JCS bytes. */
export async function sign(record, type, body, seq, time) {
  const event = { v: 1, type, party: record.party, key: record.id, seq, time, body };
  const bytes = utf8.encode(canonicalize(event));
  const sig = await crypto.subtle.sign({ name: "Ed25519" }, record.privateKey, bytes);
  return { event, sig: b64(sig) };
}

export { canonicalize };
