// The import boundaries of README "Layout" are ESLint rules (eslint.boundaries.js): each case
// lints a one-line file at a path inside the layer and expects the boundary error, or none.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint loads the whole config (typescript-eslint): slow on a busy machine, never a timing claim.
describe('layer boundaries', { timeout: 60_000 }, () => {
  it('refuses a domain module that imports the data layer, and one that imports lib beyond lib/errors', async () => {
    expect(
      await boundaryErrors("import { createDb } from '../data/db';\nexport const x = createDb;\n", 'worker/domain/fixture.ts'),
    ).toEqual([expect.stringContaining('domain/ imports nothing outside domain/')]);
    expect(
      await boundaryErrors("import { today } from '../../lib/dates';\nexport const x = today;\n", 'worker/domain/forecast/fixture.ts'),
    ).toHaveLength(1);
    expect(await boundaryErrors("import { eq } from 'drizzle-orm';\nexport const x = eq;\n", 'worker/domain/fixture.ts')).toHaveLength(1);
  });

  it('lets domain modules import each other and lib/errors', async () => {
    expect(
      await boundaryErrors("import { addDays } from '../dates';\nexport const x = addDays;\n", 'worker/domain/forecast/fixture.ts'),
    ).toEqual([]);
    expect(
      await boundaryErrors("import { missing } from '../lib/errors';\nexport const x = missing;\n", 'worker/domain/fixture.ts'),
    ).toEqual([]);
  });

  it('refuses data/ importing the API or HTTP problems, and use-cases importing the API', async () => {
    expect(
      await boundaryErrors("import { toProblem } from '../api/app';\nexport const x = toProblem;\n", 'worker/data/fixture.repo.ts'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("import { conflict } from '../lib/problem';\nexport const x = conflict;\n", 'worker/data/fixture.repo.ts'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("import { lotsRoutes } from '../api/lots.routes';\nexport const x = lotsRoutes;\n", 'worker/stock/fixture.ts'),
    ).toHaveLength(1);
  });

  it('refuses queries in route handlers but lets them import types', async () => {
    expect(await boundaryErrors("import { eq } from 'drizzle-orm';\nexport const x = eq;\n", 'worker/api/fixture.routes.ts')).toHaveLength(
      1,
    );
    expect(
      await boundaryErrors("import { lots } from '../data/schema';\nexport const x = lots;\n", 'worker/api/fixture.routes.ts'),
    ).toHaveLength(1);
    expect(await boundaryErrors("import type { SQL } from 'drizzle-orm';\nexport type X = SQL;\n", 'worker/api/fixture.routes.ts')).toEqual(
      [],
    );
  });

  it('lets the web app take types, and only types, from worker/', async () => {
    expect(
      await boundaryErrors("import { createApp } from '../../worker/api/app';\nexport const x = createApp;\n", 'app/lib/fixture.ts'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("import type { AppType } from '../../worker/api/app';\nexport type X = AppType;\n", 'app/lib/fixture.ts'),
    ).toEqual([]);
    // The CSV cell rules are the one runtime module shared with the API; the rest of worker/lib is not.
    expect(
      await boundaryErrors("import { csvCell } from '../../worker/lib/csv';\nexport const x = csvCell;\n", 'app/lib/fixture.ts'),
    ).toEqual([]);
    expect(
      await boundaryErrors("import { csvCell } from '../../worker/lib/csv-other';\nexport const x = csvCell;\n", 'app/lib/fixture.ts'),
    ).toHaveLength(1);
    // The Korean particles, which the catalog's translator and the API's sentences choose alike.
    expect(
      await boundaryErrors("import { resolveJosa } from '../../worker/lib/josa';\nexport const x = resolveJosa;\n", 'app/i18n/fixture.ts'),
    ).toEqual([]);
    expect(
      await boundaryErrors("import { verifyToken } from '../../worker/lib/auth';\nexport const x = verifyToken;\n", 'app/lib/fixture.ts'),
    ).toHaveLength(1);
  });
});
