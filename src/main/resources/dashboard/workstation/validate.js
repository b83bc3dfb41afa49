// The body schema the server applies (org.stabilis.log.schema.Schema), checked in the browser
// before anything is signed. The schema comes from the server's catalogue; this file only reads
// it, and mirrors Schema.check rule for rule: the first problem found, with the same field path.

// Java's \s is ASCII whitespace; JavaScript's also matches Unicode spaces: spell Java's out,
// bracketed outside a character class and bare inside one.
function javaRegex(source) {
  const ascii = " \\t\\n\\x0B\\f\\r";
  let out = "", inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const n = source[i + 1];
      out += n === "s" ? (inClass ? ascii : "[" + ascii + "]") : c + n;
      i++;
    } else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      out += c;
    }
  }
  return out;
}
const compiled = new Map();
function regex(source, anchored) {
  const k = (anchored ? "^" : "") + source;
  if (!compiled.has(k)) compiled.set(k, new RegExp(anchored ? "^(?:" + javaRegex(source) + ")$" : javaRegex(source), "u"));
  return compiled.get(k);
}

function problem(path, code, params) {
  return { path, code, params: params || {} };
}

function isWhole(n) {
  return typeof n === "number" && Number.isFinite(n) && Math.floor(n) === n;
}

/**
 * The first problem of `value` against `schema` at `path`, or null when it fits.
 * `personal` holds the e-mail and telephone patterns the server refuses in free text.
 */
export function validate(schema, value, path, personal) {
  switch (schema.kind) {
    case "text": {
      if (typeof value !== "string") return problem(path, "expected-string");
      if (value.length === 0) return problem(path, "empty");
      if (value.length > schema.max) return problem(path, "too-long", { max: schema.max });
      // Java's Matcher.matches(): the whole string.
      if (schema.pattern && !regex(schema.pattern, true).test(value)) return problem(path, "pattern", { pattern: schema.pattern });
      if (regex(personal.email, false).test(value)) return problem(path, "email");
      if (regex(personal.phone, false).test(value)) return problem(path, "phone");
      return null;
    }
    case "gs1": {
      // GS1 General Specifications §7.9.1: the last digit is the mod-10 check digit (weights 3, 1, 3, … from the right).
      if (typeof value !== "string") return problem(path, "expected-string");
      if (value.length !== schema.digits || !/^[0-9]*$/.test(value)) return problem(path, "gs1-digits", { digits: schema.digits });
      let sum = 0;
      for (let i = value.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(value[i]) * w;
      if (Number(value[value.length - 1]) !== (10 - (sum % 10)) % 10) return problem(path, "gs1-check");
      return null;
    }
    case "enum":
      if (typeof value !== "string" || !schema.values.includes(value)) return problem(path, "enum", { values: schema.values });
      return null;
    case "integer":
      if (!isWhole(value)) return problem(path, "integer");
      if (!Number.isSafeInteger(value) && Math.abs(value) > 9223372036854775807) return problem(path, "integer-range");
      if (value < schema.min || value > schema.max) return problem(path, "range", { min: schema.min, max: schema.max });
      return null;
    case "boolean":
      return typeof value === "boolean" ? null : problem(path, "boolean");
    case "date": {
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return problem(path, "date");
      const [y, m, d] = value.split("-").map(Number);
      const dt = new Date(Date.UTC(y, m - 1, d));
      if (m < 1 || m > 12 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
        return problem(path, "calendar-date");
      return null;
    }
    case "point": {
      if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "number" || typeof value[1] !== "number")
        return problem(path, "point");
      const [lon, lat] = value;
      if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) return problem(path, "point-range");
      return null;
    }
    case "array": {
      if (!Array.isArray(value)) return problem(path, "array");
      if (value.length < schema.min) return problem(path, "min-items", { min: schema.min });
      if (value.length > schema.max) return problem(path, "max-items", { max: schema.max });
      for (let i = 0; i < value.length; i++) {
        const p = validate(schema.items, value[i], path + "[" + i + "]", personal);
        if (p) return p;
      }
      return null;
    }
    case "object-any":
      return isObject(value) ? null : problem(path, "object");
    case "object": {
      if (!isObject(value)) return problem(path, "object");
      const known = new Map(schema.fields.map((f) => [f.name, f]));
      for (const f of schema.fields) {
        if (!f.required) continue;
        const v = value[f.name];
        if (v === undefined || v === null) return problem(path + "." + f.name, "required");
        const p = validate(f.schema, v, path + "." + f.name, personal);
        if (p) return p;
      }
      for (const name of Object.keys(value)) {
        const f = known.get(name);
        if (f && f.required) continue;
        if (!f) {
          if (schema.open) continue;
          return problem(path + "." + name, "unknown");
        }
        const v = value[name];
        if (v === null) continue;
        const p = validate(f.schema, v, path + "." + name, personal);
        if (p) return p;
      }
      return null;
    }
    default:
      throw new Error("unknown schema kind " + schema.kind);
  }
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
