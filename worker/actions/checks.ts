// What an action needs to be executable, checked in one place: when it is proposed (so an approver
// never approves what execution will refuse) and again when it executes (stock may have changed in
// between). Each refusal says why in English and Korean (`detailKo`, each error's `messageKo`).
import { ProblemError, type FieldError } from '../lib/problem';
import { sameKey } from '../lib/keys';
import { sellableOn } from '../lib/dates';
import type { Db } from '../data/db';
import { productOf, type ActionRow } from '../data/actions.repo';
import { customerRule, findLotByKey, lotsNamed, productRules, type LotRow } from '../data/movements.repo';
import { missingRefs } from '../data/refs.repo';
import { daysBetween } from '../domain/dates';

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

const KIND_KO: Record<ActionRow['kind'], string> = {
  reorder: '재주문',
  transfer: '이동',
  markdown: '할인',
  sell: '고객 판매',
  write_off: '폐기',
};

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
      `제품 ${product.sku}은(는) 비활성(보관) 상태라 ${KIND_KO[a.kind]} 작업을 할 수 없습니다.`,
      [
        field(
          'sku',
          a.sku,
          `Product ${product.sku} is archived; restore it first.`,
          `제품 ${product.sku}은(는) 보관 상태입니다. 먼저 복원하세요.`,
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
      a.warehouse && elsewhere.length ? `로트 ${a.lotId}은(는) ${a.warehouse} 창고에 없습니다.` : '존재하지 않는 로트입니다.',
      [
        a.warehouse && elsewhere.length
          ? field(
              'warehouse',
              a.warehouse,
              `Lot ${a.lotId} of ${product.sku} is stocked in ${elsewhere.join(', ')}, not in ${a.warehouse}.`,
              `${product.sku}의 로트 ${a.lotId}은(는) ${a.warehouse}이(가) 아니라 ${elsewhere.join(', ')}에 있습니다.`,
            )
          : field(
              'lotId',
              a.lotId,
              `Lot "${a.lotId}" of ${product.sku} does not exist${a.warehouse ? ` in ${a.warehouse}` : ''}.`,
              `${product.sku}의 로트 "${a.lotId}"이(가) ${a.warehouse ? `${a.warehouse} 창고에 ` : ''}없습니다.`,
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
        `${product.sku}의 로트 ${a.lotId}은(는) ${inWarehouse.map((l) => l.warehouse).join(', ')}에 있습니다. 창고를 지정하세요.`,
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
      `${whereKo}은(는) ${lot.expirationDate}에 만료되어 ${KIND_KO[a.kind]}할 수 없습니다. 대신 폐기 처리하세요.`,
      [field('lotId', lot.lotId, `Expired on ${lot.expirationDate}.`, `${lot.expirationDate}에 만료됨.`)],
    );
  if (a.kind === 'transfer') await checkTransfer(db, tenantId, lot, a.toWarehouse ?? '');
  if (a.kind === 'sell') await checkSale(db, tenantId, lot, a.customerId ?? undefined, today);
  return { product, lot, warehouse: lot.warehouse };
}

/** The ledger's MOVE rules: another warehouse, and a destination lot (if any) that is the same lot. */
async function checkTransfer(db: Db, tenantId: string, lot: LotRow, toWarehouse: string) {
  if (sameKey(lot.warehouse, toWarehouse))
    throw refused('A transfer moves stock to another warehouse.', '이동은 다른 창고로 옮기는 작업입니다.', [
      field(
        'toWarehouse',
        toWarehouse,
        `Lot ${lot.lotId} is already in ${lot.warehouse}.`,
        `로트 ${lot.lotId}은(는) 이미 ${lot.warehouse}에 있습니다.`,
      ),
    ]);
  const dest = await findLotByKey(db, tenantId, lot.sku, lot.lotId, toWarehouse);
  if (!dest || (dest.status === 'archived' && dest.quantityOnHand === 0)) return;
  const differ = (['expirationDate', 'receivedDate', 'unitCost', 'status'] as const).filter((k) => dest[k] !== lot[k]);
  if (differ.length)
    throw refused(
      `Lot ${lot.lotId} of ${lot.sku} in ${dest.warehouse} differs in ${differ.join(', ')}; the moved units cannot merge into it.`,
      `${dest.warehouse} 창고의 ${lot.sku} 로트 ${lot.lotId}은(는) ${differ.join(', ')} 값이 달라 이동한 재고를 합칠 수 없습니다.`,
      [
        field(
          'toWarehouse',
          toWarehouse,
          `The lot there differs in ${differ.join(', ')}.`,
          `도착 창고의 로트는 ${differ.join(', ')} 값이 다릅니다.`,
        ),
      ],
    );
}

/** The ledger's OUT rules for a named lot: sellable status, and the buyer's minimum remaining shelf life. */
async function checkSale(db: Db, tenantId: string, lot: LotRow, customerId: string | undefined, today: string) {
  if (lot.status !== 'available')
    throw refused(
      `Lot ${lot.lotId} is ${lot.status} and cannot ship.`,
      `로트 ${lot.lotId}은(는) ${lot.status === 'quarantine' ? '격리' : '보류'} 상태라 출고할 수 없습니다.`,
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
