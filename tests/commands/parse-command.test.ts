import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/commands/command-types.js';
import { readTarget } from '../../src/commands/command-target.js';
import { parseCommandText } from '../../src/commands/parse-command.js';
import { errorMessage } from '../../src/errors.js';

describe('parseCommandText', () => {
  it.each([
    ['', { name: 'help' }],
    ['   ', { name: 'help' }],
    ['help', { name: 'help' }],
    ['HELP', { name: 'help' }],
    ['list', { name: 'list' }],
    ['topics', { name: 'topics' }],
    ['status', { name: 'status' }],
    ['pause', { name: 'pause' }],
    ['resume', { name: 'resume' }],
    ['latest', { name: 'latest' }],
    ['latest 1', { name: 'latest', count: 1 }],
    ['latest 20', { name: 'latest', count: 20 }],
    ['subscribe ukraine-peace-talks', { name: 'subscribe', target: 'ukraine-peace-talks' }],
    ['sub ukraine-peace-talks min=0.6', { name: 'subscribe', target: 'ukraine-peace-talks', minScore: 0.6 }],
    ['subscribe min=0 ukraine-peace-talks', { name: 'subscribe', target: 'ukraine-peace-talks', minScore: 0 }],
    ['subscribe "security guarantees"', { name: 'subscribe', target: '"security guarantees"' }],
    ['subscribe “security guarantees” min=1', { name: 'subscribe', target: '"security guarantees"', minScore: 1 }],
    ['subscribe «Запорізька АЕС»', { name: 'subscribe', target: '"Запорізька АЕС"' }],
    ['subscribe ".*(a+)+$"', { name: 'subscribe', target: '".*(a+)+$"' }],
    ['subscribe "<!channel>"', { name: 'subscribe', target: '"<!channel>"' }],
    ['subscribe "Putin\'s plan"', { name: 'subscribe', target: '"Putin\'s plan"' }],
    ['unsubscribe ukraine-peace-talks', { name: 'unsubscribe', target: 'ukraine-peace-talks' }],
    ['unsub “ceasefire”', { name: 'unsubscribe', target: '"ceasefire"' }],
  ])('reads %j', (text, command) => {
    expect(parseCommandText(text)).toEqual(command);
  });

  it.each([
    ['an unknown subcommand', 'subscrib ukraine', /Unknown command `subscrib`/],
    ['subscribe without a target', 'subscribe', /Say what to subscribe to/],
    ['subscribe with only an option', 'subscribe min=0.5', /Say what to subscribe to/],
    ['an unquoted phrase', 'subscribe security guarantees', /Put a keyword phrase in quotes/],
    ['an unclosed quote', 'subscribe "security guarantees', /quote is not closed/],
    ['a min above 1', 'subscribe x min=1.5', /`min` must be a number from 0 to 1/],
    ['a negative min', 'subscribe x min=-0.1', /`min` must be a number/],
    ['a min that is not a number', 'subscribe x min=high', /`min` must be a number/],
    ['an empty min', 'subscribe x min=', /`min` must be a number/],
    ['min on unsubscribe', 'unsubscribe x min=0.5', /takes no `min=`/],
    ['latest 0', 'latest 0', /from 1 to 20/],
    ['latest 21', 'latest 21', /from 1 to 20/],
    ['latest with words', 'latest five', /from 1 to 20/],
    ['latest with two numbers', 'latest 2 3', /from 1 to 20/],
    ['arguments to list', 'list everything', /`list` takes no arguments/],
    ['a novel', `subscribe "${'x'.repeat(600)}"`, /too long/],
  ])('rejects %s with a UserError', (_name, text, message) => {
    const err = (() => {
      try {
        parseCommandText(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).toMatch(message);
  });
});

describe('readTarget', () => {
  it.each([
    ['ukraine-peace-talks', { kind: 'name', name: 'ukraine-peace-talks' }],
    ['"ceasefire"', { kind: 'keyword', phrase: 'ceasefire' }],
    ['  “security guarantees”  ', { kind: 'keyword', phrase: 'security guarantees' }],
    ['"', { kind: 'name', name: '"' }],
  ])('reads %j', (raw, target) => {
    expect(readTarget(raw)).toEqual(target);
  });
});

describe('user text that names a property of Object.prototype', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'])('answers %j as an unknown command', (text) => {
    expect(() => parseCommandText(text)).toThrow(UserError);
    expect(() => parseCommandText(text)).toThrow(/Unknown command/u);
  });
});
