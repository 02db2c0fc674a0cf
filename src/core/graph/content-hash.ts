/**
 * Stable content hashes for keying stored networks and cached matrices by
 * (networkVersion, profile, siteSetHash). Pure: 64-bit FNV-1a over a canonical JSON text
 * (object keys sorted, UTF-16 code units), computed with 32-bit halves so no BigInt or crypto
 * is needed. Not a cryptographic hash: it identifies content, it does not authenticate it.
 */
import type { VehicleProfile } from './vehicle-profile';

/** JSON with object keys sorted; NaN/±Infinity and undefined are spelled out so they differ from null. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  const seen = new Set<object>();
  const write = (v: unknown): void => {
    if (v === null) { parts.push('null'); return; }
    switch (typeof v) {
      case 'number':
        parts.push(Number.isFinite(v) ? JSON.stringify(v) : `"#${String(v)}"`);
        return;
      case 'string': parts.push(JSON.stringify(v)); return;
      case 'boolean': parts.push(v ? 'true' : 'false'); return;
      case 'undefined': parts.push('"#undefined"'); return;
      case 'bigint': parts.push(`"#${v.toString()}n"`); return;
      case 'object': break;
      default: throw new Error(`core/graph: cannot hash a value of type ${typeof v}`);
    }
    const obj = v as object;
    if (seen.has(obj)) throw new Error('core/graph: cannot hash a cyclic structure');
    seen.add(obj);
    if (Array.isArray(obj) || ArrayBuffer.isView(obj)) {
      const arr = Array.isArray(obj) ? obj : Array.from(obj as unknown as ArrayLike<number>);
      parts.push('[');
      for (let i = 0; i < arr.length; i++) {
        if (i > 0) parts.push(',');
        write(arr[i]);
      }
      parts.push(']');
    } else {
      const rec = obj as Record<string, unknown>;
      const keys = Object.keys(rec).filter((k) => rec[k] !== undefined).sort();
      parts.push('{');
      keys.forEach((k, i) => {
        if (i > 0) parts.push(',');
        parts.push(JSON.stringify(k), ':');
        write(rec[k]);
      });
      parts.push('}');
    }
    seen.delete(obj);
  };
  write(value);
  return parts.join('');
}

/** 64-bit FNV-1a of a string's UTF-16 code units, as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  // State in four 16-bit limbs (h0 lowest) so every step is exact small-integer arithmetic.
  // offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3 (limbs 0x1b3, 0, 0x100, 0).
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 435;
    const t1 = h1 * 435 + (t0 >>> 16);
    const t2 = h2 * 435 + h0 * 256 + (t1 >>> 16);
    const t3 = h3 * 435 + h1 * 256 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (x: number): string => x.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** Hash of any JSON-like value, independent of object key order. */
export function contentHash(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}

/** Network version: hash of the raw input data (e.g. the GeoJSON as parsed) plus the import options that change the graph. */
export function networkContentHash(geojson: unknown, importOptions: { ignoreOneway?: boolean } = {}): string {
  return contentHash({ geojson, ignoreOneway: importOptions.ignoreOneway === true });
}

/** Site-set key for matrix caches. Order matters (it is the matrix row/column order). */
export function siteSetHash(sites: readonly { id: string; lon: number; lat: number }[]): string {
  return contentHash(sites.map((s) => [s.id, s.lon, s.lat]));
}

/**
 * Cache key of a travel matrix: network version × profile content (so editing a profile's speeds
 * invalidates it) × metric × ordered site set. Engine choice is not part of it: both engines give
 * the same matrix.
 */
export function travelMatrixCacheKey(input: {
  networkVersion: string;
  profile: VehicleProfile;
  metric?: 'time' | 'distance';
  sites: readonly { id: string; lon: number; lat: number }[];
  maxSnapDistanceM?: number;
}): string {
  return `${input.networkVersion}:${input.profile.id}:${contentHash(input.profile)}:${input.metric ?? 'time'}:${input.maxSnapDistanceM ?? 500}:${siteSetHash(input.sites)}`;
}
