import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyrillicByLetters, detectLanguage } from '../../src/relevance/detect-language.js';

interface CorpusItem {
  id: string;
  language: string;
  title: string;
  summary: string;
}

const corpus: CorpusItem[] = readFileSync(new URL('../fixtures/relevance/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as CorpusItem);

const lede = (item: CorpusItem): string => `${item.title}. ${item.summary}`;

describe('detectLanguage', () => {
  it.each([
    ['en', 'US envoy Witkoff says talks with Russia in Miami were productive and will continue next week'],
    ['fr', 'Ce week-end, une rencontre entre des représentants américains et russes pourrait avoir lieu à Miami'],
    ['de', 'Die Gespräche über einen Waffenstillstand in der Ukraine sollen nächste Woche in Berlin fortgesetzt werden'],
    ['es', 'Los negociadores de Estados Unidos y Rusia se reunirán en Miami para hablar del alto el fuego en Ucrania'],
    ['it', 'I negoziatori americani e russi si incontreranno a Miami per discutere del cessate il fuoco in Ucraina'],
    ['pl', 'Negocjatorzy z USA i Rosji spotkają się w Miami, aby rozmawiać o zawieszeniu broni na Ukrainie'],
    ['uk', 'Делегація України на чолі з Умєровим прибула до Маямі для переговорів зі спецпосланцем Віткоффом'],
    ['ru', 'Российская делегация во главе с Дмитриевым прибыла в Майами для переговоров с Уиткоффом и Кушнером'],
    ['pt', 'Os negociadores dos Estados Unidos e da Rússia vão se reunir em Miami para discutir um cessar-fogo na Ucrânia'],
    ['nl', 'De onderhandelaars van de Verenigde Staten en Rusland komen in Miami bijeen om over een staakt-het-vuren te praten'],
    ['tr', 'ABD ve Rusya heyetleri Ukrayna’da ateşkes için Miami’de bir araya gelecek, görüşmeler hafta sonu yapılacak'],
  ])('recognises %s in a lede', (language, text) => {
    expect(detectLanguage(text)).toEqual({ language, confidence: 'high' });
  });

  it.each([
    ['a Ukrainian headline by і/ї/є', 'Зустріч у Маямі: що відомо', 'uk'],
    ['a Russian headline by ы/э', 'Встреча в Майами: первые итоги', 'ru'],
    ['a Russian headline by и+я', 'Россия и США: встреча в Майами', 'ru'],
    ['a Belarusian headline by ў', 'Сустрэча ў Маямі', 'be'],
    ['a Serbian headline by ј/њ', 'Преговори у Мајамију почињу сутра', 'sr'],
  ])('settles %s', (_name, text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it.each([
    ['a Russian headline over a Ukrainian prior', 'Переговоры в Майами завершились без результата', 'uk', 'ru'],
    ['a Ukrainian headline over a Russian prior', 'Переговори в Маямі завершилися без результату', 'ru', 'uk'],
  ])('lets telltale letters beat the feed: %s', (_name, text, prior, language) => {
    expect(detectLanguage(text, prior).language).toBe(language);
  });

  it.each([
    ['a two-word English headline', 'Live updates', 'en'],
    ['a French rubric', 'EN DIRECT', 'fr'],
    ['a German rubric', 'Liveblog', 'de'],
    ['a short Latin headline', 'Trump sagt Gipfel ab', 'de'],
    ['a Cyrillic headline without telltale letters', 'Главное за день', 'ru'],
    ['the same headline from a Ukrainian feed', 'Головне за день', 'uk'],
  ])('returns the prior on %s', (_name, text, prior) => {
    expect(detectLanguage(text, prior)).toEqual({ language: prior, confidence: 'low' });
  });

  it.each([
    ['German', 'Auch ohne Einigung bei den Gesprächen', 'de'],
    ['Italian', 'Anche senza accordo, negoziati ancora aperti', 'it'],
    ['Polish', 'Świątek wygrała Wimbledon', 'pl'],
    ['Russian', 'Что известно о встрече и переговорах в Майами', 'ru'],
    ['Ukrainian', 'Що відомо про зустріч та переговори у Маямі', 'uk'],
  ])('lets function words and letters settle a short %s headline without a prior', (_name, text, language) => {
    expect(detectLanguage(text)).toEqual({ language, confidence: 'low' });
  });

  it('marks short text without a prior as low confidence', () => {
    expect(detectLanguage('Putin, Trump').confidence).toBe('low');
  });

  it('ignores a prior in another script than the text', () => {
    expect(detectLanguage('Переговоры в Майами завершились', 'en').language).toBe('ru');
  });

  it.each([
    ['Hebrew', 'השיחות במיאמי יימשכו בשבוע הבא', 'he'],
    ['Georgian', 'მოლაპარაკებები მაიამიში გაგრძელდება', 'ka'],
    ['Greek', 'Οι διαπραγματεύσεις στο Μαϊάμι θα συνεχιστούν την επόμενη εβδομάδα', 'el'],
  ])('names %s by its script', (_name, text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it.each([
    ['empty text without prior', '', undefined, undefined],
    ['digits only without prior', '2025 — 15:30', undefined, undefined],
    ['empty text with a prior', '', 'pl', 'pl'],
    ['a regional prior', '', 'pt-BR', 'pt'],
  ])('handles %s', (_name, text, prior, language) => {
    expect(detectLanguage(text, prior)).toEqual({ language, confidence: 'low' });
  });

  it('is right on ≥ 95% of the labelled corpus without a prior', () => {
    const correct = corpus.filter((item) => detectLanguage(lede(item)).language === item.language).length;
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(correct / corpus.length).toBeGreaterThanOrEqual(0.95);
  });

  it('is right on ≥ 98% of the labelled corpus with the feed language as prior', () => {
    const correct = corpus.filter((item) => detectLanguage(lede(item), item.language).language === item.language).length;
    expect(correct / corpus.length).toBeGreaterThanOrEqual(0.98);
  });

  it('knows every language of the corpus (24+), each right on most of its items without a prior', () => {
    const languages = [...new Set(corpus.map((item) => item.language))];
    expect(languages.length).toBeGreaterThanOrEqual(24);
    const weak = languages.filter((language) => {
      const items = corpus.filter((item) => item.language === language);
      return items.filter((item) => detectLanguage(lede(item)).language === language).length / items.length < 0.75;
    });
    expect(weak).toEqual([]);
  });

  it.each([
    ['Slovak', 'Rokovania o prímerí pokračujú v Miami tento týždeň s delegáciami oboch strán a s americkými vyslancami', 'sk'],
    ['Finnish', 'Neuvottelut tulitauosta jatkuvat Miamissa tällä viikolla, kertoi Ukrainan valtuuskunnan johtaja', 'fi'],
    ['Estonian', 'Läbirääkimised relvarahu üle jätkuvad sel nädalal Miamis, ütles Ukraina delegatsiooni juht', 'et'],
    ['Lithuanian', 'Derybos dėl paliaubų šią savaitę tęsiamos Majamyje, sakė Ukrainos delegacijos vadovas', 'lt'],
    ['Latvian', 'Sarunas par pamieru šonedēļ turpinās Maiami, paziņoja Ukrainas delegācijas vadītājs', 'lv'],
    ['Slovenian', 'Pogajanja o premirju se ta teden nadaljujejo v Miamiju, je povedal vodja ukrajinske delegacije', 'sl'],
    ['Greek', 'Συνεχίζονται οι συνομιλίες για εκεχειρία στο Μαϊάμι', 'el'],
    ['Persian', 'مذاکرات آتش‌بس این هفته در میامی ادامه دارد', 'fa'],
    ['Arabic', 'تستمر محادثات وقف إطلاق النار في ميامي هذا الأسبوع', 'ar'],
    ['Chinese', '停火谈判本周在迈阿密继续举行', 'zh'],
    ['Japanese', '停戦交渉は今週マイアミで続けられる', 'ja'],
    ['Korean', '휴전 협상이 이번 주 마이애미에서 계속된다', 'ko'],
    ['Hindi', 'युद्धविराम वार्ता इस सप्ताह मियामी में जारी रहेगी', 'hi'],
  ])('detects %s', (_name, text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('never confuses Ukrainian and Russian ledes in the corpus', () => {
    const slavic = corpus.filter((item) => item.language === 'uk' || item.language === 'ru');
    const wrong = slavic.filter((item) => detectLanguage(lede(item)).language !== item.language).map((item) => item.id);
    expect(wrong).toEqual([]);
  });
});

describe('cyrillicByLetters', () => {
  it.each([
    ['a Russian quote inside Ukrainian text', 'Він сказав: «Это неприемлемо», і пішов з переговорів у Києві', 'uk'],
    ['a Ukrainian place name inside Russian text', 'Делегаты обсудили судьбу Київа. Эти переговоры были трудными, и стороны не смогли договориться о перемирии.', 'ru'],
    ['no telltale letters', 'Путин на саммите', undefined],
  ])('weighs %s', (_name, text, language) => {
    expect(cyrillicByLetters(text)).toBe(language);
  });
});
