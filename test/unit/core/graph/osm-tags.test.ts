import { parseMaxspeed, parseOneway } from '../../../../src/core/graph';

describe('parseOneway', () => {
  it.each([
    ['yes', 'forward'], ['true', 'forward'], ['1', 'forward'], [true, 'forward'], [1, 'forward'], [' YES ', 'forward'],
    ['-1', 'backward'], ['reverse', 'backward'], [-1, 'backward'],
    ['no', 'both'], ['false', 'both'], ['0', 'both'], [undefined, 'both'], [null, 'both'], [false, 'both'], [0, 'both'],
  ])('%p → %s', (value, direction) => {
    expect(parseOneway(value)).toEqual({ direction, recognised: true });
  });

  it.each(['alternating', 'reversible', 'yes @ (Mo-Fr)', 2])('treats unknown %p as two-way and flags it', (value) => {
    expect(parseOneway(value)).toEqual({ direction: 'both', recognised: false });
  });
});

describe('parseMaxspeed', () => {
  it('reads plain numbers as km/h', () => {
    expect(parseMaxspeed('50')).toEqual({ kmh: 50, fellBack: false });
    expect(parseMaxspeed(80)).toEqual({ kmh: 80, fellBack: false });
    expect(parseMaxspeed('45.5')).toEqual({ kmh: 45.5, fellBack: false });
  });

  it('converts mph', () => {
    expect(parseMaxspeed('30 mph').kmh).toBeCloseTo(30 * 1.609344, 10);
    expect(parseMaxspeed('20mph').kmh).toBeCloseTo(20 * 1.609344, 10);
  });

  it('takes the lowest of a ;-separated list', () => {
    expect(parseMaxspeed('90;30;90;30;90;30')).toEqual({ kmh: 30, fellBack: false });
    expect(parseMaxspeed('50;20 mph').kmh).toBeCloseTo(20 * 1.609344, 10);
  });

  it('falls back to the class default for values it cannot read', () => {
    for (const v of ['none', 'signals', 'walk', 'RU:urban', '50 @ (22:00-06:00)', '0', '-5', '', 'fast;50', {}, NaN, 0]) {
      expect(parseMaxspeed(v)).toEqual({ kmh: null, fellBack: true });
    }
  });

  it('absent is not a fallback', () => {
    expect(parseMaxspeed(undefined)).toEqual({ kmh: null, fellBack: false });
  });
});
