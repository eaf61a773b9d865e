/**
 * A time budget for one validation or request. Work on document text is linear by construction, but a
 * hostile file can still be big in ways no single cap catches (10,000 documents × a large schema); hot loops
 * call checkBudget(), and past the deadline the work stops with one clear finding instead of a stuck server.
 * JavaScript cannot interrupt synchronous code, so this is cooperative: one budget at a time (the server
 * validates one document at a time), checked cheaply (the clock is read every 256 calls).
 */
import type { RuleInfo } from './diagnostics';

export class BudgetExceeded extends Error {
  constructor(readonly ms: number) {
    super(`stopped after ${ms} ms`);
  }
}

/** Per validation; generous, so only a pathological file meets it (the fuzz test allows 10 s per request). */
export const VALIDATION_BUDGET_MS = 3000;

export const VALIDATION_BUDGET_RULE: RuleInfo = {
  id: 'ValidationBudget',
  severity: 'warning',
  doc: `Shipshape stopped checking the file after ${VALIDATION_BUDGET_MS / 1000} s: it is too large or too deeply nested to check on every keystroke.`,
};

let deadline = Number.POSITIVE_INFINITY;
let budgetMs = 0;
let calls = 0;

/** Runs `work` under a budget; a nested call keeps the outer (earlier) deadline. */
export function withBudget<T>(ms: number, work: () => T): T {
  const outer = deadline;
  const outerMs = budgetMs;
  const mine = Date.now() + ms;
  if (mine < deadline) {
    deadline = mine;
    budgetMs = ms;
  }
  try {
    return work();
  } finally {
    deadline = outer;
    budgetMs = outerMs;
  }
}

export function checkBudget(): void {
  if ((++calls & 255) !== 0 || deadline === Number.POSITIVE_INFINITY) return;
  if (Date.now() > deadline) throw new BudgetExceeded(budgetMs);
}
