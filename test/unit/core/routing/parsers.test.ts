import { parseSolomon } from '../../../../src/core/routing/solomon.parser';
import { parseCvrplib } from '../../../../src/core/routing/cvrplib.parser';
import { parseJsonProblem } from '../../../../src/core/routing/json.parser';

const SOLOMON = `TINY1

VEHICLE
NUMBER     CAPACITY
  3         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME

    0      0          0          0          0        100          0
    1      3          4         10         10         40         5
    2      6          8         20          0         60         5
`;

const CVRP = `NAME : tiny-k2
TYPE : CVRP
DIMENSION : 4
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 4
3 1 1
4 2 7
DEMAND_SECTION
1 0
2 4
3 5
4 6
DEPOT_SECTION
 1
 -1
EOF
`;

describe('Solomon parser', () => {
  it('reads vehicles, capacity, windows, service and unrounded Euclidean distances', () => {
    const p = parseSolomon(SOLOMON);
    expect(p.name).toBe('TINY1');
    expect(p.vehicles[0]!.count).toBe(3);
    expect(p.vehicles[0]!.capacity).toEqual([50]);
    expect(p.vehicles[0]!.shift).toEqual([0, 100]);
    expect(p.tasks.map((t) => t.id)).toEqual(['1', '2']);
    expect(p.tasks[0]!.timeWindows).toEqual([[10, 40]]);
    expect(p.tasks[1]!.serviceTime).toBe(5);
    const m = p.profiles[0]!;
    expect(m.distance[0 * 3 + 1]).toBe(5);
    expect(m.distance[1 * 3 + 2]).toBe(5);
    expect(m.distance[0 * 3 + 2]).toBe(10);
    expect(m.duration[0 * 3 + 1]).toBe(m.distance[0 * 3 + 1]);
  });

  it.each([
    ['a short row', SOLOMON.replace('    2      6          8         20          0         60         5', '    2      6          8         20'), /line 12: expected 7 columns/],
    ['a non-number', SOLOMON.replace('20          0         60', 'xx          0         60'), /line 12: column 4 is not a number: "xx"/],
    ['ready after due', SOLOMON.replace('10         40', '50         40'), /line 11: ready time 50 is after due date 40/],
    ['a duplicate id', SOLOMON.replace('    2      6', '    1      6'), /line 12: duplicate node id 1/],
    ['a bad vehicle line', SOLOMON.replace('  3         50', '  3'), /line 5: expected two non-negative integers/],
    ['no customer section', SOLOMON.split('CUSTOMER')[0]!, /ended before the customer rows/],
  ])('rejects %s with the line and the fault', (_label, text, message) => {
    expect(() => parseSolomon(text)).toThrow(message);
  });
});

describe('CVRPLIB parser', () => {
  it('reads nodes, demands, the depot, and nint Euclidean distances', () => {
    const p = parseCvrplib(CVRP);
    expect(p.name).toBe('tiny-k2');
    expect(p.tasks.map((t) => t.id)).toEqual(['2', '3', '4']);
    expect(p.vehicles[0]!.start).toBe(0);
    expect(p.vehicles[0]!.count).toBeUndefined();
    expect(p.profiles[0]!.distance[0 * 4 + 1]).toBe(5);
    expect(p.profiles[0]!.distance[0 * 4 + 2]).toBe(1); // sqrt(2) → 1
    expect(p.profiles[0]!.distance[0 * 4 + 3]).toBe(7); // sqrt(53) = 7.28 → 7
  });

  it.each([
    ['an unsupported edge type', CVRP.replace('EUC_2D', 'GEO'), /line 4: only EDGE_WEIGHT_TYPE EUC_2D/],
    ['a missing demand', CVRP.replace('4 6\n', ''), /missing demand for node 4/],
    ['a node out of range', CVRP.replace('4 2 7', '9 2 7'), /line 10: node 9 out of range 1..4/],
    ['a bad coordinate row', CVRP.replace('3 1 1', '3 1'), /line 9: expected "node x y"/],
    ['no depot', CVRP.replace(' 1\n -1', ' -1'), /expected exactly one depot/],
    ['a bad capacity', CVRP.replace('CAPACITY : 10', 'CAPACITY : ten'), /line 5: CAPACITY must be a positive number/],
  ])('rejects %s with a clear error', (_label, text, message) => {
    expect(() => parseCvrplib(text)).toThrow(message);
  });
});

describe('JSON problem parser', () => {
  const base = {
    name: 'j', locations: 2,
    profiles: [{ id: 'p', distance: [[0, 1], [1, 0]], duration: [[0, 1], [1, 0]] }],
    tasks: [{ id: 'a', location: 1, demand: [1], serviceTime: 0, timeWindows: [[0, 10]] }],
    vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 100], capacity: [5] }],
  };

  it('accepts a minimal problem and fills defaults', () => {
    const p = parseJsonProblem(JSON.stringify(base));
    expect(p.profiles[0]!.distance).toEqual([0, 1, 1, 0]);
    expect(p.vehicles[0]!.costPerDistance).toBe(1);
  });

  it('names the JSON path of a fault', () => {
    const bad = { ...base, tasks: [{ ...base.tasks[0], demand: ['x'] }] };
    expect(() => parseJsonProblem(JSON.stringify(bad))).toThrow(/\$\.tasks\.0\.demand\.0/);
    expect(() => parseJsonProblem('{')).toThrow(/not valid JSON/);
    const wrongSize = { ...base, profiles: [{ id: 'p', distance: [0, 1, 1], duration: [0, 1, 1, 0] }] };
    expect(() => parseJsonProblem(JSON.stringify(wrongSize))).toThrow(/distance matrix has 3 entries, expected 4/);
  });
});
