// Statements signed on this device wait here until the log has them: in IndexedDB, in the order
// they were signed, each with its state. They are sent one at a time, in order; a refusal stops
// the queue (what follows may depend on it) until the reader removes the refused one.
import { createStore, get, set, del, values } from "./vendor/idb-keyval.js";
import { verifyReceipt } from "./receipt.js";

const store = createStore("stabilis-queue", "statements");
const listeners = new Set();
export const onChange = (f) => listeners.add(f);
const changed = () => listeners.forEach((f) => f());

/** Every statement of this device, oldest first (the key is the statement's seq). */
export async function all() {
  return (await values(store)).sort((a, b) => a.seq - b.seq);
}

export async function enqueue(submission, disclosures) {
  const item = { seq: submission.event.seq, type: submission.event.type, submission, disclosures: disclosures || null,
    state: "queued", signed: new Date().toISOString() };
  await set(item.seq, item, store);
  changed();
  return item;
}

export async function remove(seq) {
  await del(seq, store);
  changed();
}

async function save(item) {
  await set(item.seq, item, store);
  changed();
}

/** Sends what waits, in order, one tab at a time; stops at the first refusal or network failure. */
export function drain() {
  return navigator.locks.request("stabilis-drain", async () => {
    for (const item of await all()) {
      if (item.state === "refused") return "refused";
      if (item.state !== "queued") continue;
      const wire = { event: item.submission.event, sig: item.submission.sig };
      if (item.disclosures) wire.disclosures = item.disclosures;
      let r;
      try {
        r = await fetch("/api/v1/events", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(wire), cache: "no-store" });
      } catch (e) {
        return "offline"; // stays queued; sent when the network returns
      }
      if (r.status === 200 || r.status === 201) {
        item.state = "committed";
        item.receipt = await r.json();
        await save(item);
        await check(item);
      } else if (r.status >= 500) {
        return "unavailable";
      } else {
        item.state = "refused";
        try { item.problem = await r.json(); } catch (e) { item.problem = { status: r.status, code: "malformed" }; }
        await save(item);
        return "refused";
      }
    }
    return "done";
  });
}

/** Checks a committed statement's receipt; the outcome is kept with it. */
export async function check(item) {
  try {
    item.verified = await verifyReceipt(item.receipt, item.submission);
    item.verifyError = null;
  } catch (e) {
    item.verified = null;
    item.verifyError = { code: e.code || "error", detail: e.message };
  }
  await save(item);
}

export async function find(seq) {
  return get(seq, store);
}
