import type { Topic } from '../../src/domain/topic.js';

/** A small pack in the shape of config/topics/*.yaml, for tests that must not depend on the shipped pack. */
export function createTestTopic(overrides: Partial<Topic> = {}): Topic {
  return {
    id: 'ukraine-peace-talks',
    name: 'Russia–Ukraine peace talks',
    description: 'test pack',
    actors: [
      { id: 'witkoff', name: 'Steve Witkoff', side: 'us', role: 'envoy', aliases: ['Witkoff', 'Уиткофф*', 'Віткофф*'] },
      { id: 'dmitriev', name: 'Kirill Dmitriev', side: 'russia', role: 'negotiator', aliases: ['Dmitriev', 'Дмитриев*'] },
      { id: 'umerov', name: 'Rustem Umerov', side: 'ukraine', role: 'negotiator', aliases: ['Umerov', 'Умеров*', 'Умєров*'] },
      { id: 'zelensky', name: 'Volodymyr Zelensky', side: 'ukraine', role: 'leader', aliases: ['Zelensky', 'Зеленськ*'] },
      { id: 'putin', name: 'Vladimir Putin', side: 'russia', role: 'leader', aliases: ['Putin', 'Путин*'] },
      { id: 'rubio', name: 'Marco Rubio', side: 'us', role: 'official', aliases: ['Rubio'] },
    ],
    places: [
      { id: 'miami', name: 'Miami', aliases: ['Miami', 'Майами', 'Маямі'] },
      { id: 'geneva', name: 'Geneva', aliases: ['Geneva', 'Ginevra'] },
    ],
    subjects: [
      {
        id: 'ceasefire',
        name: 'ceasefire',
        terms: { en: ['ceasefire', 'truce'], fr: ['cessez-le-feu'], ru: ['перемири*'], uk: ['перемир*'] },
      },
      { id: 'peace-talks', name: 'peace talks', terms: { en: ['peace talks', 'peace plan'], fr: ['pourparlers'] } },
      { id: 'negotiations', name: 'negotiations', weight: 1, terms: { en: ['talks', 'negotiations'] } },
    ],
    context: { en: ['Ukrain*', 'Russia*', 'Kremlin', 'Kyiv'], fr: ['Kiev', 'Moscou'], ru: ['Украин*'], uk: ['Україн*'] },
    counter: { en: ['Gaza', 'Hamas', 'Israel*', 'Lebanon', 'Sudan'] },
    ...overrides,
  };
}
