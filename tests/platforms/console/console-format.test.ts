import { describe, expect, it } from 'vitest';
import { formatAlertForConsole } from '../../../src/platforms/console/console-format.js';
import { createAlert, createArticle } from '../../builders/article.js';

describe('formatAlertForConsole', () => {
  it("shows the feed's source label on the source line", () => {
    const alert = createAlert({ article: createArticle({ source: 'RIA Novosti', language: 'ru', sourceLabel: { type: 'state-affiliated', country: 'ru' } }) });
    const [, sourceLine] = formatAlertForConsole(alert, { color: false, timeZone: 'UTC' }).split('\n');
    expect(sourceLine).toMatch(/^ {2}RIA Novosti · state-affiliated · ru · ru · /u);
  });
});
