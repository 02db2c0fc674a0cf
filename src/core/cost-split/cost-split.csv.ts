import type { Payer } from './cost-policy';
import type { CostSplitDocument } from './cost-split.types';

/** Columns of the accountants' CSV: one row per payer line; amount_cents over all rows = the split's total. */
export const COST_SPLIT_CSV_COLUMNS = ['party', 'item', 'cooperative_id', 'farmer_id', 'route_no', 'site_id', 'amount_yuan', 'amount_cents', 'policy_version'] as const;

interface Line { party: Payer; item: string; cooperativeId?: string; farmerId?: string; routeNo?: number; siteId?: string; cents: number }

/** Whole cents as yuan with two decimals, without floating point ("12345" → "123.45"). */
export function centsToYuan(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`core/cost-split: ${cents} is not a whole number of cents`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The split as RFC 4180 CSV (CRLF line ends, header first) for the county's accountants: the government's
 * and the logistics firm's lines per item and route/station/cooperative, then each farmer's share of its
 * cooperative's bill. Lines of 0 cents are left out; the rows add up to totalCents to the cent.
 */
export function costSplitToCsv(split: CostSplitDocument): string {
  const lines: Line[] = [];
  const push = (line: Line) => { if (line.cents !== 0) lines.push(line); };
  push({ party: 'government', item: 'hub-amortisation', cents: split.components.hubShareCents });
  for (const r of split.routes) push({ party: 'government', item: 'fuel-subsidy', routeNo: r.routeNo, siteId: r.baseSiteId, cents: r.fuelSubsidyCents });
  for (const party of ['government', 'logisticsFirm'] as const) {
    if (party === 'logisticsFirm') {
      for (const r of split.routes) push({ party, item: 'vehicle-day', routeNo: r.routeNo, siteId: r.baseSiteId, cents: r.cost.fixedCents });
      split.components.stationIds.forEach((siteId) => push({ party, item: 'station-om', siteId, cents: split.components.stationOmCents / split.components.stationIds.length }));
    }
    for (const r of split.routes) {
      if (r.operatingPaidBy !== party) continue;
      push({ party, item: r.tier === 'township' ? 'trunk-operating' : 'unattributed-terminal', routeNo: r.routeNo, siteId: r.baseSiteId, cents: r.operatingCents });
    }
    for (const c of split.cooperatives) {
      if (c.excessPaidBy === party) push({ party, item: 'cooperative-excess', cooperativeId: c.cooperativeId, cents: c.excessCents });
    }
  }
  for (const f of split.farmers) push({ party: 'cooperatives', item: 'cooperative-share', cooperativeId: f.cooperativeId, farmerId: f.farmerId, cents: f.shareCents });

  const rows = [COST_SPLIT_CSV_COLUMNS.join(',')];
  for (const l of lines) {
    rows.push([l.party, l.item, l.cooperativeId ?? '', l.farmerId ?? '', l.routeNo === undefined ? '' : String(l.routeNo), l.siteId ?? '',
      centsToYuan(l.cents), String(l.cents), split.policyVersion].map(field).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
