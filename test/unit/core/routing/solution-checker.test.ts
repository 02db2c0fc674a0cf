import { checkSolution } from '../../../../src/core/routing/solution-checker';
import { parseSolomon } from '../../../../src/core/routing/solomon.parser';

// depot at (0,0); customers on the x axis at 10, 20 and 30; capacity 25; windows below
const TEXT = `CHECK

VEHICLE
NUMBER     CAPACITY
  2         25

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME
    0      0   0    0     0   200   0
    1     10   0   10     0    50   5
    2     20   0   10    30    60   5
    3     30   0   10     0   200   5
`;

describe('solution checker', () => {
  const problem = parseSolomon(TEXT);

  it('accepts a feasible solution and replays distance, waiting and duration', () => {
    const res = checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1] }, { vehicleType: 0, tasks: [2] }]);
    expect(res.violations).toEqual([]);
    expect(res.feasible).toBe(true);
    expect(res.distance).toBeCloseTo(40 + 60, 9);
    expect(res.vehicles).toBe(2);
    // route 1: arrive 10, serve to 15, arrive 25, wait to 30, serve to 35, back at 55; leaving 5 later avoids the wait
    expect(res.routes[0]!.starts).toEqual([10, 30]);
    expect(res.routes[0]!.duration).toBeCloseTo(50, 9);
  });

  it('catches a missing and a duplicated customer', () => {
    const res = checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1] }, { vehicleType: 0, tasks: [1] }]);
    expect(res.feasible).toBe(false);
    expect(res.violations).toEqual(expect.arrayContaining([
      'task "2" is served 2 times, expected once',
      'task "3" is served 0 times, expected once',
    ]));
  });

  it('catches excess load, a late arrival and too many vehicles', () => {
    const overload = checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1, 2] }]);
    expect(overload.violations.some((v) => v.includes('load 30 exceeds capacity 25'))).toBe(true);
    const late = checkSolution(problem, [{ vehicleType: 0, tasks: [2, 0] }, { vehicleType: 0, tasks: [1] }]);
    // task 3 first (arrive 30, leave 35), then back to task 1 at 55: its window closed at 50
    expect(late.violations).toContain('route 0: task "1" reached at 55, after its last window ends');
    const fleet = checkSolution(problem, [{ vehicleType: 0, tasks: [0] }, { vehicleType: 0, tasks: [1] }, { vehicleType: 0, tasks: [2] }]);
    expect(fleet.violations).toContain('vehicle type 0: 3 routes, only 2 vehicles');
  });

  it('catches a return after the shift ends', () => {
    const short = { ...problem, vehicles: [{ ...problem.vehicles[0]!, shift: [0, 50] as [number, number] }] };
    const res = checkSolution(short, [{ vehicleType: 0, tasks: [0, 1] }, { vehicleType: 0, tasks: [2] }]);
    expect(res.violations.some((v) => v.includes('returns at 55'))).toBe(true);
  });
});
