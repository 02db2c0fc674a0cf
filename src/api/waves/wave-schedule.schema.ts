import { z } from 'zod';
import { MAX_LEAD_MINUTES } from '../../db/cutoff-schedule';
import { isTimeZone } from '../../db/local-time';
import { clock, nonNegativeInt } from '../http/common.schema';

/** A county's daily cut-offs; each starts an upstream wave `leadMinutes` before it. */
export const waveScheduleSchema = z.strictObject({
  timezone: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters')
    .refine(isTimeZone, "must be an IANA time zone such as 'Asia/Shanghai'").optional()
    .describe('The zone the cut-offs are read in (default: the county\'s)'),
  cutoffs: z.array(z.strictObject({
    at: clock().describe('Local time of the handover cut-off at the hub, HH:MM'),
    direction: z.literal('upstream', { error: "must be 'upstream': a downstream wave carries its deliveries, so start it with POST /v1/counties/{countyId}/waves" })
      .default('upstream'),
    leadMinutes: nonNegativeInt('a whole number of minutes from 0 to 1440').max(MAX_LEAD_MINUTES, 'must be a whole number of minutes from 0 to 1440')
      .describe('The wave starts this long before its cut-off'),
  })).min(1, 'must have at least one cut-off (DELETE the schedule to stop scheduled waves)').max(48, 'must have at most 48 cut-offs'),
}).superRefine((body, ctx) => {
  const firstIndex = new Map<string, number>();
  body.cutoffs.forEach((c, index) => {
    const key = `${c.at}|${c.direction}`;
    const seen = firstIndex.get(key);
    if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['cutoffs', index, 'at'], message: `repeats /cutoffs/${seen} (same time and direction)` });
    else firstIndex.set(key, index);
  });
});

export type WaveScheduleBody = z.infer<typeof waveScheduleSchema>;
