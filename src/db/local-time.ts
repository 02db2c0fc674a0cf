/** UTC instant of local midnight (in `timeZone`) of the local day that contains `instant`. */
export function localMidnightUtc(instant: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const guess = Date.UTC(get('year'), get('month') - 1, get('day'));
  // The zone's offset at that day: format the guess back and measure the difference.
  const offsetParts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(guess));
  const og = (type: string) => Number(offsetParts.find((p) => p.type === type)!.value);
  const asLocal = Date.UTC(og('year'), og('month') - 1, og('day'), og('hour'), og('minute'), og('second'));
  return new Date(guess - (asLocal - guess));
}

/** Whether `timeZone` is a zone the runtime's Intl knows (an IANA name such as 'Asia/Shanghai'). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (ms) at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asLocal - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time ("HH:MM" on a local calendar day) in `timeZone`. A time that
 * occurs twice (clocks go back) is the earlier one; a time inside a skipped hour moves forward by the gap.
 */
export function localDateTimeToUtc(day: { year: number; month: number; day: number }, clock: string, timeZone: string): Date {
  const [h, m] = clock.split(':').map(Number);
  const naive = Date.UTC(day.year, day.month - 1, day.day, h ?? 0, m ?? 0);
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  // `second` is right whenever the wall-clock time exists; inside a skipped hour it does not, and `first` is
  // the same time read with the offset before the change, i.e. moved forward by the gap.
  return new Date(second + zoneOffsetMs(second, timeZone) === naive ? second : first);
}

/** The local calendar day (in `timeZone`) that contains `instant`. */
export function localDay(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}
