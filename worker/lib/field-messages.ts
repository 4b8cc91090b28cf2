// A validation failure as a person reads it (ADR 029): each zod issue becomes a plain sentence in
// English and Korean that names the field by its label, with a stable `code` a client can branch
// on and the `limit` it broke (min/max, the allowed values, the expected format). Fractions a
// person sets as percentages (service levels, the deepest markdown) read as percentages. A message
// the schema itself wrote (`'Whole units only.'`, the key rule) is kept in English as written —
// it is already plain — and read into Korean from the table below or from its code.
import type { z } from 'zod';
import { CONTROL_MESSAGE, KEY_MESSAGE } from './keys';
import type { FieldError, FieldLimit } from './errors';
import { fieldLabel, type Label } from './field-labels';
import { josa } from './josa';

export type { FieldLimit };
export { fieldLabel } from './field-labels';

/** Fractions a person sets as percentages: their bounds read as percentages. */
const PERCENT_FIELDS = new Set(['maxDiscount']);
const isPercent = (path: string[]) => path.includes('serviceLevels') || PERCENT_FIELDS.has(path[path.length - 1] ?? '');

const topic = (w: string) => josa(w, '은/는');
const object = (w: string) => josa(w, '을/를');

/** A bound as a person reads it: 0.9999 of a percent field as "99.99%", large numbers grouped. */
const show = (n: number, percent: boolean) =>
  percent ? `${+(n * 100).toFixed(4)}%` : Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n);

/** The messages zod writes itself (its English locale); anything else was written by our schemas. */
const ZOD_DEFAULT = /^(Invalid |Too (big|small)|Unrecognized key|Expected |Required$|Number must|String must)/;

/** Messages our schemas write, with their code, limit and Korean. */
const OWN: Record<string, { code: string; ko: string; limit?: FieldLimit }> = {
  'Whole units only.': { code: 'not_whole', ko: '낱개 단위의 정수만 쓸 수 있습니다.' },
  'Use a real date as yyyy-mm-dd.': {
    code: 'invalid_date',
    ko: '실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.',
    limit: { format: 'yyyy-mm-dd' },
  },
  [KEY_MESSAGE]: {
    code: 'invalid_key',
    ko: '문자, 숫자, . _ - : # @와 공백만 쓰고 문자나 숫자로 시작하세요(최대 64자).',
    limit: { format: 'key', max: 64, unit: 'characters' },
  },
  [CONTROL_MESSAGE]: { code: 'control_characters', ko: '제어 문자가 들어 있습니다.' },
  'Use an IANA time zone name, such as America/New_York or UTC.': {
    code: 'invalid_time_zone',
    ko: 'Asia/Seoul 또는 UTC처럼 IANA 시간대 이름을 쓰세요.',
    limit: { format: 'IANA time zone' },
  },
  'Use an ISO 4217 currency code, such as USD, EUR or KRW.': {
    code: 'invalid_currency',
    ko: 'KRW, USD, EUR처럼 ISO 4217 통화 코드를 쓰세요.',
    limit: { format: 'ISO 4217' },
  },
  'The alert webhook must use https.': { code: 'not_https', ko: '알림 웹훅은 https 주소여야 합니다.', limit: { format: 'https URL' } },
  'An adjustment cannot be zero.': { code: 'zero', ko: '재고 조정 수량은 0일 수 없습니다.' },
  'Say why the rule is overridden.': { code: 'too_short', ko: '규칙을 예외로 하는 이유를 쓰세요.', limit: { min: 3, unit: 'characters' } },
  'Say why the stock is adjusted.': { code: 'too_short', ko: '재고를 조정하는 이유를 쓰세요.', limit: { min: 3, unit: 'characters' } },
  'Say why the stock is written off.': { code: 'too_short', ko: '재고를 폐기하는 이유를 쓰세요.', limit: { min: 3, unit: 'characters' } },
  'Say why.': { code: 'too_short', ko: '이유를 쓰세요.' },
  'An instant in UTC, e.g. 2026-12-02T18:05:00.000Z.': {
    code: 'invalid_instant',
    ko: '2026-12-02T18:05:00.000Z처럼 UTC 시각을 쓰세요.',
    limit: { format: 'yyyy-mm-ddThh:mm:ss.sssZ' },
  },
  'Not a real instant.': { code: 'invalid_instant', ko: '실제 시각이 아닙니다.' },
};

const TYPE_WORDS: Record<string, Label> = {
  number: ['a number', '숫자'],
  int: ['a whole number', '정수'],
  string: ['text', '문자열'],
  boolean: ['true or false', '참/거짓(true/false)'],
  object: ['an object', '객체'],
  array: ['a list', '목록'],
};

interface Sentence {
  code: string;
  en: string;
  ko: string;
  limit?: FieldLimit;
}

type Issue = z.core.$ZodIssue;

function sizeSentence(i: Issue & { code: 'too_big' | 'too_small' }, [en, ko]: Label, percent: boolean): Sentence {
  const big = i.code === 'too_big';
  const bound = Number(big ? (i as { maximum: number | bigint }).maximum : (i as { minimum: number | bigint }).minimum);
  const inclusive = i.inclusive !== false;
  const origin = (i as { origin?: string }).origin;
  const key = big ? 'max' : 'min';
  if (origin === 'string' || origin === 'array' || origin === 'set') {
    const unit = origin === 'string' ? 'characters' : 'items';
    const [wEn, wKo] = origin === 'string' ? ['characters', '자'] : ['items', '개'];
    if (!big && bound === 1 && origin === 'string')
      return { code: 'required', en: `${en} cannot be empty.`, ko: `${object(ko)} 입력하세요.`, limit: { min: 1, unit } };
    return {
      code: big ? 'too_long' : 'too_short',
      en: `${en} must have at ${big ? 'most' : 'least'} ${bound} ${wEn}.`,
      ko: `${topic(ko)} ${big ? '최대' : '최소'} ${big ? `${bound}${wKo}까지입니다` : `${josa(`${bound}${wKo}`, '이어야/여야')} 합니다`}.`,
      limit: { [key]: bound, unit },
    };
  }
  const b = show(bound, percent);
  const limit: FieldLimit = { [key]: bound, ...(inclusive ? {} : { inclusive: false }), ...(percent ? { unit: 'percent' } : {}) };
  if (big)
    return inclusive
      ? { code: 'too_big', en: `${en} must be at most ${b}.`, ko: `${topic(ko)} ${b} 이하여야 합니다.`, limit }
      : { code: 'too_big', en: `${en} must be less than ${b}.`, ko: `${topic(ko)} ${b}보다 작아야 합니다.`, limit };
  return inclusive
    ? { code: 'too_small', en: `${en} must be at least ${b}.`, ko: `${topic(ko)} ${b} 이상이어야 합니다.`, limit }
    : { code: 'too_small', en: `${en} must be greater than ${b}.`, ko: `${topic(ko)} ${b}보다 커야 합니다.`, limit };
}

function sentence(i: Issue, label: Label, percent: boolean): Sentence {
  const [en, ko] = label;
  switch (i.code) {
    case 'too_big':
    case 'too_small':
      return sizeSentence(i, label, percent);
    case 'invalid_type': {
      if (/received undefined$/.test(i.message))
        return { code: 'required', en: `${en} is required.`, ko: `${topic(ko)} 필수 항목입니다.`, limit: { expected: i.expected } };
      // null where a value is needed: a form field left blank (the web app sends a cleared field as null).
      if (/received null$/.test(i.message))
        return { code: 'required', en: `${en} cannot be empty.`, ko: `${object(ko)} 입력하세요.`, limit: { expected: i.expected } };
      // JSON allows 1e309, which reads as Infinity: a number too large for any limit, not "not a number".
      const received = (i as { received?: string }).received;
      if (i.expected === 'number' && (received === 'Infinity' || received === '-Infinity')) {
        const big = received === 'Infinity';
        return big
          ? { code: 'too_big', en: `${en} is too large.`, ko: `${topic(ko)} 너무 큽니다.`, limit: { expected: 'finite number' } }
          : { code: 'too_small', en: `${en} is too small.`, ko: `${topic(ko)} 너무 작습니다.`, limit: { expected: 'finite number' } };
      }
      const [wEn, wKo] = TYPE_WORDS[i.expected] ?? [i.expected, i.expected];
      const code = i.expected === 'int' ? 'not_whole' : 'invalid_type';
      return { code, en: `${en} must be ${wEn}.`, ko: `${topic(ko)} ${josa(wKo, '이어야/여야')} 합니다.`, limit: { expected: i.expected } };
    }
    case 'invalid_value': {
      const values = i.values.map(String);
      return {
        code: 'not_allowed',
        en: `${en} must be one of: ${values.join(', ')}.`,
        ko: `${topic(ko)} 다음 중 하나여야 합니다: ${values.join(', ')}.`,
        limit: { values },
      };
    }
    case 'invalid_union': {
      const options = (i as { options?: unknown[] }).options;
      if (options?.length) {
        const values = options.map(String);
        return {
          code: 'not_allowed',
          en: `${en} must be one of: ${values.join(', ')}.`,
          ko: `${topic(ko)} 다음 중 하나여야 합니다: ${values.join(', ')}.`,
          limit: { values },
        };
      }
      return { code: 'invalid', en: `${en} does not match any accepted shape.`, ko: `${topic(ko)} 받을 수 있는 형식이 아닙니다.` };
    }
    case 'invalid_format': {
      const format = i.format === 'regex' ? 'pattern' : i.format;
      if (format === 'url')
        return {
          code: 'invalid_url',
          en: `${en} must be a full URL (https://…).`,
          ko: `${topic(ko)} https://로 시작하는 전체 URL이어야 합니다.`,
          limit: { format },
        };
      if (format === 'email')
        return {
          code: 'invalid_email',
          en: `${en} must be an email address.`,
          ko: `${topic(ko)} 이메일 주소여야 합니다.`,
          limit: { format },
        };
      return {
        code: 'invalid_format',
        en: `${en} is not in the expected format (${format}).`,
        ko: `${topic(ko)} 형식(${format})에 맞지 않습니다.`,
        limit: { format },
      };
    }
    case 'not_multiple_of':
      return {
        code: 'not_multiple',
        en: `${en} must be a multiple of ${String(i.divisor)}.`,
        ko: `${topic(ko)} ${String(i.divisor)}의 배수여야 합니다.`,
        limit: { expected: `multiple of ${String(i.divisor)}` },
      };
    case 'unrecognized_keys':
      return { code: 'unknown_field', en: `Unknown field(s): ${i.keys.join(', ')}`, ko: `알 수 없는 항목: ${i.keys.join(', ')}` };
    default:
      return { code: 'invalid', en: `${en} is not valid.`, ko: `${ko} 값이 올바르지 않습니다.` };
  }
}

/** One zod issue as a field error: path (as before), field label, code, en and ko sentence, limit. */
export function fieldMessage(i: Issue): FieldError {
  const keys = i.code === 'unrecognized_keys' ? i.keys : undefined;
  const path = i.path.map(String).join('.') || keys?.join(',') || '';
  const label = fieldLabel(i.path as (string | number)[]);
  const percent = isPercent(i.path.map(String));
  const params = (i as { params?: { code?: string } }).params;
  const made = sentence(i, label, percent);
  const own = OWN[i.message];
  // A message the schema wrote is kept as written; its Korean from the table, else from its code.
  const custom = !ZOD_DEFAULT.test(i.message) && i.code !== 'unrecognized_keys';
  const code = params?.code ?? own?.code ?? (i.code === 'custom' ? 'invalid' : made.code);
  const limit = own?.limit ?? (i.code === 'custom' ? undefined : made.limit);
  return {
    path,
    field: path,
    label: label[0],
    labelKo: label[1],
    code,
    message: custom ? i.message : made.en,
    messageKo: custom && own ? own.ko : made.ko,
    ...(limit ? { limit } : {}),
  };
}

/** Every issue of a failed parse as field errors (see fieldMessage). */
export const fieldMessages = (issues: readonly Issue[]): FieldError[] => issues.map(fieldMessage);
