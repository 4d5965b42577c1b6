// The contract of an exercise's README: the items of «Qué tienes que hacer». Each carries an id
// (`<!-- id: replicas -->`) that the exercise's prove file maps to the mutants that break it, or
// says it is advice («consejo, no se corrige»). The proof checks both sides agree.
import { readFileSync } from 'node:fs';
import type { List, ListItem, Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

export interface ChecklistItem {
  /** From `<!-- id: … -->` in the item; undefined when it has none. */
  id?: string;
  /** Marked «consejo, no se corrige»: a recommendation no rubric line grades. */
  advice: boolean;
  /** 1-based line of the item in the README. */
  line: number;
  text: string;
}

export const CHECKLIST_HEADING = 'Qué tienes que hacer';
const ID = /<!--\s*id:\s*([a-z0-9][a-z0-9-]*)\s*-->/g;
const ADVICE = /consejo,? no se corrige/i;

/** The top-level list items of the README's «Qué tienes que hacer» section (nested lists belong to their item). */
export function readmeChecklist(readme: string): ChecklistItem[] {
  const tree = fromMarkdown(readFileSync(readme, 'utf8'));
  const items: ChecklistItem[] = [];
  let inSection = false;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) inSection = toString(node).trim() === CHECKLIST_HEADING;
    else if (inSection && node.type === 'list') items.push(...(node as List).children.map(checklistItem));
  }
  return items;
}

function checklistItem(item: ListItem): ChecklistItem {
  const ids = [...htmlOf(item).join('\n').matchAll(ID)].map((m) => m[1]!);
  const text = toString(item).replace(/\s+/g, ' ').trim();
  return { id: ids[0], advice: ADVICE.test(text), line: item.position?.start.line ?? 0, text };
}

/** The raw HTML (comments) inside an item, where its id is written. */
function htmlOf(node: Nodes | RootContent): string[] {
  if (node.type === 'html') return [node.value];
  return 'children' in node ? node.children.flatMap(htmlOf) : [];
}

/**
 * What keeps a README's items and its prove file's `checklist` (item id → names of the mutants
 * that break it) from agreeing, one sentence each for the kit's maintainers.
 */
export function checklistDisagreements(readme: string, items: ChecklistItem[], checklist: Record<string, string[]>, mutants: string[]): string[] {
  const out: string[] = [];
  const where = (i: ChecklistItem) => `${readme}:${i.line} «${i.text.slice(0, 70)}»`;
  if (items.length === 0) out.push(`${readme}: no list items under «${CHECKLIST_HEADING}»`);
  const seen = new Set<string>();
  for (const item of items) {
    if (item.advice && item.id) out.push(`${where(item)} is advice and has an id: advice is not graded`);
    else if (!item.advice && !item.id) out.push(`${where(item)} has neither <!-- id: … --> nor «consejo, no se corrige»`);
    if (!item.id) continue;
    if (seen.has(item.id)) out.push(`${where(item)}: id ${item.id} is used twice`);
    seen.add(item.id);
    const breakers = checklist[item.id];
    if (!breakers?.length) out.push(`${where(item)}: no mutant breaks it (checklist.${item.id} in the prove file)`);
    for (const name of breakers ?? []) if (!mutants.includes(name)) out.push(`checklist.${item.id} names mutant ${name}, which does not exist`);
  }
  for (const id of Object.keys(checklist)) if (!seen.has(id)) out.push(`checklist.${id} is not an item of ${readme}`);
  return out;
}
