import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md#where-things-live, "Modules": the lint keeps the module boundaries, so this checks the lint.
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (eslint no-restricted-imports)', () => {
  it("refuses another module's repo, from a module, from outside the modules, and from a test", async () => {
    const wrong = "import { isActiveManager } from '../access/repo.ts';\nvoid isActiveManager;\n";
    expect(await restricted('server/src/modules/services/service.ts', wrong)).toEqual([
      expect.stringContaining("Another module's SQL"),
    ]);
    const fromOutside = "import { findUser } from '../modules/access/repo.ts';\nvoid findUser;\n";
    expect(await restricted('server/src/sales/system.ts', fromOutside)).toHaveLength(1);
    const sessionSql = "import { findSession } from '../access/session-repo.ts';\nvoid findSession;\n";
    expect(await restricted('server/src/modules/customers/customers.test.ts', sessionSql)).toHaveLength(1);
  });

  it("refuses any other file of another module than its index.ts, but not the module's own files", async () => {
    const other = "import { hashToken } from '../access/sessions.ts';\nvoid hashToken;\n";
    expect(await restricted('server/src/modules/services/service.ts', other)).toEqual([
      expect.stringContaining('only through its index.ts'),
    ]);
    const app = "import { customerRoutes } from './modules/customers/routes.ts';\nvoid customerRoutes;\n";
    expect(await restricted('server/src/app.ts', app)).toHaveLength(1);

    const right = "import { isActiveManager } from '../access/index.ts';\nimport * as repo from './repo.ts';\n";
    expect(
      await restricted('server/src/modules/services/service.ts', `${right}void [isActiveManager, repo];\n`),
    ).toEqual([]);
  });
});
