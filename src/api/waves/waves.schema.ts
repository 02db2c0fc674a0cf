import { z } from 'zod';

export const startWaveSchema = z.strictObject({
  cutoffAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' }),
  direction: z.enum(['upstream', 'downstream'], { error: "must be 'upstream' or 'downstream'" }).default('upstream'),
});

export type StartWaveBody = z.infer<typeof startWaveSchema>;
