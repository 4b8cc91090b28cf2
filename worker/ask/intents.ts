// The intent grammar: each intent is recognised by weighted cue patterns over the canonical
// question (see text.ts). The best total wins when it clears a floor and beats the runner-up;
// entities found in the question add small, documented nudges (docs/ask.md).

export const INTENTS = [
  'fefo',
  'expiring',
  'stockouts',
  'reorders',
  'transfers_markdowns',
  'sku_customers',
  'overdue_customers',
  'capital_at_risk',
  'sku_summary',
  'sku_forecast',
  'pending_actions',
  'roi',
  'sku_status',
  'inbound',
] as const;
export type Intent = (typeof INTENTS)[number];

type Cue = [RegExp, number];

const GRAMMAR: Record<Intent, Cue[]> = {
  fefo: [
    [/\bfefo\b/, 3],
    [/\b(ships?|shipped|shipping|go(es)?|sent|send|pick(ed)?|used?|sells?) (out )?first\b/, 3],
    [/\bfirst (to )?(ship|go|pick|send|use)\b/, 3],
    [/\b(pick|picking|shipping|ship) (order|sequence|priority)\b/, 3],
    [/\bwhich lots?\b/, 1],
    [/\blots? (should|to|do|can) (we )?(ship|pick|send|use)\b/, 2],
    [/\b(oldest|earliest) lots?\b/, 2],
    [/\bshelf[ -]life rule\b/, 1],
  ],
  expiring: [
    [/\bexpir\w*\b/, 2.5],
    [/\bgo(es|ing)? (off|bad)\b/, 2.5],
    [/\bbest before\b/, 2.5],
    [/\bshort[ -]?dated\b/, 2.5],
    [/\bspoil\w*\b/, 2.5],
    [/\bout of date\b/, 2.5],
    [/\b(waste|wasted|write[ -]?offs?)\b/, 1.5],
    [/\bsell[ -]?by\b/, 2],
  ],
  stockouts: [
    [/\bstock ?outs?\b/, 3],
    [/\bstock out\b/, 3],
    [/\brun(s|ning)? (out|dry|short)\b/, 3],
    [/\bran out\b/, 3],
    [/\bout of stock\b/, 3],
    [/\bsells? out\b/, 2.5],
    [/\bshortages?\b/, 2.5],
    [/\bstockout\w*\b/, 3],
  ],
  reorders: [
    [/\bre-?order\w*\b/, 3],
    [/\b(replenish|restock)\w*\b/, 3],
    [/\bpurchase orders?\b/, 3],
    [/\b(what|which|how much) (should|do|must|shall|to) (we |i )?(order|buy|purchase)\b/, 3],
    [/\b(order|buy|purchase) (this|next) week\b/, 2],
    [/\bneed to (order|buy|purchase)\b/, 2.5],
    [/\b(order|purchase|buy)\b/, 0.6],
    [/\bwhy\b/, 0.3],
  ],
  transfers_markdowns: [
    [/\btransfer\w*\b/, 3],
    [/\bmark ?downs?\b/, 3],
    [/\bmarked down\b/, 3],
    [/\bdiscount\w*\b/, 2.5],
    [/\bmove stock between\b/, 2.5],
    [/\bpromot\w*\b/, 2],
    [/\bproposed\b/, 0.5],
  ],
  sku_customers: [
    [/\bwho (usually |normally |typically |regularly )?(buys|orders|purchases|bought|takes)\b/, 3],
    [/\bwhich (customers|clients|accounts|buyers) (usually |normally |regularly )?(buy|order|purchase|take)\w*\b/, 3],
    [/\b(customers|clients|buyers) (of|for)\b/, 2],
    [/\bhow often\b/, 2],
    [/\bbuy(ers|ing) (pattern|cadence|frequency)\b/, 2.5],
    [/\b(buyers|customers|clients)\b/, 0.8],
  ],
  overdue_customers: [
    [/\boverdue\b/, 3],
    [/\blate (customers|clients|accounts|orders)\b/, 2.5],
    [/\b(late|behind) (on|with) (their |its |the )?(re)?orders?\b/, 3],
    [/\b(needs?|due|due for) (another|a new|to|a) (re)?order\b/, 3],
    [/\bdue (for|to) (re)?order\b/, 3],
    [/\b(havent|have not|hasnt|has not|not) (re)?ordered\b/, 3],
    [/\bwho (should|must|do) (we|i) call\b/, 3],
    [/\blapsed\b/, 2.5],
    [/\bbehind (their|on their|on) (cadence|schedule|usual)\b/, 3],
    [/\border again\b/, 1.5],
  ],
  capital_at_risk: [
    [/\bcapital\b/, 2.5],
    [/\b(value|money|cash|dollars?|inventory value) at risk\b/, 2],
    [/\bat risk\b/, 1],
    [/\b(by|per|each|every) (warehouse|site|dc|location)\b/, 1],
    [/\btied up\b/, 2],
    [/\blocked up\b/, 2],
    [/\bexposure\b/, 2],
  ],
  sku_summary: [
    [/\bsummar(y|ise|ize)\b/, 3],
    [/\boverview\b/, 3],
    [/\bstatus\b/, 2],
    [/\bhow (is|are|s) .*(doing|looking|going)\b/, 2.5],
    [/\btell me about\b/, 2.5],
    [/\b(how much|how many)\b.*\b(on hand|in stock|do we have|left)\b/, 2.5],
    [/\b(on hand|stock level|inventory of|stock of)\b/, 1.5],
    // "Which products have more than 500 units in stock?", "SKUs with stock worth over $1,000".
    [/\b(in stock|stock worth|worth of stock)\b/, 1.5],
    [/\bdetails?\b/, 1.5],
  ],
  sku_forecast: [
    [/\bforecast\w*\b/, 3],
    [/\bpredict\w*\b/, 3],
    [/\b(expected|projected|future) (demand|sales)\b/, 3],
    [/\bhow (many|much) will (we|it|they)? ?(sell|move|ship)\b/, 3],
    [/\bdemand\b/, 1.5],
    [/\b(will|going to) sell\b/, 2],
  ],
  pending_actions: [
    [/\b(awaiting|waiting|pending|needs?|need|require|requiring) (for )?(my |an |the )?(approval|sign[ -]?off|review|decision)\b/, 3.5],
    [/\bapprov\w*\b/, 2],
    [/\b(open|pending) (actions|proposals|decisions|items)\b/, 3],
    [/\bactions?\b/, 1],
    [/\b(approval )?queue\b/, 1.5],
    [/\bproposals?\b/, 1],
  ],
  sku_status: [
    [/\b(critical|warning|healthy)\b/, 2.5],
    [/\b(which|what|list|show) (skus|products|items)\b/, 0.5],
  ],
  inbound: [
    [/\b(inbound|incoming|shipments?|deliveries|delivery|arrivals?|in transit)\b/, 2.5],
    [/\b(arriv\w*|due in|come in|coming in)\b/, 1.5],
    [/\b(shipments?|deliveries|inbound|arrivals?) (are |is |that are |running )?(late|overdue|delayed|behind)\b/, 3],
  ],
  roi: [
    [/\broi\b/, 3.5],
    [/\breturn on investment\b/, 3.5],
    [/\b(savings|saved|save|avoided|payback|paid off|pay off)\b/, 2],
    [/\b(what|how much) did (we|lotwise|it) (save|earn|gain)\b/, 2],
    [/\blast week\b/, 0.8],
  ],
};

/** Every word a cue can use: never taken for part of a product or customer name. */
export const CUE_WORDS = new Set(
  `fefo ship ships shipped shipping first go goes going sent send pick picked picking use used sell sells order sequence priority
  which lot lots should oldest earliest shelf life rule expire expires expiring expired expiry expiration off bad best before short dated
  spoil spoils spoiled spoiling spoilage out date waste wasted write writeoff writeoffs sell-by stock stockout stockouts run runs running dry ran
  shortage shortages reorder reorders reordering replenish restock purchase purchases buy buys bought why need transfer transfers markdown
  markdowns mark marked down discount discounts move between promote promotion promotions proposed who usually normally typically regularly
  orders takes take customers customer clients client accounts buyers buyer often how pattern cadence frequency overdue late due another new
  havent hasnt ordered call lapsed behind again capital value money cash dollars dollar risk warehouse warehouses site dc location tied locked
  exposure summary summarise summarize overview status doing looking tell about much many hand level inventory details detail forecast forecasts
  forecasting predict predicted prediction expected projected future demand will awaiting waiting pending approval approve approved approvals
  sign signoff review decision decisions open actions action proposals proposal queue roi return investment savings saved save avoided payback
  paid last week weeks day days month months quarter quarters year next this coming within in the a an of for to on at is are be by per each every
  what when where do does did we i me my our us show list give please left have has with from and or any all it its that these those there
  get let know see which been being should would could may might must shall than then so as if up get most least top sold selling
  critical warning healthy skus products items inbound incoming shipment shipments delivery deliveries arrival arrivals arrive arrives
  arriving transit delayed already written`.split(/\s+/),
);

export interface Classification {
  intent: Intent | null;
  score: number;
  runnerUp: { intent: Intent; score: number } | null;
}

export interface EntityHints {
  hasProduct: boolean;
  hasCustomer: boolean;
  hasWarehouse: boolean;
  hasDays: boolean;
}

const FLOOR = 1.5;

export function classify(text: string, hints: EntityHints): Classification {
  const scores = INTENTS.map((intent) => {
    let score = 0;
    for (const [re, w] of GRAMMAR[intent]) if (re.test(text)) score += w;
    // Nudges from what the question names (docs/ask.md, "How an intent is chosen").
    if (hints.hasProduct && ['fefo', 'sku_customers', 'sku_summary', 'sku_forecast'].includes(intent)) score += 0.5;
    if (hints.hasProduct && intent === 'sku_summary') score += 1;
    if (hints.hasDays && ['expiring', 'stockouts'].includes(intent)) score += 0.3;
    if (hints.hasWarehouse && intent === 'capital_at_risk') score += 0.3;
    if (hints.hasCustomer && ['fefo', 'overdue_customers'].includes(intent)) score += 0.5;
    return { intent, score };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (best.score < FLOOR || best.score === second.score) return { intent: null, score: best.score, runnerUp: best.score ? best : null };
  return { intent: best.intent, score: best.score, runnerUp: second.score > 0 ? second : null };
}
