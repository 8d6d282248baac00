import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutraliseMentions } from '../../../src/platforms/discord/discord-escape.js';

const ZWSP = '\u200b';

describe('neutraliseMentions', () => {
  it.each([
    ['@everyone', `@${ZWSP}everyone`],
    ['hi @here now', `hi @${ZWSP}here now`],
    ['<@123456>', `<${ZWSP}@123456>`],
    ['<@!123456>', `<${ZWSP}@!123456>`],
    ['<@&987654>', `<${ZWSP}@&987654>`],
    ['<#555555>', `<${ZWSP}#555555>`],
    ['mail me at a@b.org', 'mail me at a@b.org'],
  ])('turns %j into %j', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['*bold* and _it_', '\\*bold\\* and \\_it\\_'],
    ['~~gone~~ `code` ||spoiler||', '\\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|'],
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['> quoted\n# heading\n- item\n-# small', '\\> quoted\n\\# heading\n\\- item\n\\-# small'],
    ['1. first', '1\\. first'],
    ['a > b # c - d', 'a > b # c - d'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
