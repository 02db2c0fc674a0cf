import { createRandom } from '../../src/core/shared/random';
import type { WaveInput } from '../../src/core/plan/wave-input.types';
import type { CountyFixture } from '../../fixtures/county';

/**
 * A wave over `count` allocations drawn from the fixture county's lots (no database needed). Downstream,
 * the same items are delivery orders whose cooperative is the destination (as the service side sends them).
 */
export function waveInputFromFixture(county: CountyFixture, count: number, seed: number, options: { direction?: WaveInput['direction'] } = {}): WaveInput {
  const rng = createRandom(seed);
  const products = new Map(county.products.map((p) => [p.sku, p]));
  const provinces = ['Guangdong', 'Zhejiang', 'Jiangsu', 'Shanghai', 'Beijing'];
  const items: WaveInput['items'] = [];
  for (let i = 0; i < count; i++) {
    const lot = county.lots[rng.int(county.lots.length)]!;
    const product = products.get(lot.sku)!;
    const units = 1 + rng.int(3);
    items.push({
      allocationId: `alloc-${String(i).padStart(5, '0')}`, orderId: `order-${String(Math.floor(i / 2)).padStart(5, '0')}`,
      cooperativeId: lot.cooperativeId, farmerId: lot.farmerId, sku: lot.sku, temperatureClass: product.temperatureClass, units,
      grams: units * product.unitWeightGrams, volumeMl: units * product.unitVolumeMl, salesCents: units * lot.unitSupplyPriceCents,
      destinationProvince: provinces[rng.int(provinces.length)]!, maxHoursToHub: 48,
    });
  }
  return {
    countyId: county.county.id,
    direction: options.direction ?? 'upstream',
    cutoffAt: '2026-11-22T10:00:00.000Z',
    dayStartAt: '2026-11-21T16:00:00.000Z',
    sites: county.sites.map((s) => ({ id: s.id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat, parentId: s.parentId, opensAt: s.opensAt,
      closesAt: s.closesAt, handlingSeconds: s.handlingMinutes * 60 })),
    cooperatives: county.cooperatives.map((c) => ({ id: c.id, siteId: c.siteId, stationId: c.stationId, readyAt: c.readyAt })),
    items,
    vehicleTypes: county.vehicleTypes,
    fleets: county.fleets,
  };
}
