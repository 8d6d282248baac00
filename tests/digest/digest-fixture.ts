import type { Alert } from '../../src/domain/alert.js';
import type { DeliveredAlert } from '../../src/digest/build-digest.js';
import { createAlert, createArticle } from '../builders/article.js';

export const PERIOD_END = Date.parse('2025-12-14T06:00:00Z');
const HOUR = 3_600_000;

interface Report {
  story: string;
  source: string;
  language: string;
  hoursBeforeEnd: number;
  title: string;
}

/** Three stories over seven days in five languages: Miami talks, a prisoner exchange, an energy truce. */
const REPORTS: Report[] = [
  { story: 's-miami', source: 'Reuters', language: 'en', hoursBeforeEnd: 150, title: 'Witkoff and Dmitriev meet in Miami' },
  { story: 's-miami', source: 'Le Monde', language: 'fr', hoursBeforeEnd: 149, title: 'Les émissaires à Miami' },
  { story: 's-miami', source: 'Українська правда', language: 'uk', hoursBeforeEnd: 148, title: 'Умєров прибув до Маямі' },
  { story: 's-miami', source: 'ТАСС', language: 'ru', hoursBeforeEnd: 125, title: 'Дмитриев: переговоры в Майами продолжатся' },
  { story: 's-miami', source: 'tagesschau', language: 'de', hoursBeforeEnd: 100, title: 'Gespräche in Miami gehen weiter' },
  { story: 's-miami', source: 'The Guardian', language: 'en', hoursBeforeEnd: 30, title: 'Miami talks: draft framework agreed' },
  { story: 's-pows', source: 'Ukrinform', language: 'uk', hoursBeforeEnd: 90, title: 'Обмін полоненими: 150 на 150' },
  { story: 's-pows', source: 'Интерфакс', language: 'ru', hoursBeforeEnd: 89, title: 'Россия и Украина провели обмен пленными' },
  { story: 's-pows', source: 'BBC News', language: 'en', hoursBeforeEnd: 80, title: 'Russia and Ukraine swap 300 prisoners' },
  { story: 's-energy', source: 'DW News', language: 'en', hoursBeforeEnd: 20, title: 'Energy truce proposal on the table' },
  { story: 's-energy', source: 'Le Figaro', language: 'fr', hoursBeforeEnd: 10, title: 'Trêve énergétique : Kyiv prudent' },
  { story: 's-energy', source: 'Коммерсантъ', language: 'ru', hoursBeforeEnd: 5, title: 'Энергетическое перемирие обсуждают в Женеве' },
  // Before the period: counted by neither the list nor the chart.
  { story: 's-old', source: 'Reuters', language: 'en', hoursBeforeEnd: 200, title: 'An older story' },
];

export function fixturePeriod(): DeliveredAlert[] {
  const reportedSoFar = new Map<string, Alert['reportedBy']>();
  return [...REPORTS]
    .sort((a, b) => b.hoursBeforeEnd - a.hoursBeforeEnd)
    .map((r, i) => {
      const id = `a${i}`;
      const url = `https://news.example/${id}`;
      const reportedBy = [...(reportedSoFar.get(r.story) ?? []), { articleId: id, source: r.source, url, language: r.language }];
      reportedSoFar.set(r.story, reportedBy);
      const isRoot = reportedBy.length === 1;
      const alert = createAlert({
        article: createArticle({ id, url, title: r.title, source: r.source, language: r.language }),
        language: r.language,
        storyId: r.story,
        kind: isRoot ? 'new' : 'update',
        reportedBy,
        createdAt: PERIOD_END - r.hoursBeforeEnd * HOUR,
      });
      return { alert, ref: { platform: 'slack', channelId: 'C0NEWS', messageId: `1765000000.${String(i).padStart(6, '0')}` }, postedAs: isRoot ? 'post' : 'reply' };
    });
}
