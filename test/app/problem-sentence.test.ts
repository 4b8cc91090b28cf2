// The sentence a form shows for an API problem is in the page's language (ADR 029): on a Korean
// page the API's Korean (`detailKo`, each field's `messageKo` and label), on an English page the
// English; each field's own sentence is kept by its field path so the form can show it beside the
// field. A problem without Korean falls back to the English rather than to nothing.
import { describe, expect, it } from 'vitest';
import { ApiProblem, fieldSentences, problemSentence, type ProblemBody } from '../../app/lib/problem.server';
import { tenantFieldErrors, tenantFormField } from '../../app/lib/settings-fields';

/** A service level of 1.5, as PATCH /api/tenant answers it. */
const serviceLevel: ProblemBody = {
  type: 'https://lotwise.dev/problems/validation',
  title: 'Unprocessable Content',
  status: 422,
  detail: 'Request body is invalid.',
  detailKo: '요청 내용이 올바르지 않습니다.',
  errors: [
    {
      path: 'settings.serviceLevels.AX',
      field: 'settings.serviceLevels.AX',
      label: 'Service level AX',
      labelKo: 'AX 등급 서비스 수준',
      code: 'too_big',
      message: 'Service level AX must be at most 99.99%.',
      messageKo: 'AX 등급 서비스 수준은 99.99% 이하여야 합니다.',
      limit: { max: 0.9999, unit: 'percent' },
    },
  ],
};

/** A movement of -3 units with a custom date message and no label on the date. */
const movement: ProblemBody = {
  status: 422,
  detail: 'Request body is invalid.',
  detailKo: '요청 내용이 올바르지 않습니다.',
  errors: [
    {
      field: 'quantity',
      label: 'Quantity',
      labelKo: '수량',
      code: 'too_small',
      message: 'Quantity must be greater than 0.',
      messageKo: '수량은 0보다 커야 합니다.',
    },
    { field: 'quantity', message: 'A second problem of the same field.', messageKo: '같은 항목의 두 번째 문제.' },
    {
      field: 'expirationDate',
      label: 'Expiration date',
      labelKo: '유통기한',
      code: 'invalid_date',
      message: 'Use a real date as yyyy-mm-dd.',
      messageKo: '실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.',
    },
  ],
};

describe('problemSentence picks the page language', () => {
  it('says the Korean detail and field sentence on a Korean page, without repeating the label', () => {
    expect(problemSentence(new ApiProblem(422, serviceLevel, 'ko'))).toBe(
      '요청 내용이 올바르지 않습니다. (AX 등급 서비스 수준은 99.99% 이하여야 합니다.)',
    );
  });

  it('says the English on an English page', () => {
    expect(problemSentence(new ApiProblem(422, serviceLevel, 'en'))).toBe(
      'Request body is invalid. (Service level AX must be at most 99.99%.)',
    );
  });

  it('names the field by its label in the page language when the sentence does not', () => {
    const date = { ...movement, errors: [movement.errors![2]] };
    expect(problemSentence(new ApiProblem(422, date, 'ko'))).toBe(
      '요청 내용이 올바르지 않습니다. (유통기한: 실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.)',
    );
    expect(problemSentence(new ApiProblem(422, date, 'en'))).toBe(
      'Request body is invalid. (Expiration date: Use a real date as yyyy-mm-dd.)',
    );
  });

  it('never names a field by its JSON key on a Korean page (a new lot refused for its expiry)', () => {
    // As the API answered before field errors thrown by the ledger carried labels.
    const unlabelled: ProblemBody = {
      status: 422,
      detail: 'The new lot is invalid.',
      detailKo: '새 로트가 올바르지 않습니다.',
      errors: [
        {
          path: 'expirationDate',
          field: 'expirationDate',
          message: 'Expiration must be after receipt.',
          messageKo: '유통기한은 입고일보다 뒤여야 합니다.',
        },
      ],
    };
    expect(problemSentence(new ApiProblem(422, unlabelled, 'ko'))).toBe(
      '새 로트가 올바르지 않습니다. (유통기한은 입고일보다 뒤여야 합니다.)',
    );
    const lot: ProblemBody = {
      status: 422,
      detail: 'Unknown lot.',
      detailKo: '알 수 없는 로트입니다.',
      errors: [
        {
          path: 'lotId',
          field: 'lotId',
          label: 'Lot',
          labelKo: '로트',
          message: 'Lot "X" of RAM-001 does not exist.',
          messageKo: 'RAM-001 로트 "X"가 없습니다.',
        },
      ],
    };
    expect(problemSentence(new ApiProblem(422, lot, 'ko'))).toBe('알 수 없는 로트입니다. (RAM-001 로트 "X"가 없습니다.)');
    expect(problemSentence(new ApiProblem(422, { ...lot, errors: [{ ...lot.errors![0], messageKo: '없습니다.' }] }, 'ko'))).toBe(
      '알 수 없는 로트입니다. (로트: 없습니다.)',
    );
    // English pages still name an unlabelled field by its path.
    expect(problemSentence(new ApiProblem(422, unlabelled, 'en'))).toBe(
      'The new lot is invalid. (expirationDate: Expiration must be after receipt.)',
    );
  });

  it('falls back to the English when the API sent no Korean', () => {
    const conflict: ProblemBody = { status: 409, detail: 'Something new the API says.' };
    expect(problemSentence(new ApiProblem(409, conflict, 'ko'))).toBe('Something new the API says.');
    const refused: ProblemBody = {
      status: 409,
      detail: 'This movement has already been reversed.',
      detailKo: '이 재고 이동은 이미 취소되었습니다.',
    };
    expect(problemSentence(new ApiProblem(409, refused, 'ko'))).toBe('이 재고 이동은 이미 취소되었습니다.');
  });
});

describe('fieldSentences keeps each field’s sentence for the form', () => {
  it('in Korean on a Korean page, the first problem of a field winning', () => {
    expect(fieldSentences(new ApiProblem(422, movement, 'ko'))).toEqual({
      quantity: '수량은 0보다 커야 합니다.',
      expirationDate: '실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.',
    });
  });

  it('in English on an English page; an error with only a path is keyed by it', () => {
    const old: ProblemBody = { status: 422, errors: [{ path: 'reason', message: 'Say why.' }] };
    expect(fieldSentences(new ApiProblem(422, movement, 'en')).quantity).toBe('Quantity must be greater than 0.');
    expect(fieldSentences(new ApiProblem(422, old, 'ko'))).toEqual({ reason: 'Say why.' });
  });

  it('the settings form places API paths on its inputs', () => {
    expect(tenantFormField('settings.serviceLevels.AX')).toBe('sl_AX');
    expect(tenantFormField('settings.actions.maxDiscount')).toBe('maxDiscount');
    expect(tenantFormField('settings.holidayCalendar')).toBe('holidayCalendar');
    expect(tenantFormField('oidc.jwksUrl')).toBe('oidcJwksUrl');
    expect(tenantFormField('timeZone')).toBe('timeZone');
    expect(tenantFieldErrors({ 'settings.serviceLevels.AX': '너무 큽니다.' })).toEqual({ sl_AX: '너무 큽니다.' });
  });
});
