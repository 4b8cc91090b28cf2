// A form's number fields reach the API as what was posted: a cleared field is null (the API says
// "… cannot be empty."), 1e309 a number too large (the API says "… is too large."), text stays text
// ("… must be a number."). Never `Number()`'s 0, NaN or Infinity turned into JSON null, which the
// settings form then left out and the page called saved.
import { describe, expect, it } from 'vitest';
import { apiJson, formNumber } from '../../app/lib/form-values';
import { tenantPatch } from '../../app/lib/settings-fields';
import { receiptLines } from '../../app/lib/receipt-form';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
/** The body as the API reads it: through the web app's JSON and the API's JSON.parse. */
const sent = (body: unknown) => JSON.parse(apiJson(body));

describe('a number field', () => {
  it('is null when blank, the number when it reads as one, the text when it does not', () => {
    expect(formNumber('')).toBeNull();
    expect(formNumber('   ')).toBeNull();
    expect(formNumber(null)).toBeNull();
    expect(formNumber(' 12.5 ')).toBe(12.5);
    expect(formNumber('1e309')).toBe(Infinity);
    expect(formNumber('-1e309')).toBe(-Infinity);
    expect(formNumber('12abc')).toBe('12abc');
  });

  it('travels as ±1e999 when infinite, so the API reads Infinity (never null)', () => {
    expect(apiJson({ a: Infinity, b: -Infinity, c: 1.5, d: null, e: 'x' })).toBe('{"a":1e999,"b":-1e999,"c":1.5,"d":null,"e":"x"}');
    expect(sent({ settings: { actions: { approvalThreshold: Infinity } } })).toEqual({
      settings: { actions: { approvalThreshold: Infinity } },
    });
    expect(sent({ reason: 'infinite: 1e309' })).toEqual({ reason: 'infinite: 1e309' });
  });
});

describe('the settings form', () => {
  const shown = {
    intent: 'tenant',
    name: 'Demo Foods',
    timeZone: 'Asia/Seoul',
    currency: 'krw',
    approvalThreshold: '10000',
    maxDiscount: '50',
    holidayCalendar: 'korea',
    sl_AX: '97.5',
    oidcRoleClaim: 'role',
  };

  it('sends what the form shows, percentages as fractions, and no OIDC when none is filled in', () => {
    expect(sent(tenantPatch(form(shown)))).toEqual({
      name: 'Demo Foods',
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      settings: { serviceLevels: { AX: 0.975 }, holidayCalendar: 'korea', actions: { approvalThreshold: 10000, maxDiscount: 0.5 } },
    });
  });

  it('sends a cleared name as blank and cleared numbers as null, for the API to refuse by name', () => {
    const body = sent(tenantPatch(form({ ...shown, name: '  ', approvalThreshold: '', maxDiscount: '', sl_AX: '' })));
    expect(body.name).toBe('');
    expect(body.settings.actions).toEqual({ approvalThreshold: null, maxDiscount: null });
    expect(body.settings.serviceLevels).toEqual({ AX: null });
  });

  it('sends 1e309 as a number too large, not as null', () => {
    const body = sent(tenantPatch(form({ ...shown, approvalThreshold: '1e309', sl_AX: '1e309' })));
    expect(body.settings.actions.approvalThreshold).toBe(Infinity);
    expect(body.settings.serviceLevels.AX).toBe(Infinity);
  });

  it('leaves out only fields the form did not post, and sends a calendar it does not know for the API to refuse', () => {
    const body = sent(tenantPatch(form({ intent: 'tenant', holidayCalendar: 'mars' })));
    expect(body).toEqual({ settings: { serviceLevels: {}, holidayCalendar: 'mars' } });
  });

  it('sends the OIDC fields when one is filled in, a cleared issuer as blank', () => {
    const body = sent(tenantPatch(form({ ...shown, oidcIssuer: '', oidcJwksUrl: 'https://idp.example/jwks', oidcAudience: 'lotwise' })));
    expect(body.oidc).toEqual({ issuer: '', jwksUrl: 'https://idp.example/jwks', audience: 'lotwise', roleClaim: 'role' });
  });
});

describe('the receipt form', () => {
  it('leaves out blank and 0 quantities and sends any other quantity as posted', () => {
    const lines = receiptLines(
      form({
        sku_0: 'A',
        qty_0: '5',
        sku_1: 'B',
        qty_1: '',
        sku_2: 'C',
        qty_2: '0',
        sku_3: 'D',
        qty_3: 'abc',
        sku_4: 'E',
        qty_4: '1e309',
      }),
    );
    expect(sent(lines).map((l: { sku: string; quantity: unknown }) => [l.sku, l.quantity])).toEqual([
      ['A', 5],
      ['D', 'abc'],
      ['E', Infinity],
    ]);
  });
});
