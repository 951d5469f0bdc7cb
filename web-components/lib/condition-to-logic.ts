// Condition rows → JSON-Logic, in the encoding the engine indexes best (keywords as `in` atoms, ranges as one `<=`).
import { type ConditionNode, type ConditionRule, type Value, isParamRef } from './condition-model.js';

const v = (field: string) => ({ var: field });

function keywordLogic(field: string, keywords: readonly Value[]): unknown {
  const atoms = keywords.map((k) => ({ in: [k, v(field)] }));
  return atoms.length === 1 ? atoms[0] : { or: atoms };
}

/** A 属于 row's list: its values, or the one list parameter standing for them. */
const listOf = (values: readonly Value[]) => (values.length === 1 && isParamRef(values[0]) ? values[0] : [...values]);

export function ruleToJsonLogic(rule: ConditionRule): unknown {
  const { field, values } = rule;
  switch (rule.op) {
    case 'eq':
      return { '==': [v(field), values[0]] };
    case 'ne':
      return { '!=': [v(field), values[0]] };
    case 'gt':
      return { '>': [v(field), values[0]] };
    case 'gte':
      return { '>=': [v(field), values[0]] };
    case 'lt':
      return { '<': [v(field), values[0]] };
    case 'lte':
      return { '<=': [v(field), values[0]] };
    case 'between':
      return { '<=': [values[0], v(field), values[1]] };
    case 'in':
      return { in: [v(field), listOf(values)] };
    case 'notIn':
      return { '!': { in: [v(field), listOf(values)] } };
    case 'containsAny':
      return keywordLogic(field, values);
    case 'notContains':
      return { '!': keywordLogic(field, values) };
    case 'empty':
      return { '!': v(field) };
    case 'notEmpty':
      return { '!!': v(field) };
  }
}

/** JSON-Logic for a node; a complete model is assumed (see `validateCondition`). */
export function toJsonLogic(node: ConditionNode): unknown {
  if (node.kind === 'rule') return ruleToJsonLogic(node);
  const group = { [node.combinator]: node.children.map(toJsonLogic) };
  return node.negate ? { '!': group } : group;
}
