import { z } from 'zod';
import type { Db } from '../../db/connection';
import { findCounty } from '../../db/county.repository';
import { listFleets, listSites, listVehicleTypes } from '../../db/master-data.repository';
import { findCurrentRoadNetwork } from '../../db/road-network.repository';
import type { RoadNetworkService } from '../../services/road-network.service';
import { idText } from '../http/common.schema';
import { defineRoute } from '../http/route-definition';
import { assertCountyScope } from '../http/scope';
import { HttpProblem, notFound, validationProblem } from '../problem';

const countyParams = z.strictObject({ countyId: idText() });

/** The county platform uploads its road network (OSM-style GeoJSON) and gets the import report. */
export function networkRoutes(deps: { db: Db; networks: RoadNetworkService }) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'put', path: '/counties/:countyId/network', operationId: 'putNetwork', tag: 'network', roles: ['platform'],
      summary: 'Upload the county\'s road network (a GeoJSON FeatureCollection of OSM-style roads); answers the import report',
      description: 'Refused with every fault named: features that had to be dropped (by index, unless allowDropped=true) and sites that no ' +
        'vehicle profile of the county can reach from the hub (by name). The network version is its content hash.',
      params: countyParams,
      query: z.strictObject({ allowDropped: z.enum(['true', 'false']).optional() }),
      body: z.looseObject({ type: z.literal('FeatureCollection', { error: 'must be "FeatureCollection"' }), features: z.array(z.unknown()).min(1, 'must not be empty') }),
      responses: { 200: { description: 'Stored; the import report' }, 422: { description: 'Broken features or unreachable sites, each named' } },
      handler: async ({ params, query, body, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        if (!(await findCounty(db, params.countyId))) throw notFound(`county '${params.countyId}'`);
        const [sites, fleets, types] = await Promise.all([
          listSites(db, params.countyId, { limit: 100_000 }), listFleets(db, params.countyId, { limit: 100_000 }), listVehicleTypes(db, { limit: 10_000 }),
        ]);
        const usedTypes = new Set(fleets.filter((f) => f.count > 0).map((f) => f.vehicle_type_id));
        const profileIds = [...new Set(types.filter((t) => usedTypes.has(t.id)).map((t) => t.profile))].sort();
        let result;
        try {
          result = await deps.networks.upload(params.countyId, body, {
            allowDropped: query.allowDropped === 'true',
            sites: sites.map((s) => ({ id: s.id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat })),
            profileIds: profileIds.length > 0 ? profileIds : ['reefer-van'],
          });
        } catch (error) {
          const message = (error as Error).message;
          if (!message.startsWith('core/graph')) throw error;
          const feature = /feature (\d+)/.exec(message);
          throw validationProblem([{ pointer: feature ? `/features/${feature[1]}` : '/', detail: message.replace(/^core\/graph: /, '') }]);
        }
        if (!result.ok) {
          const errors = [
            ...result.dropped.map((d) => ({ pointer: `/features/${d.featureIndex}`, detail: `${d.reason}: ${d.message}` })),
            ...result.rejectedSites.map((s) => ({ pointer: '/', detail: `site '${s.name}' (${s.id}) is not reachable: ${s.reasons.join('; ')}` })),
          ];
          throw new HttpProblem(422, 'validation', 'Invalid road network',
            `${result.dropped.length} feature(s) dropped, ${result.rejectedSites.length} site(s) unreachable; nothing stored`, errors);
        }
        return { status: 200, body: { countyId: params.countyId, version: result.version, sitesChecked: result.sitesChecked, profiles: profileIds, report: result.report } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/network', operationId: 'getNetwork', tag: 'network', roles: ['platform'],
      summary: 'The county\'s current network version and its import report', params: countyParams,
      responses: { 200: { description: 'Version and report' }, 404: { description: 'No network uploaded yet' } },
      handler: async ({ params, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        const current = await findCurrentRoadNetwork(db, params.countyId, { withGeoJson: false });
        if (!current) throw notFound(`road network of county '${params.countyId}'`);
        return { status: 200, body: { countyId: params.countyId, version: current.content_hash, uploadedAt: current.created_at.toISOString(), report: current.import_report } };
      },
    }),
  ];
}
