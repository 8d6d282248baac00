import { describe, expect, it } from 'vitest';
import { isBoilerplateSentence, stripBoilerplate } from '../../src/summarize/boilerplate.js';

describe('stripBoilerplate', () => {
  it.each([
    ['a WordPress footer', 'Talks resume in Geneva. The post Talks resume appeared first on Example News.', 'Talks resume in Geneva.'],
    ['"Read more" with its link text', 'Talks resume in Geneva. Read more: what we know about the plan', 'Talks resume in Geneva.'],
    ['"Continue reading"', 'Talks resume in Geneva. Continue reading…', 'Talks resume in Geneva.'],
    ['"Lire la suite"', 'Les discussions continuent. Lire la suite', 'Les discussions continuent.'],
    ['"Weiterlesen"', 'Die Gespräche gehen weiter. Weiterlesen', 'Die Gespräche gehen weiter.'],
    ['"Читать далее"', 'Переговоры продолжаются. Читать далее', 'Переговоры продолжаются.'],
    ['"Читати далі"', 'Переговори тривають. Читати далі →', 'Переговори тривають.'],
    ['"Czytaj więcej"', 'Rozmowy trwają. Czytaj więcej »', 'Rozmowy trwają.'],
    ['"Leggi anche" with a headline', 'I colloqui continuano. Leggi anche: Zelensky a Roma', 'I colloqui continuano.'],
    ['"Seguir leyendo"', 'Las conversaciones siguen. Seguir leyendo', 'Las conversaciones siguen.'],
    ['a truncation marker', 'Talks resume […]', 'Talks resume'],
    ['an API truncation marker', 'Talks resume in Geneva [+1432 chars]', 'Talks resume in Geneva'],
    ['a photo credit', 'Umerov arrived in Miami (Photo: Reuters/Gleb Garanich).', 'Umerov arrived in Miami.'],
    ['a Cyrillic photo credit', 'Умеров прибыл в Майами (Фото: ТАСС).', 'Умеров прибыл в Майами.'],
    ['an agency credit', '© AFP Talks resume in Geneva.', 'Talks resume in Geneva.'],
    ['a credit with the photographer', 'Talks resume. © Reuters/Gleb Garanich', 'Talks resume.'],
    ['an ad label between sentences', 'Talks resume. Advertisement Witkoff arrived.', 'Talks resume. Witkoff arrived.'],
  ])('strips %s', (_name, input, expected) => {
    expect(stripBoilerplate(input)).toBe(expected);
  });

  it.each([
    ['a sentence that merely mentions reading', 'Witkoff said he would read more of the plan before the meeting.'],
    ['a lower-case "подробнее" inside a sentence', 'Песков рассказал подробнее о встрече в Майами.'],
    ['advertising as a subject', 'The Advertisement Standards Authority ruled on Tuesday.'],
  ])('keeps %s', (_name, input) => {
    expect(stripBoilerplate(input)).toBe(input);
  });
});

describe('isBoilerplateSentence', () => {
  it.each([
    ['Subscribe to our newsletter.', true],
    ['Abonnez-vous à notre newsletter.', true],
    ['Підписуйтесь на наш Telegram.', true],
    ['Leggi anche: il piano di pace.', true],
    ['Photo: Reuters', true],
    ['Advertisement', true],
    ['Share this article', true],
    ['', true],
    ['Witkoff will share the plan with Dmitriev.', false],
    ['Subscribers to the plan include France.', false],
  ])('%j → %s', (sentence, expected) => {
    expect(isBoilerplateSentence(sentence)).toBe(expected);
  });
});
