// Checks a receipt in the browser, trusting nothing the server says without proof: the entry's
// leaf hash, its inclusion in the tree (RFC 9162 §2.1.3.2) and the checkpoint's signature by the
// log's key (C2SP signed-note, Ed25519), with SHA-256 and Ed25519 from WebCrypto.
import { createStore, get, set } from "./vendor/idb-keyval.js";
import { b64, unb64, canonicalize } from "./keys.js";

const meta = createStore("stabilis-log", "meta");
const utf8 = new TextEncoder();

async function sha256(...parts) {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { buf.set(p, o); o += p.length; }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", buf));
}

const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

class Refused extends Error {
  constructor(code, detail) { super(detail); this.code = code; }
}

/** RFC 9162 §2.1.3.2: the root that `path` gives for the leaf at `index` of a tree of `size`. */
export async function rootFromInclusion(index, size, leaf, path) {
  if (index >= size) throw new Refused("proof", "index " + index + " is not below size " + size);
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) throw new Refused("proof", "the inclusion proof is longer than the tree allows");
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256(Uint8Array.of(1), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Refused("proof", "the inclusion proof is shorter than the tree needs");
  return r;
}

/** C2SP signed-note verifier key: <name>+<hex key id>+<base64(0x01 ‖ 32-byte key)>. */
async function parseVkey(text) {
  // The name has no "+" (signed-note key names); the base64 key may.
  const [name, hex, ...rest] = text.trim().split("+");
  const key = rest.join("+");
  const raw = unb64(key);
  if (raw.length !== 33 || raw[0] !== 1) throw new Refused("key", "the log key is not an Ed25519 note key");
  const id = await sha256(utf8.encode(name), Uint8Array.of(0x0a), raw);
  if (hex !== [...id.slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(""))
    throw new Refused("key", "the log key's id does not match its name and key");
  return { name, id: id.slice(0, 4), key: await crypto.subtle.importKey("raw", raw.slice(1), { name: "Ed25519" }, false, ["verify"]) };
}

/**
 * The log's key, pinned on this device the first time it is fetched: a server that later shows
 * another key is refused, not believed.
 */
async function logKey() {
  const text = (await (await fetch("/api/v1/log/key", { cache: "no-store" })).text()).trim();
  const pinned = await get("vkey", meta);
  if (pinned === undefined) await set("vkey", text, meta);
  else if (pinned !== text) throw new Refused("key", "the log now shows another key than the one this device pinned");
  return parseVkey(text);
}

/** C2SP tlog-checkpoint: origin, size and root, signed by the log (other signers ignored). */
async function checkpoint(vkey) {
  const text = await (await fetch("/api/v1/log/checkpoint", { cache: "no-store" })).text();
  const split = text.indexOf("\n\n");
  if (split < 0) throw new Refused("checkpoint", "the checkpoint has no signature block");
  const body = text.slice(0, split + 1);
  const [origin, size, root] = body.split("\n");
  if (origin !== vkey.name) throw new Refused("checkpoint", "the checkpoint's origin is not the log key's name");
  let verified = false;
  for (const line of text.slice(split + 2).split("\n")) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== vkey.name) continue;
    const sig = unb64(m[2]);
    if (sig.length !== 68 || !equal(sig.slice(0, 4), vkey.id)) continue;
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, vkey.key, sig.slice(4), utf8.encode(body))))
      throw new Refused("checkpoint", "the checkpoint's signature by the log does not verify");
    verified = true;
  }
  if (!verified) throw new Refused("checkpoint", "the checkpoint carries no signature by the log's key");
  return { size: Number(size), root: unb64(root), text };
}

async function json(url) {
  const r = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!r.ok) throw new Refused("fetch", url + ": " + r.status);
  return r.json();
}

/**
 * Verifies that the log holds exactly `submission` at the receipt's index, under a checkpoint
 * signed by the pinned log key. Returns what was checked; throws with the reason otherwise.
 */
export async function verifyReceipt(receipt, submission) {
  const vkey = await logKey();
  const cp = await checkpoint(vkey);
  if (cp.size <= receipt.index) throw new Refused("checkpoint", "the checkpoint does not cover entry " + receipt.index + " yet");
  const entry = (await json("/api/v1/log/entries?start=" + receipt.index + "&end=" + (receipt.index + 1))).entries[0];
  const data = unb64(entry.data);
  const leaf = await sha256(Uint8Array.of(0), data); // RFC 9162 §2.1.1: leaf hash
  if (b64(leaf) !== receipt.leaf) throw new Refused("leaf", "the entry's leaf hash is not the receipt's");
  const stored = JSON.parse(new TextDecoder().decode(data));
  if (canonicalize(stored.event) !== canonicalize(submission.event) || stored.sig !== submission.sig)
    throw new Refused("leaf", "the entry at index " + receipt.index + " is not the statement this device signed");
  const proof = await json("/api/v1/log/proof/inclusion?index=" + receipt.index + "&size=" + cp.size);
  const root = await rootFromInclusion(receipt.index, cp.size, leaf, proof.path.map(unb64));
  if (!equal(root, cp.root)) throw new Refused("proof", "the inclusion proof does not lead to the checkpoint's root");
  return { size: cp.size, root: b64(cp.root), received: stored.received };
}
