import { describe, expect, it } from 'vitest';
import {
  HIDE_NAMES,
  MAX_HIDE_LENGTH,
  classroomQuery,
  lessonQuery,
  parsePageParams,
} from '../../src/ui/page/pageParams';

describe('parsePageParams: present', () => {
  it('is off without the key, on for 1 or true, off for 0', () => {
    expect(parsePageParams('')).toEqual({ present: false, hidden: [], problems: [] });
    expect(parsePageParams('?shots=5').present).toBe(false);
    expect(parsePageParams('?present=1').present).toBe(true);
    expect(parsePageParams('?present=true').present).toBe(true);
    expect(parsePageParams('?present=TRUE').present).toBe(true);
    expect(parsePageParams('?present=0')).toEqual({ present: false, hidden: [], problems: [] });
    expect(parsePageParams('?present=false').problems).toEqual([]);
  });

  it('reads the hash too, and the hash wins over the query; the last repeat wins', () => {
    expect(parsePageParams('', '#present=1').present).toBe(true);
    expect(parsePageParams('?present=1', '#present=0').present).toBe(false);
    expect(parsePageParams('?present=0&present=1').present).toBe(true);
  });

  it('turns anything else into a notice, and leaves classroom mode off', () => {
    const { present, problems } = parsePageParams('?present=yes');
    expect(present).toBe(false);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.key).toBe('present');
    expect(problems[0]!.message).toContain('"yes"');
    expect(problems[0]!.message).toContain('present=1');
  });

  it('quotes a long or strange value briefly, on one line', () => {
    const long = 'x'.repeat(100_000);
    const { present, problems } = parsePageParams(`?present=${long}`);
    expect(present).toBe(false);
    expect(problems[0]!.message.length).toBeLessThan(200);
    const odd = parsePageParams('?present=%0A%3Cscript%3E');
    expect(odd.present).toBe(false);
    expect(odd.problems[0]!.message).not.toContain('\n');
    expect(odd.problems[0]!.message).toContain('<script>');
  });
});

describe('parsePageParams: hide', () => {
  it('reads a comma list of known names, in the declared order, without repeats', () => {
    const { hidden, problems } = parsePageParams('?hide=tabs,settings,tabs,%20presets%20,,');
    expect(hidden).toEqual(['settings', 'presets', 'tabs']);
    expect(problems).toEqual([]);
    expect(parsePageParams('?hide=SETTINGS').hidden).toEqual(['settings']);
    expect(parsePageParams('?hide=').hidden).toEqual([]);
    expect(parsePageParams('?hide=').problems).toEqual([]);
  });

  it('decodes the list as a link does', () => {
    expect(parsePageParams('?hide=settings%2Cheader').hidden).toEqual(['header', 'settings']);
    expect(parsePageParams('', '#hide=status').hidden).toEqual(['status']);
    expect(parsePageParams('?hide=status', '#hide=help').hidden).toEqual(['help']);
  });

  it('applies the known names and lists the allowed ones for unknown names', () => {
    const { hidden, problems } = parsePageParams('?hide=settings,bogus,Other');
    expect(hidden).toEqual(['settings']);
    expect(problems).toHaveLength(1);
    const message = problems[0]!.message;
    expect(message).toContain('"bogus"');
    expect(message).toContain('"other"');
    expect(message).toContain('the other names are hidden');
    for (const name of HIDE_NAMES) expect(message).toContain(name);
  });

  it('says nothing is hidden when no name is known', () => {
    const { hidden, problems } = parsePageParams('?hide=nope');
    expect(hidden).toEqual([]);
    expect(problems[0]!.message).toContain('nothing else is hidden');
  });

  it('is not fooled by names of object properties', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      const { hidden, problems } = parsePageParams(`?hide=${name},status`);
      expect(hidden).toEqual(['status']);
      expect(problems).toHaveLength(1);
    }
    expect(parsePageParams('?__proto__=1&present=1').present).toBe(true);
  });

  it('bounds what it reads and quotes from hostile input', () => {
    const tooLong = parsePageParams(`?hide=${'settings,'.repeat(200)}`);
    expect(tooLong.hidden).toEqual([]);
    expect(tooLong.problems[0]!.message).toContain(`more than ${MAX_HIDE_LENGTH}`);

    const many = Array.from({ length: 60 }, (_, index) => `x${index}`).join(',');
    const { hidden, problems } = parsePageParams(`?hide=${many},header`);
    expect(hidden).toEqual(['header']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('and 55 more');
    expect(problems[0]!.message.length).toBeLessThan(600);

    const longName = parsePageParams(`?hide=${'a'.repeat(500)}`);
    expect(longName.problems[0]!.message).toContain('…');
    expect(longName.problems[0]!.message.length).toBeLessThan(600);

    const repeated = parsePageParams(`?hide=${'status,'.repeat(100)}`);
    expect(repeated.hidden).toEqual(['status']);
    expect(repeated.problems).toEqual([]);

    // Broken percent-encoding is read literally, never thrown on.
    expect(() => parsePageParams('?hide=%E0%A4%A&present=%')).not.toThrow();
    expect(parsePageParams('?hide=%E0%A4%A').hidden).toEqual([]);
  });
});

describe('link page keys', () => {
  it('a classroom link has present=1, the hidden names and the lesson', () => {
    expect(classroomQuery(null, [])).toBe('present=1');
    expect(classroomQuery('3', ['settings', 'tabs'])).toBe('lesson=3&present=1&hide=settings,tabs');
  });

  it('a lesson link has the lesson only, or nothing', () => {
    expect(lessonQuery(null)).toBe('');
    expect(lessonQuery('4')).toBe('lesson=4');
    expect(lessonQuery('a&b')).toBe('lesson=a%26b');
  });
});
