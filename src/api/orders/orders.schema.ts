import { z } from 'zod';
import { name } from '../http/common.schema';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const positiveInt = (what: string) =>
  z.number({ error: `must be ${what}` }).int(`must be ${what}`).positive(`must be ${what}`).max(1_000_000, 'must be at most 1000000');

const orderLineSchema = z.strictObject({
  sku: text(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ., _ or -'),
  quantity: positiveInt('a positive integer'),
  minGrade: positiveInt('a positive integer grade (1 = best)').max(9, 'must be a grade from 1 to 9'),
});

const buyerSchema = z.union([
  z.strictObject({ province: name(50), city: name(80) }),
  z.strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
], { error: 'must be {province, city} or {lon, lat}' });

export const orderInputSchema = z.strictObject({
  externalId: text(100).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  paidCents: z.number({ error: 'must be a non-negative integer number of cents' }).int('must be a whole number of cents').min(0, 'must not be negative'),
  shipBy: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' }),
  buyer: buyerSchema,
  lines: z.array(orderLineSchema).min(1, 'must have at least one line').max(100, 'must have at most 100 lines'),
});

export function createSubmitOrdersSchema(maxOrders: number) {
  return z.strictObject({
    streamId: text(100),
    orders: z.array(orderInputSchema).min(1, 'must have at least one order').max(maxOrders, `must have at most ${maxOrders} orders`),
  }).superRefine((body, ctx) => {
    const firstIndex = new Map<string, number>();
    body.orders.forEach((order, index) => {
      const seen = firstIndex.get(order.externalId);
      if (seen !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['orders', index, 'externalId'], message: `repeats /orders/${seen}/externalId in the same batch` });
      } else firstIndex.set(order.externalId, index);
    });
  });
}

export type OrderInput = z.infer<typeof orderInputSchema>;
export type SubmitOrdersBody = z.infer<ReturnType<typeof createSubmitOrdersSchema>>;
