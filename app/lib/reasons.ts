/**
 * A bulk decision's refusal reasons for one notice: each distinct reason once, in the order met,
 * the first five joined by " · ", then how many more ("(+2)"). Blank reasons are left out.
 */
export function distinctReasons(reasons: string[], shown = 5): string {
  const distinct = [...new Set(reasons.filter(Boolean))];
  return distinct.slice(0, shown).join(' · ') + (distinct.length > shown ? ` (+${distinct.length - shown})` : '');
}
