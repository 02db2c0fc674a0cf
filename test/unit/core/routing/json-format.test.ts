import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonProblem } from '../../../../src/core/routing/json.parser';
import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';

const ROOT = join(__dirname, '..', '..', '..', '..');
const exampleText = readFileSync(join(ROOT, 'fixtures', 'routing', 'cold-chain-example.json'), 'utf8');
const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'routing-problem.schema.json'), 'utf8')) as {
  properties: Record<string, { items?: { properties?: Record<string, { items?: { properties?: Record<string, unknown> } }> } }>;
};

const mutate = (f: (p: Record<string, any>) => void): string => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const p = JSON.parse(exampleText) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  f(p);
  return JSON.stringify(p);
};

describe('JSON problem format', () => {
  it('reads the cold-chain example and solves it feasibly', () => {
    const problem = parseJsonProblem(exampleText);
    expect(problem.vehicles[0]!.compartments).toHaveLength(3);
    expect(problem.tasks.filter((t) => t.penalty !== undefined)).toHaveLength(3);
    const result = solve(problem, { seed: 1, iterations: 300 });
    expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
    expect(result.feasible).toBe(true);
    // village d is on a track the truck cannot drive
    const d = problem.tasks.findIndex((t) => t.id === 'd-frozen');
    const route = result.routes.find((r) => r.tasks.includes(d));
    if (route) expect(problem.vehicles[route.vehicleType]!.id).toBe('insulated-tricycle');
  });

  it('every field of the example is documented in the JSON Schema', () => {
    const example = JSON.parse(exampleText) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const key of Object.keys(example)) expect(schema.properties).toHaveProperty(key);
    const taskProps = schema.properties.tasks!.items!.properties!;
    for (const task of example.tasks as object[]) for (const key of Object.keys(task)) expect(taskProps).toHaveProperty(key);
    const vehicleProps = schema.properties.vehicles!.items!.properties!;
    for (const v of example.vehicles as Array<Record<string, unknown>>) {
      for (const key of Object.keys(v)) expect(vehicleProps).toHaveProperty(key);
    }
    const compartmentProps = vehicleProps.compartments!.items!.properties!;
    for (const c of example.vehicles[0].compartments as object[]) for (const key of Object.keys(c)) expect(compartmentProps).toHaveProperty(key);
  });

  it.each([
    ['unknown temperature class', (p: any) => (p.tasks[2].temperatureClass = 'warm'), /\$\.tasks\.2\.temperatureClass/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['misspelt field', (p: any) => (p.vehicles[1].maxDuraton = 5), /\$\.vehicles\.1\.maxDuraton: Unrecognized key/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['negative penalty', (p: any) => (p.tasks[3].penalty = -1), /\$\.tasks\.3\.penalty/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['compartment of the wrong size', (p: any) => (p.vehicles[0].compartments[1].capacity = [1]), /\$\.vehicles\.0\.compartments\.1: capacity needs 2/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['demand of the wrong size', (p: any) => (p.tasks[0].demand = [1, 2, 3]), /\$\.tasks\.0: demand needs 2 values/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['profile out of range', (p: any) => (p.vehicles[1].profile = 7), /\$\.vehicles\.1: profile 7 out of range/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['empty class list', (p: any) => (p.vehicles[0].compartments[0].temperatureClasses = []), /\$\.vehicles\.0\.compartments\.0\.temperatureClasses/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('refuses %s with the JSON path of the fault', (_name, f, message) => {
    expect(() => parseJsonProblem(mutate(f))).toThrow(message);
  });
});
