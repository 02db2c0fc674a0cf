import { generateSyntheticNetwork, importRoadNetwork } from '../../../../src/core/graph';

describe('generateSyntheticNetwork', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = generateSyntheticNetwork({ nodes: 400, seed: 5 });
    const b = generateSyntheticNetwork({ nodes: 400, seed: 5 });
    const c = generateSyntheticNetwork({ nodes: 400, seed: 6 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('imports cleanly into about the requested number of junctions, mostly one component', () => {
    const { report } = importRoadNetwork(generateSyntheticNetwork({ nodes: 2500, seed: 9 }));
    expect(report.dropped).toEqual([]);
    expect(report.junctionsBy).toBe('node_ids');
    expect(report.nodes).toBeGreaterThan(2400);
    expect(report.nodes).toBeLessThanOrEqual(2500);
    expect(report.components.weak.largest / report.nodes).toBeGreaterThan(0.98);
    expect(Object.keys(report.kmByHighway)).toEqual(expect.arrayContaining(['primary', 'secondary', 'residential', 'track', 'service']));
    expect(report.oneway.forward + report.oneway.backward).toBeGreaterThan(0);
  });
});
