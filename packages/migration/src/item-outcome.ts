import type { ItemPlan, ItemProblem } from './item-plan';

/** What happened to one item (in a dry run: what would happen). */
export type ItemOutcome =
  | { readonly userId: string; readonly result: 'current' }
  | { readonly userId: string; readonly result: 'normalized' }
  | { readonly userId: string; readonly result: 'moved'; readonly to: string }
  | { readonly userId: string; readonly result: 'reported'; readonly problem: ItemProblem }
  /** Deleted by live traffic between the scan and the write: nothing left to migrate. */
  | { readonly userId: string; readonly result: 'gone' };

/** The outcome a plan leads to, once carried out. */
export function outcomeOf(userId: string, plan: ItemPlan): ItemOutcome {
  switch (plan.action) {
    case 'keep':
      return { userId, result: 'current' };
    case 'rewrite':
      return { userId, result: 'normalized' };
    case 'move':
      return { userId, result: 'moved', to: plan.item.userId };
    case 'report':
      return { userId, result: 'reported', problem: plan.problem };
  }
}
