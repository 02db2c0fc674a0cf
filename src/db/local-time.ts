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
