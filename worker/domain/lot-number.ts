/**
 * The printed lot number of a lot's API id: the id itself, or the part before "~" of
 * "<lot>~<warehouse>~<sku>", the id a lot gets when part of it moves to a warehouse where its number
 * is taken (a lot number never holds "~", lib/formats KEY_PATTERN). The engine names lots by API id
 * (unique in the tenant); people read the number printed on the cases.
 */
export const lotNumberOf = (apiId: string): string => {
  const i = apiId.indexOf('~');
  return i < 0 ? apiId : apiId.slice(0, i);
};
