/**
 * Which suggested tasks a provider may return. VS Code registers one provider per task type and reports an error
 * ("unexpectedly provided a task of type …") when a provider returns another type, so each provider filters here.
 * Pure: no `vscode` import, so it is unit-tested directly.
 */
import type { SuggestedTask } from '../../../server/src/protocol/lsp';
import { validateDefinition } from './commandLine';

export const SIM_TASK_TYPES = ['gem5', 'sst'] as const;
export type SimTaskType = (typeof SIM_TASK_TYPES)[number];

/** The suggestions of exactly this type whose definition is valid (a malformed one is dropped, not launched). */
export function suggestionsOfType(type: SimTaskType, suggestions: readonly SuggestedTask[]): SuggestedTask[] {
  return suggestions.filter((s) => s.definition.type === type && validateDefinition(s.definition) === null);
}
