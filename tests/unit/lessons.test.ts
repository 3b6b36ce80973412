import { describe, expect, it } from 'vitest';
import {
  checkCombinations,
  isBareLink,
  pageKeyValue,
  parseLink,
  toQuery,
} from '../../src/core/config';
import {
  LESSONS,
  citationText,
  lessonByNumber,
  lessonQuery,
  wordCount,
} from '../../src/core/lessons/lessons';
import {
  invalidLessonText,
  neighbourLesson,
  openingLinkText,
  readLessonParam,
} from '../../src/core/lessons/lessonParam';

describe('the lessons', () => {
  it('are numbered 1 to 9, in order', () => {
    expect(LESSONS.map((lesson) => lesson.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(LESSONS.map((lesson) => lesson.title)).size).toBe(LESSONS.length);
  });

  it('each have a link whose settings parse with no problems and no conflicts', () => {
    for (const lesson of LESSONS) {
      const query = lessonQuery(lesson);
      expect(isBareLink(query), `lesson ${lesson.number}`).toBe(false);
      const { config, problems } = parseLink(`?${query}`);
      expect(problems, `lesson ${lesson.number}`).toEqual([]);
      expect(checkCombinations(config).problems, `lesson ${lesson.number}`).toEqual([]);
      for (const [key, value] of Object.entries(lesson.settings)) {
        expect(config[key as keyof typeof config], `lesson ${lesson.number}: ${key}`).toEqual(
          value,
        );
      }
      // The full link written from those settings reads back the same.
      expect(toQuery(parseLink(`?${toQuery(config)}`).config)).toBe(toQuery(config));
    }
  });

  it('are short runs', () => {
    for (const lesson of LESSONS) {
      const { config } = parseLink(`?${lessonQuery(lesson)}`);
      expect(config.iterations, `lesson ${lesson.number}`).toBeLessThanOrEqual(3000);
      expect(config.evalTasks, `lesson ${lesson.number}`).toBeLessThanOrEqual(200);
    }
  });

  it('say what to do in at most 130 words, ask one question and cite a paper', () => {
    for (const lesson of LESSONS) {
      const name = `lesson ${lesson.number}`;
      expect(wordCount(lesson.text), name).toBeLessThanOrEqual(130);
      expect(wordCount(lesson.text), name).toBeGreaterThan(20);
      expect(lesson.question.trim().endsWith('?'), name).toBe(true);
      expect(lesson.question.split('?').length - 1, name).toBe(1);
      expect(wordCount(lesson.answer), name).toBeGreaterThan(5);
      expect(lesson.cites.length, name).toBeGreaterThan(0);
      for (const citation of lesson.cites) {
        expect(citationText(citation), name).toMatch(/^[A-Z].* (19|20)\d\d$/);
        expect(citation.title.length, name).toBeGreaterThan(0);
      }
    }
  });

  it('counts words as a reader does', () => {
    expect(wordCount('One two, three — four.')).toBe(4);
    expect(wordCount('  ')).toBe(0);
  });
});

describe('the lesson key of a link', () => {
  it('names a lesson by its number, in the query or the hash (the hash wins)', () => {
    expect(readLessonParam('?lesson=3')).toEqual({ kind: 'lesson', lesson: lessonByNumber(3) });
    expect(readLessonParam('http://host/page/?shots=5&lesson=9&present=1')).toEqual({
      kind: 'lesson',
      lesson: lessonByNumber(9),
    });
    expect(readLessonParam('?lesson=2#lesson=4')).toEqual({
      kind: 'lesson',
      lesson: lessonByNumber(4),
    });
    expect(readLessonParam('#lesson=1')).toEqual({ kind: 'lesson', lesson: lessonByNumber(1) });
    expect(readLessonParam('?lesson=%205')).toEqual({ kind: 'lesson', lesson: lessonByNumber(5) });
  });

  it('is absent from links without it', () => {
    expect(readLessonParam('')).toEqual({ kind: 'none' });
    expect(readLessonParam('?shots=5&present=1')).toEqual({ kind: 'none' });
    expect(pageKeyValue('?lessons=3', 'lesson')).toBeNull();
    expect(pageKeyValue('?lesson', 'lesson')).toBe('');
  });

  it('reports values that name no lesson, quoting them briefly', () => {
    for (const bad of ['0', '10', '-1', '3.5', 'abc', '', '1e1', '0x3', '007a', '1,2']) {
      const param = readLessonParam(`?lesson=${encodeURIComponent(bad)}`);
      expect(param, bad).toEqual({ kind: 'invalid', given: bad });
    }
    const long = readLessonParam(`?lesson=${'9'.repeat(200)}`);
    expect(long.kind).toBe('invalid');
    if (long.kind === 'invalid') expect(long.given.length).toBeLessThanOrEqual(25);
    const hostile = readLessonParam('?lesson=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(hostile.kind).toBe('invalid');
    if (hostile.kind === 'invalid') {
      expect(invalidLessonText(hostile.given)).toContain('numbered 1 to 9');
    }
  });

  it('opens a bare lesson link with its settings, and any other link as it is', () => {
    const lesson = lessonByNumber(4)!;
    expect(openingLinkText('?lesson=4&present=1')).toBe(`?${lessonQuery(lesson)}`);
    expect(openingLinkText('http://host/#lesson=4')).toBe(`?${lessonQuery(lesson)}`);
    expect(openingLinkText('?lesson=4&shots=3')).toBe('?lesson=4&shots=3');
    expect(openingLinkText('?lesson=12')).toBe('?lesson=12');
  });

  it('moves along the path to the neighbours, and no further', () => {
    expect(neighbourLesson(lessonByNumber(1)!, -1)).toBeUndefined();
    expect(neighbourLesson(lessonByNumber(1)!, 1)?.number).toBe(2);
    expect(neighbourLesson(lessonByNumber(9)!, 1)).toBeUndefined();
    expect(neighbourLesson(lessonByNumber(9)!, -1)?.number).toBe(8);
  });
});
