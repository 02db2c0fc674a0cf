import { canonicalJson, contentHash, fnv1a64, networkContentHash, siteSetHash, travelMatrixCacheKey } from '../../../../src/core/graph';

describe('content hashes', () => {
  it('fnv1a64 matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('ignores object key order but not array order or values', () => {
    const a = { type: 'FeatureCollection', features: [{ a: 1, b: [1, 2] }] };
    const b = { features: [{ b: [1, 2], a: 1 }], type: 'FeatureCollection' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(networkContentHash(a)).toBe(networkContentHash(b));
    expect(contentHash({ x: [1, 2] })).not.toBe(contentHash({ x: [2, 1] }));
    expect(contentHash({ x: 1 })).not.toBe(contentHash({ x: 1.0000001 }));
    expect(contentHash({ x: NaN })).not.toBe(contentHash({ x: null }));
  });

  it('network version depends on import options that change the graph', () => {
    const g = { type: 'FeatureCollection', features: [] };
    expect(networkContentHash(g, { ignoreOneway: true })).not.toBe(networkContentHash(g));
  });

  it('site set hash depends on order, ids and positions', () => {
    const s = [{ id: 'a', lon: 1, lat: 2 }, { id: 'b', lon: 3, lat: 4 }];
    expect(siteSetHash(s)).toBe(siteSetHash(s.map((x) => ({ ...x }))));
    expect(siteSetHash(s)).not.toBe(siteSetHash([s[1]!, s[0]!]));
    expect(siteSetHash(s)).not.toBe(siteSetHash([{ ...s[0]!, lat: 2.000001 }, s[1]!]));
    expect(siteSetHash(s)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('matrix cache keys change with the network, profile content, metric and sites', () => {
    const profile = { id: 'van', allowedHighways: ['primary'], speedFactor: 1, maxSpeedKmh: 80 };
    const sites = [{ id: 'a', lon: 1, lat: 2 }];
    const base = { networkVersion: 'v1', profile, sites };
    const key = travelMatrixCacheKey(base);
    expect(travelMatrixCacheKey({ ...base })).toBe(key);
    expect(travelMatrixCacheKey({ ...base, networkVersion: 'v2' })).not.toBe(key);
    expect(travelMatrixCacheKey({ ...base, profile: { ...profile, maxSpeedKmh: 70 } })).not.toBe(key);
    expect(travelMatrixCacheKey({ ...base, metric: 'distance' })).not.toBe(key);
    expect(travelMatrixCacheKey({ ...base, sites: [{ id: 'a', lon: 1, lat: 2.5 }] })).not.toBe(key);
  });

  it('refuses cycles', () => {
    const x: Record<string, unknown> = {};
    x.self = x;
    expect(() => contentHash(x)).toThrow('core/graph: cannot hash a cyclic structure');
  });
});
