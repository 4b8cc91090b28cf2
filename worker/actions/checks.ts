// What an action needs to be executable, checked in one place: when it is proposed (so an approver
// never approves what execution will refuse) and again when it executes (stock may have changed in
// between). Each refusal says why in English and Korean (`detailKo`, each error's `messageKo`).
import { ProblemError, type FieldError } from '../lib/problem';
import { sameKey } from '../lib/keys';
import { sellableOn } from '../lib/dates';
import { fieldLabel } from '../lib/field-labels';
import { josa } from '../lib/josa';
import { ACTION_KIND_KO, ACTION_STATE_KO, codeKo } from '../domain/code-words';
import type { Db } from '../data/db';
import { openLotCommitments, productOf, type ActionRow, type ActionStateName, type LotCommitment } from '../data/actions.repo';
import { customerRule, findLotByKey, lotsNamed, productRules, warehouseCustomerRules, type LotRow } from '../data/movements.repo';
import { missingRefs } from '../data/refs.repo';
import { daysBetween } from '../domain/dates';
import { DEFAULT_PLAN_SETTINGS } from '../domain/plan';
import { daysNeeded } from '../domain/shelf-life';

/** The fields of an action its checks read (a new proposal's, or a stored action's). */
export type ActionTarget = Pick<ActionRow, 'kind' | 'sku' | 'quantity'> &
  Partial<Pick<ActionRow, 'lotId' | 'warehouse' | 'toWarehouse' | 'customerId'>>;

export interface CheckedAction {
  product: NonNullable<Awaited<ReturnType<typeof productOf>>>;
  /** The one lot the action names (all kinds but reorder). */
  lot?: LotRow;
  /** The action's (source) warehouse: the lot's, or the one named for a reorder. */
  warehouse: string | null;
}

type Error2 = FieldError & { messageKo: string };
const field = (path: string, value: unknown, message: string, messageKo: string): Error2 => ({
  path,
  ...(value === undefined || value === null ? {} : { value: String(value) }),
  message,
  messageKo,
});

/** A refusal of the action as it stands: 422 `action-not-executable`, with the reason in both languages. */
export const refused = (detail: string, detailKo: string, errors: Error2[]) =>
  new ProblemError(422, 'action-not-executable', detail, errors, { detailKo });

/** An action's kind as the pages name it (act.kind.*): "가격 인하", not `markdown`. */
const KIND_KO = ACTION_KIND_KO;

/**
 * Checks that `a` can execute today (`today`, the tenant's day) as the ledger and the effects in
 * execute.ts would run it, and returns what it names. Throws `refused(...)` naming the first
 * failing field(s). `at` execution, a markdown only needs units left in its lot.
 */
export async function checkAction(
  db: Db,
  tenantId: string,
  a: ActionTarget,
  today: string,
  at: 'proposal' | 'execution' = 'proposal',
): Promise<CheckedAction> {
  const errors: Error2[] = [];
  const refs = await missingRefs(db, tenantId, {
    sku: a.sku,
    ...(a.warehouse ? { warehouse: a.warehouse } : {}),
    ...(a.customerId ? { customerId: a.customerId } : {}),
  });
  if (a.toWarehouse)
    refs.push(...(await missingRefs(db, tenantId, { warehouse: a.toWarehouse })).map((e) => ({ ...e, path: 'toWarehouse' })));
  for (const e of refs)
    errors.push(
      field(
        e.path ?? '',
        e.value,
        e.message,
        `${e.value ?? ''}: 존재하지 않는 ${e.path === 'sku' ? 'SKU' : e.path === 'customerId' ? '고객' : '창고'}입니다.`,
      ),
    );
  if (errors.length) throw refused('The action names something that does not exist.', '작업에 존재하지 않는 항목이 있습니다.', errors);

  const product = (await productOf(db, tenantId, a.sku))!;
  if (product.archived)
    throw refused(
      `Product ${product.sku} is inactive (archived); no ${a.kind} can be made for it.`,
      `제품 ${josa(product.sku, '은/는')} 비활성(보관) 상태라 ${KIND_KO[a.kind]} 작업을 할 수 없습니다.`,
      [
        field(
          'sku',
          a.sku,
          `Product ${product.sku} is archived; restore it first.`,
          `제품 ${josa(product.sku, '은/는')} 보관 상태입니다. 먼저 복원하세요.`,
        ),
      ],
    );
  if (a.kind === 'reorder') return { product, warehouse: a.warehouse ?? null };

  if (!a.lotId)
    throw refused(`A ${a.kind} names a lot.`, `${KIND_KO[a.kind]} 작업에는 로트가 필요합니다.`, [
      field('lotId', null, 'Name the lot.', '로트를 지정하세요.'),
    ]);
  const named = await lotsNamed(db, tenantId, a.lotId, { sku: product.sku });
  // A lot's API id names one lot; it must still be of this SKU and in the warehouse named.
  const inWarehouse = named.filter((l) => sameKey(l.sku, product.sku) && (!a.warehouse || sameKey(l.warehouse, a.warehouse)));
  if (!inWarehouse.length) {
    const elsewhere = named.filter((l) => sameKey(l.sku, product.sku)).map((l) => l.warehouse);
    throw refused(
      a.warehouse && elsewhere.length ? `Lot ${a.lotId} is not in ${a.warehouse}.` : 'Unknown lot.',
      a.warehouse && elsewhere.length ? `로트 ${josa(a.lotId, '은/는')} ${a.warehouse} 창고에 없습니다.` : '존재하지 않는 로트입니다.',
      [
        a.warehouse && elsewhere.length
          ? field(
              'warehouse',
              a.warehouse,
              `Lot ${a.lotId} of ${product.sku} is stocked in ${elsewhere.join(', ')}, not in ${a.warehouse}.`,
              `${product.sku}의 로트 ${josa(a.lotId, '은/는')} ${josa(a.warehouse, '이/가')} 아니라 ${elsewhere.join(', ')}에 있습니다.`,
            )
          : field(
              'lotId',
              a.lotId,
              `Lot "${a.lotId}" of ${product.sku} does not exist${a.warehouse ? ` in ${a.warehouse}` : ''}.`,
              `${product.sku}의 로트 ${josa(`"${a.lotId}"`, '이/가')} ${a.warehouse ? `${a.warehouse} 창고에 ` : ''}없습니다.`,
            ),
      ],
    );
  }
  if (inWarehouse.length > 1)
    throw refused('Name the warehouse.', '창고를 지정하세요.', [
      field(
        'warehouse',
        '',
        `Lot ${a.lotId} of ${product.sku} is stocked in ${inWarehouse.map((l) => l.warehouse).join(', ')}: name the warehouse.`,
        `${product.sku}의 로트 ${josa(a.lotId, '은/는')} ${inWarehouse.map((l) => l.warehouse).join(', ')}에 있습니다. 창고를 지정하세요.`,
      ),
    ]);
  const [lot] = inWarehouse;
  const where = `Lot ${lot.lotId} in ${lot.warehouse}`;
  const whereKo = `${lot.warehouse} 창고의 로트 ${lot.lotId}`;
  if (lot.status === 'archived' || lot.quantityOnHand <= 0)
    throw refused(
      `${where} holds no units; there is nothing to ${a.kind.replace('_', ' ')}.`,
      `${whereKo}에 재고가 없어 ${KIND_KO[a.kind]}할 수 없습니다.`,
      [field('lotId', lot.lotId, `${where} holds 0 units.`, `${whereKo}의 재고는 0개입니다.`)],
    );
  // A markdown prices the lot: units sold since it was proposed do not make it wrong, an empty lot does.
  if (a.quantity > lot.quantityOnHand && !(a.kind === 'markdown' && at === 'execution'))
    throw refused(
      `More than the lot holds: ${where} holds ${lot.quantityOnHand} units.`,
      `로트 보유량 초과: ${whereKo}의 재고는 ${lot.quantityOnHand}개입니다.`,
      [
        field(
          'quantity',
          a.quantity,
          `${where} holds ${lot.quantityOnHand} units; ${a.quantity} cannot be ${a.kind === 'transfer' ? 'moved' : a.kind === 'sell' ? 'sold' : a.kind === 'markdown' ? 'marked down' : 'written off'}.`,
          `${whereKo}의 재고는 ${lot.quantityOnHand}개라 ${a.quantity}개를 처리할 수 없습니다.`,
        ),
      ],
    );
  // An expired lot is written off, never moved, discounted or sold.
  if (a.kind !== 'write_off' && !sellableOn(lot.expirationDate, today))
    throw refused(
      `${where} expired on ${lot.expirationDate}; it cannot be ${a.kind === 'transfer' ? 'transferred' : a.kind === 'sell' ? 'sold' : 'marked down'}. Write it off instead.`,
      `${josa(whereKo, '은/는')} ${lot.expirationDate}에 만료되어 ${KIND_KO[a.kind]}할 수 없습니다. 대신 폐기 처리하세요.`,
      [field('lotId', lot.lotId, `Expired on ${lot.expirationDate}.`, `${lot.expirationDate}에 만료됨.`)],
    );
  if (a.kind === 'transfer') await checkTransfer(db, tenantId, lot, a.toWarehouse ?? '', today);
  if (a.kind === 'sell') await checkSale(db, tenantId, lot, a.customerId ?? undefined, today);
  return { product, lot, warehouse: lot.warehouse };
}

/**
 * The ledger's MOVE rules (another warehouse, and a destination lot, if any, that is the same lot),
 * and a sale at the other end: the lot arrives after the transfer lead time
 * (DEFAULT_PLAN_SETTINGS.transferLeadTimeDays, the plan's own) with at least the days the loosest
 * shelf-life rule among the receiving warehouse's customers needs (each customer's own rule, else
 * the product's; the product's when the warehouse has no customers). Sent with less, it is a
 * certain loss there, so it is refused as a sale below the rule is.
 */
async function checkTransfer(db: Db, tenantId: string, lot: LotRow, toWarehouse: string, today: string) {
  if (sameKey(lot.warehouse, toWarehouse))
    throw refused('A transfer moves stock to another warehouse.', '이동은 다른 창고로 옮기는 작업입니다.', [
      field(
        'toWarehouse',
        toWarehouse,
        `Lot ${lot.lotId} is already in ${lot.warehouse}.`,
        `로트 ${josa(lot.lotId, '은/는')} 이미 ${lot.warehouse}에 있습니다.`,
      ),
    ]);
  const lead = DEFAULT_PLAN_SETTINGS.transferLeadTimeDays;
  const leftOnArrival = daysBetween(today, lot.expirationDate) - lead;
  const productRule = (await productRules(db, tenantId, lot.sku))?.minRemaining ?? 0;
  const rules = await warehouseCustomerRules(db, tenantId, toWarehouse, lot.sku);
  const loosest = rules.length
    ? rules.reduce((best, r) => ((r.minRemaining ?? productRule) < (best.minRemaining ?? productRule) ? r : best))
    : undefined;
  const need = daysNeeded(loosest ? (loosest.minRemaining ?? productRule) : productRule);
  if (leftOnArrival < need) {
    const whose = loosest
      ? {
          en: `customer ${loosest.customerId}, the least demanding there, needs ${need}`,
          ko: `가장 기준이 낮은 고객 ${loosest.customerId}도 ${need}일이 필요합니다`,
        }
      : { en: `the product's rule needs ${need}`, ko: `제품 기준은 ${need}일입니다` };
    throw refused(
      `Lot ${lot.lotId} would reach ${toWarehouse} with ${leftOnArrival} ${leftOnArrival === 1 ? 'day' : 'days'} of shelf life left (transfer takes ${lead} days); ${whose.en}. No customer there could take it: it would be a certain loss.`,
      `로트 ${josa(lot.lotId, '은/는')} 이동에 ${lead}일이 걸려 ${toWarehouse}에 잔여 유통기한 ${leftOnArrival}일로 도착합니다. ${whose.ko}. 그곳에서 받을 고객이 없어 확실한 손실이 됩니다.`,
      [
        field(
          'toWarehouse',
          toWarehouse,
          `${leftOnArrival} days left on arrival, ${need} needed.`,
          `도착 시 잔여 ${leftOnArrival}일, 필요 ${need}일.`,
        ),
      ],
    );
  }
  const dest = await findLotByKey(db, tenantId, lot.sku, lot.lotId, toWarehouse);
  if (!dest || (dest.status === 'archived' && dest.quantityOnHand === 0)) return;
  const differ = (['expirationDate', 'receivedDate', 'unitCost', 'status'] as const).filter((k) => dest[k] !== lot[k]);
  // The Korean names the fields by their labels (유통기한, 단가), never by their JSON keys.
  const differKo = differ.map((k) => fieldLabel([k])[1]).join(', ');
  if (differ.length)
    throw refused(
      `Lot ${lot.lotId} of ${lot.sku} in ${dest.warehouse} differs in ${differ.join(', ')}; the moved units cannot merge into it.`,
      `${dest.warehouse} 창고의 ${lot.sku} 로트 ${josa(lot.lotId, '은/는')} ${differKo} 값이 달라 이동한 재고를 합칠 수 없습니다.`,
      [
        field(
          'toWarehouse',
          toWarehouse,
          `The lot there differs in ${differ.join(', ')}.`,
          `도착 창고의 로트는 ${differKo} 값이 다릅니다.`,
        ),
      ],
    );
}

/** The ledger's OUT rules for a named lot: sellable status, and the buyer's minimum remaining shelf life. */
async function checkSale(db: Db, tenantId: string, lot: LotRow, customerId: string | undefined, today: string) {
  if (lot.status !== 'available')
    throw refused(
      `Lot ${lot.lotId} is ${lot.status} and cannot ship.`,
      `로트 ${josa(lot.lotId, '은/는')} ${lot.status === 'quarantine' ? '격리' : '보류'} 상태라 출고할 수 없습니다.`,
      [field('lotId', lot.lotId, `Status ${lot.status}.`, `상태: ${lot.status === 'quarantine' ? '격리' : '보류'}.`)],
    );
  const rules = await productRules(db, tenantId, lot.sku);
  const customer = customerId ? await customerRule(db, tenantId, customerId) : undefined;
  const required = customer?.minRemaining ?? rules?.minRemaining ?? 0;
  const left = daysBetween(today, lot.expirationDate);
  if (left < required)
    throw refused(
      `Lot ${lot.lotId} has ${left} days of shelf life left; ${customerId ? `customer ${customerId}` : 'the product'} requires ${required}.`,
      `로트 ${lot.lotId}의 남은 유통기한은 ${left}일이고, ${customerId ? `고객 ${customerId}` : '제품'} 기준은 ${required}일입니다.`,
      [field('lotId', lot.lotId, `${left} days left, ${required} required.`, `남은 ${left}일, 필요 ${required}일.`)],
    );
}

const KIND_EN: Record<ActionRow['kind'], string> = {
  reorder: 'reorder',
  transfer: 'transfer',
  markdown: 'markdown',
  sell: 'sale',
  write_off: 'write-off',
};

/**
 * Whether `quantity` more units can be asked of `lot` beside the open actions that already ask
 * units of it (`states`: proposed and approved when proposing, approved when approving).
 * Throws 409 `lot-over-committed` naming each of them (id, kind, units, state) and the units left,
 * in English and Korean; `exceptId` is the action being decided.
 */
export async function checkCommitments(
  db: Db,
  tenantId: string,
  lot: LotRow,
  quantity: number,
  opts: { exceptId?: string; states?: ActionStateName[]; alsoAsked?: LotCommitment[]; confirmHint?: boolean } = {},
): Promise<void> {
  // `alsoAsked`: those approved earlier in the same bulk decision, named like the stored ones.
  const others = [...(await openLotCommitments(db, tenantId, lot, opts.exceptId, opts.states)), ...(opts.alsoAsked ?? [])];
  const asked = others.reduce((n, o) => n + o.quantity, 0);
  const left = Math.max(0, lot.quantityOnHand - asked);
  if (quantity <= left) return;
  throw overCommitted(lot, quantity, left, others, opts.confirmHint ?? false);
}

function overCommitted(lot: LotRow, quantity: number, left: number, others: LotCommitment[], confirmHint: boolean) {
  const list = others.map((o) => `${KIND_EN[o.kind]} ${o.id} (${o.quantity}, ${o.state})`).join(', ');
  const listKo = others.map((o) => `${KIND_KO[o.kind]} ${o.id} (${o.quantity}개, ${codeKo(ACTION_STATE_KO, o.state)})`).join(', ');
  const where = `Lot ${lot.lotId} in ${lot.warehouse}`;
  const whereKo = `${lot.warehouse} 창고의 로트 ${lot.lotId}`;
  const asked = others.reduce((n, o) => n + o.quantity, 0);
  return new ProblemError(
    409,
    'lot-over-committed',
    others.length
      ? `${where} holds ${lot.quantityOnHand} units and open actions already ask ${asked} of them: ${list}. ` +
          `${left} are left; ${quantity} were asked.` +
          (confirmHint
            ? ' Dismiss one of them first, or send "confirmOverCommit": true to propose it anyway.'
            : ' Dismiss or execute one of them first.')
      : `${where} holds only ${lot.quantityOnHand} units; ${quantity} were asked. Stock left the lot after this action was proposed: dismiss it.`,
    [
      {
        path: 'quantity',
        value: String(quantity),
        message: `${left} of ${lot.quantityOnHand} units are not yet asked for by open actions.`,
        messageKo: `열린 작업이 요청하지 않은 재고는 ${lot.quantityOnHand}개 중 ${left}개입니다.`,
        limit: { max: left },
      },
    ],
    {
      available: left,
      onHand: lot.quantityOnHand,
      committed: others.map((o) => ({ id: o.id, kind: o.kind, quantity: o.quantity, state: o.state, source: o.source })),
      detailKo: others.length
        ? `${whereKo}의 재고는 ${lot.quantityOnHand}개이고 열린 작업이 이미 ${asked}개를 요청했습니다: ${listKo}. ` +
          `남은 재고는 ${left}개인데 ${quantity}개를 요청했습니다.` +
          (confirmHint
            ? ' 먼저 그중 하나를 기각하거나, 그래도 제안하려면 "confirmOverCommit": true를 보내세요.'
            : ' 먼저 그중 하나를 기각하거나 실행하세요.')
        : `${whereKo}의 재고는 ${lot.quantityOnHand}개뿐인데 ${quantity}개를 요청했습니다. 제안 후 재고가 빠져나갔으니 이 작업을 기각하세요.`,
    },
  );
}
