/**
 * OpenStreetMap tag semantics for routing. Each parser says what a value becomes and whether it
 * was understood, so the import report can count the values that fell back to a default.
 */

export type OnewayDirection = 'both' | 'forward' | 'backward';

export interface ParsedOneway {
  readonly direction: OnewayDirection;
  /** False for values we do not understand (e.g. `alternating`), which are treated as `both`. */
  readonly recognised: boolean;
}

/** `yes`/`true`/`1` → forward only; `-1`/`reverse` → backward only; `no`/`false`/`0`/absent → both. */
export function parseOneway(value: unknown): ParsedOneway {
  if (value === undefined || value === null) return { direction: 'both', recognised: true };
  if (value === true || value === 1) return { direction: 'forward', recognised: true };
  if (value === false || value === 0) return { direction: 'both', recognised: true };
  if (value === -1) return { direction: 'backward', recognised: true };
  if (typeof value === 'string') {
    switch (value.trim().toLowerCase()) {
      case 'yes': case 'true': case '1': return { direction: 'forward', recognised: true };
      case '-1': case 'reverse': return { direction: 'backward', recognised: true };
      case 'no': case 'false': case '0': case '': return { direction: 'both', recognised: true };
    }
  }
  return { direction: 'both', recognised: false };
}

export interface ParsedMaxspeed {
  /** km/h, or null when absent or not understood (the class default applies). */
  readonly kmh: number | null;
  /** True when a value was present but not understood (`none`, `signals`, conditional forms …). */
  readonly fellBack: boolean;
}

const MPH_KMH = 1.609344;
const PLAIN = /^(\d+(?:\.\d+)?)$/;
const KMH = /^(\d+(?:\.\d+)?)\s*(?:km\/h|kmh|kph)$/i;
const MPH = /^(\d+(?:\.\d+)?)\s*mph$/i;

function parseSingle(text: string): number | null {
  const t = text.trim();
  let m = PLAIN.exec(t) ?? KMH.exec(t);
  if (m) return Number(m[1]);
  m = MPH.exec(t);
  if (m) return Number(m[1]) * MPH_KMH;
  return null;
}

/** A number (km/h), `N mph`, or a `;`-separated list (lowest wins); anything else falls back. */
export function parseMaxspeed(value: unknown): ParsedMaxspeed {
  if (value === undefined || value === null) return { kmh: null, fellBack: false };
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? { kmh: value, fellBack: false } : { kmh: null, fellBack: true };
  }
  if (typeof value !== 'string') return { kmh: null, fellBack: true };
  const parts = value.split(';');
  let lowest = Infinity;
  for (const part of parts) {
    const kmh = parseSingle(part);
    // One unreadable part makes the whole list ambiguous: use the class default.
    if (kmh === null || !(kmh > 0)) return { kmh: null, fellBack: true };
    lowest = Math.min(lowest, kmh);
  }
  return { kmh: lowest, fellBack: false };
}
