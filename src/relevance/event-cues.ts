import type { EventKind } from '../domain/event-kind.js';

/**
 * Words that tell what kind of event a report is about, in the pack's languages, in the
 * topic-pack term syntax (whole words, folded; a trailing `*` makes a stem). A cue is
 * evidence a reader can check: the label's reason quotes it.
 */
export const KIND_CUES: Readonly<Record<EventKind, readonly string[]>> = {
  analysis: [
    'analysis', 'opinion', 'comment', 'explainer', 'editorial', 'what it means', 'what we know',
    'Analyse', 'Kommentar', 'Meinung', 'Einordnung', 'ein Anfang, mehr nicht',
    'analyse', 'éditorial', 'tribune', 'décryptage', 'premier pas',
    'análisis', 'opinión', 'analisi', 'commento', 'editoriale', 'analiza', 'komentarz', 'opinia', 'czy teatr',
    'анализ', 'мнение', 'колонка', 'разбор', 'ради переговоров', 'аналіз', 'думка', 'що показали',
    'analiz', 'yorum', 'analýza', 'komentář', 'elemzés', 'analyysi', 'kommentar',
  ],
  report: [
    'sources say', 'sources said', 'source says', 'according to sources', 'familiar with', 'officials briefed',
    'leaked', 'leak', 'draft', 'reportedly', 'report says', 'inside the',
    'aus Kreisen', 'Insider*', 'Entwurf', 'laut Bericht', 'selon des sources', 'selon nos informations', 'projet de',
    'según fuentes', 'borrador', 'secondo fonti', 'bozza', 'źródła', 'źródeł', 'według źródeł', 'projekt',
    'источник*', 'по данным', 'утечк*', 'проект', 'джерел*', 'за даними', 'проєкт',
    'kaynaklar*', 'taslak', 'zdroj*', 'források szerint', 'المصادر', 'مصادر', 'مسودة', 'מקורות', 'טיוטה',
    '消息人士', '草案', '関係者', '草案', '소식통', '초안',
  ],
  outcome: [
    'agree*', 'agreed', 'agreement', 'deal reached', 'signed', 'signs', 'sign', 'joint statement', 'declaration',
    'ended', 'end without', 'ends without', 'without breakthrough', 'no breakthrough', 'concluded', 'swap', 'exchanged',
    'Einigung', 'geeinigt', 'vereinbar*', 'unterzeichne*', 'ohne Durchbruch', 'zu Ende gegangen', 'Austausch',
    'accord', "s'accordent", 'signé', 'signent', "s'achèvent", 'sans percée', 'échange',
    'acuerdan', 'acuerdo', 'firman', 'terminan', 'sin avances', 'canje', 'intesa', 'accordo', 'firmato', 'si chiude', 'senza svolta', 'scambio',
    'porozumienie', 'uzgodni*', 'podpisa*', 'bez przełomu', 'wymiana', 'wymienią', 'wymiany',
    'договорились', 'договоренност*', 'соглашени*', 'подписали', 'завершились', 'завершилась', 'без прорыва', 'обмен*',
    'домовилися', 'домовленіст*', 'угод*', 'підписали', 'завершилися', 'обмін*', 'підсумки',
    'anlaştı', 'anlaşma', 'imzaladı', 'takas*', 'akkoord', 'ruilen', 'acertam', 'acordo', 'troca',
    'dohodli', 'dohoda', 'dohodu', 'skončil*', 'výměn*', 'výmen*', 'megállapod*', 'véget ért', 'csere*', 'au convenit', 'schimb',
    'dogovor*', 'razmjen*', 'razmen*', 'izmenjav*', 'završen*', 'bez proboja', 'brez dogovora', 'договор*', 'размен*', 'размяна', 'споразумение', 'приключи',
    'συμφωνία', 'ανταλλαγή', 'χωρίς συμφωνία', 'sopimu*', 'päättyi', 'vaihto*', 'enas', 'överenskommelse*', 'utväxling',
    'susitar*', 'vienoj*', 'apmaiņ*', 'kokkulep*', 'lõppes', 'vahetus*',
    'اتفاق', 'تتفقان', 'اتفقا', 'انتهاء', 'تبادل', 'הסכימו', 'הסכם', 'חילופי', 'توافق', 'پایان یافت',
    '达成', '同意', '协议', '交换', '未获突破', '合意', '交換', '至らず', '합의', '교환', '종료',
    'सहमत', 'समझौता', 'अदला-बदली', 'შეთანხმდ*', 'დასრულდ*', 'გაცვლ*', 'келісті', 'келісімсіз', 'аяқталды', 'алмас*',
  ],
  announced: [
    'will meet', 'to meet', 'will hold', 'to hold', 'set for', 'expected to', 'plans to', 'head to', 'heads to',
    'to travel', 'will travel', 'next round', 'next week', 'scheduled', 'announces', 'to visit',
    'wird', 'werden', 'reisen', 'reist', 'soll', 'sollen', 'geplant', 'kündigt', 'nächste Runde',
    'attendu*', 'se rendra', 'doit', 'prévu*', 'annonce', 'prochain',
    'anuncia', 'se reunirá', 'viajará', 'próxima', 'incontrerà', 'annuncia', 'prossimo',
    'spotka się', 'zapowiada', 'odbędzie się', 'przyjmie',
    'примет', 'встретится', 'проведет', 'планирует', 'ожидается', 'следующий раунд',
    'відбудеться', 'зустрінеться', 'наступний раунд', 'планує', 'прийме',
    'bejelentette', 'bude', 'donderdag', 'gaan',
    '予定', '예정', '将',
  ],
  held: [
    'met', 'meets', 'meet', 'meeting', 'hosts', 'hosted', 'held', 'hold talks', 'holds talks', 'began', 'begin', 'opens', 'under way',
    'receives', 'received', 'sat down', 'talks in',
    'trifft', 'traf', 'getroffen', 'verhandeln', 'begonnen', 'bei Putin', 'empfängt', 'empfing',
    'rencontre', 'a reçu', 'reçoit', 'se sont retrouvés', 'négociations à', 'premières négociations',
    'se reúne', 'recibe', 'celebran', 'se reunió', 'incontra', 'riceve', 'al via', 'negoziato a tre',
    'spotkał*', 'rozpoczęły', 'przyjął', 'rozmawiali', 'rozmowy w',
    'встретился', 'встреч*', 'провел', 'провели', 'начались', 'принял', 'проходят',
    'зустрівся', 'зустріч*', 'провів', 'провели', 'почалися', 'прийняв', 'тривають',
    'bir araya geldi', 'görüştü', 'samen aan tafel', 'reúnem-se', 'recebe',
    'začala', 'začali', 'jednali', 'sešel', 'ült le', 'tárgyalást folytatott', 'au început',
    'počeli', 'почели', 'začela', 'започнаха', 'прие', 'Ξεκίνησαν', 'Συνάντηση', 'aloittivat', 'tapasivat', 'möts',
    'prasidėjo', 'priėmė', 'sākušās', 'algasid', 'انطلاق', 'يلتقي', 'לראשונה', 'אירח', 'آغاز شد', 'دیدار',
    '举行', '会见', '始まる', '協議', '会談', '회담', '접견', 'शुरू', 'დაიწყო', 'შეხვდნენ', 'басталды',
  ],
  statement: [
    'says', 'said', 'warns', 'rejects', 'calls', 'confirms', 'dismisses', 'insists', 'denies',
    'sagt', 'bestätigt', 'warnt', 'fordert', 'kritisiert', 'spricht',
    'affirme', 'déclare', 'confirme', 'estime', 'salue',
    'afirma', 'asegura', 'confirma', 'conferma', 'dice',
    'powiedział', 'oświadczył', 'potwierdził',
    'заявил', 'подтвердил', 'назвал', 'считает', 'рассказал',
    'заявив', 'підтвердили', 'вважає', 'розповів',
  ],
};

/** Precedence when a headline carries cues of several kinds ("sources say a deal was agreed" is a report). */
export const KIND_PRECEDENCE: readonly EventKind[] = ['analysis', 'report', 'outcome', 'announced', 'held', 'statement'];

/** An agreement, said as such: with an exchange, a ceasefire or a deal it makes a flash. */
export const AGREEMENT_CUES: readonly string[] = [
  'agree*', 'agreed', 'signed', 'sign', 'declared', 'takes effect', 'halt strikes', 'swap', 'exchange',
  'vereinbar*', 'Einigung', 'unterzeichne*', 'keine Angriffe', 'Austausch',
  "s'accordent", 'accord sur', 'signé', 'échange', 'acuerdan', 'canje', 'firman', 'scambio', 'intesa', 'wymienią', 'wymiana',
  'договорились', 'подписали', 'обмен*', 'домовилися', 'підписали', 'обмін*', 'anlaştı', 'ruilen', 'acertam', 'troca',
  'dohodli', 'dohodl*', 'dogovoril*', 'dogovorile', 'megállapod*', 'au convenit', 'συμφωνία', 'enas', 'vienoj*', 'susitar*',
  'تتفقان', 'اتفقا', 'הסכימו', 'توافق کردند', '同意', '合意', '합의', 'सहमत', 'შეთანხმდ*', 'келісті',
];
/** Talks breaking down: a flash whatever else the report says. */
export const COLLAPSE_CUES: readonly string[] = [
  'collapse*', 'walks out', 'broke down', 'break down', 'breaks down', 'walk out', 'walked out', 'called off', 'suspended talks',
  'abgebrochen', 'gescheitert', 'abgesagt', 'rompent', 'annulé', 'suspendu', 'сорваны', 'сорвались', 'прерваны', 'зірвано', 'зірвалися', 'zerwane',
];
/** "Without agreement", "no breakthrough": the opposite of an agreement. */
export const NEGATION_CUES: readonly string[] = [
  'without', 'no deal', 'no agreement', 'no breakthrough', 'ohne', 'sans', 'sin', 'senza', 'bez', 'без', 'не достигли', 'nincs', 'χωρίς', 'دون', 'بدون', 'ללא', '未', '없이', 'बिना', 'გარეშე', 'келісімсіз', '至らず', '未达成', '未能', '못했',
];
