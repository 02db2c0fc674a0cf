import { DEFAULT_SHAPLEY, parseCostPolicy } from '../../../../src/core/cost-split/cost-policy';
import defaultPolicy from '../../../../config/cost-policy.json';

describe('cost policy', () => {
  it('the shipped default is valid and shares routes by Shapley', () => {
    const policy = parseCostPolicy(defaultPolicy);
    expect(policy.routeSharing).toBe('shapley');
    expect(policy.shapley.exactMaxCooperatives).toBe(10);
    expect(policy.cooperatives.capShareOfSales).toBe(0.08);
  });

  it('a policy without a shapley block (older versions) gets the defaults, field by field', () => {
    const { shapley: _s, ...older } = defaultPolicy;
    expect(parseCostPolicy(older).shapley).toEqual(DEFAULT_SHAPLEY);
    expect(parseCostPolicy({ ...older, shapley: { samplePermutations: 50 } }).shapley).toEqual({ ...DEFAULT_SHAPLEY, samplePermutations: 50 });
  });

  it('refuses bad Shapley settings, naming the field', () => {
    expect(() => parseCostPolicy({ ...defaultPolicy, shapley: { ...defaultPolicy.shapley, exactMaxCooperatives: 17 } }))
      .toThrow('core/cost-split: policy/shapley/exactMaxCooperatives: must be ≤ 16');
    expect(() => parseCostPolicy({ ...defaultPolicy, shapley: { ...defaultPolicy.shapley, samplePermutations: 0 } }))
      .toThrow('core/cost-split: policy/shapley/samplePermutations: must be ≥ 1');
    expect(() => parseCostPolicy({ ...defaultPolicy, shapley: { ...defaultPolicy.shapley, seed: 1.5 } }))
      .toThrow('core/cost-split: policy/shapley/seed: must be an integer');
    expect(() => parseCostPolicy({ ...defaultPolicy, shapley: 'fast' })).toThrow('core/cost-split: policy/shapley: must be an object');
  });
});
