// Where the settings form shows each field's sentence from the API (ADR 029): API field paths
// as the form's input names. Apart from the route so it can be tested without the page.

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
