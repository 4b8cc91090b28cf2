// The settings form and the API: the posted form as the PATCH /api/tenant body, and where the form
// shows each field's sentence from the API (ADR 029), API field paths as the form's input names.
// Apart from the route so it can be tested without the page.
import { formNumber, fractionOf } from './form-values';

/** The tenant form's input for an API field path (`settings.serviceLevels.AX` → `sl_AX`): where its sentence is shown. */
export function tenantFormField(path: string): string {
  const level = /^settings\.serviceLevels\.(\w+)$/.exec(path);
  if (level) return `sl_${level[1]}`;
  const oidc = /^oidc\.(\w+)$/.exec(path);
  if (oidc) return `oidc${oidc[1][0].toUpperCase()}${oidc[1].slice(1)}`;
  return path.replace(/^settings\.(actions\.)?/, '');
}

/** The posted tenant form's field sentences by input name. */
export const tenantFieldErrors = (fields: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(fields ?? {}).map(([path, said]) => [tenantFormField(path), said]));

/**
 * The tenant form as the API's PATCH /api/tenant body. A field the form shows is always sent, as
 * posted: a cleared name is "" and a cleared number null, which the API refuses naming the field
 * (leaving them out would keep the old value and let the page say "saved"). A field the form does
 * not post (not shown to the user) is left out and keeps its value.
 */
export function tenantPatch(form: FormData) {
  const s = (k: string) => String(form.get(k) ?? '').trim();
  const shown = (k: string) => form.has(k);
  // From entries, not assignment: a posted `sl___proto__` must stay a key the API refuses, not set a prototype.
  const levels = Object.fromEntries(
    [...form.entries()].filter(([k]) => k.startsWith('sl_')).map(([k, v]) => [k.slice(3), fractionOf(formNumber(v))]),
  );
  // The OIDC fields are one setting: any of them filled (the role claim is always prefilled) sends them all.
  const oidcUsed = ['oidcIssuer', 'oidcJwksUrl', 'oidcAudience', 'oidcClientId', 'oidcClientSecret'].some((k) => s(k) !== '');
  const oidc =
    form.get('oidcRemove') === 'on'
      ? null
      : oidcUsed
        ? {
            issuer: s('oidcIssuer'),
            jwksUrl: s('oidcJwksUrl'),
            audience: s('oidcAudience'),
            roleClaim: s('oidcRoleClaim') || 'role',
            ...(s('oidcClientId') ? { clientId: s('oidcClientId') } : {}),
            // Blank keeps the stored secret: it is never sent back to the page.
            ...(String(form.get('oidcClientSecret') ?? '') ? { clientSecret: String(form.get('oidcClientSecret')) } : {}),
          }
        : undefined;
  const actions = {
    ...(shown('approvalThreshold') ? { approvalThreshold: formNumber(form.get('approvalThreshold')) } : {}),
    ...(shown('maxDiscount') ? { maxDiscount: fractionOf(formNumber(form.get('maxDiscount'))) } : {}),
  };
  return {
    ...(shown('name') ? { name: s('name') } : {}),
    ...(shown('timeZone') ? { timeZone: s('timeZone') } : {}),
    ...(shown('currency') ? { currency: s('currency').toUpperCase() } : {}),
    settings: {
      serviceLevels: levels,
      ...(s('holidayCalendar') ? { holidayCalendar: s('holidayCalendar') } : {}),
      ...(Object.keys(actions).length ? { actions } : {}),
    },
    ...(oidc !== undefined ? { oidc } : {}),
  };
}
