// Checks a JSON-Logic condition before it is stored: allow-listed operators, arity, known fields, size and depth.
import type { FieldError } from '../schemas/ajv.js';
import { escapePointer } from '../schemas/ajv.js';
import { RELATION_FIELDS, RELATION_LIST } from '../schemas/fields.js';
import { ALLOWED_OPERATORS, PARAM_OPERATOR } from './operators.js';

export const MAX_LOGIC_DEPTH = 24;
export const MAX_LOGIC_NODES = 2000;

/** [min, max] arguments per operator (json-logic-js would misbehave or throw outside these). */
const ARITY: Record<string, [number, number]> = {
  '==': [2, 2],
  '===': [2, 2],
  '!=': [2, 2],
  '!==': [2, 2],
  '!': [1, 1],
  '!!': [1, 1],
  '<': [2, 3],
  '<=': [2, 3],
  '>': [2, 2],
  '>=': [2, 2],
  in: [2, 2],
  substr: [2, 3],
  cat: [1, 100],
  '+': [1, 100],
  '*': [1, 100],
  '-': [1, 2],
  '/': [2, 2],
  '%': [2, 2],
  min: [1, 100],
  max: [1, 100],
  merge: [1, 100],
  and: [1, 200],
  or: [1, 200],
  if: [1, 201],
  '?:': [1, 201],
  some: [2, 2],
  all: [2, 2],
  none: [2, 2],
  var: [1, 2],
  missing: [1, 100],
  missing_some: [2, 2],
};

export interface LogicCheckContext {
  /** Field paths a top-level `var` may name. */
  fields: ReadonlySet<string>;
  /** The scheme's parameters, which `{"param": name}` may name. */
  parameters?: ReadonlyMap<string, unknown>;
}

/** Inside some/all/none the data is one list element: of a list of strings, only the element itself (""). */
const ELEMENT_ONLY: ReadonlySet<string> = new Set(['']);

/** Returns the problems of `logic`, each with a JSON Pointer starting at `base`. */
export function checkLogic(logic: unknown, base: string, ctx: LogicCheckContext): FieldError[] {
  const errors: FieldError[] = [];
  let nodes = 0;
  const err = (path: string, message: string) => {
    if (errors.length < 50) errors.push({ path, message });
  };

  const walk = (node: unknown, path: string, depth: number, scoped: ReadonlySet<string> | null): void => {
    if (++nodes > MAX_LOGIC_NODES) {
      if (nodes === MAX_LOGIC_NODES + 1) err(base, `条件过大：超过 ${MAX_LOGIC_NODES} 个节点`);
      return;
    }
    if (depth > MAX_LOGIC_DEPTH) {
      err(path, `条件嵌套过深：超过 ${MAX_LOGIC_DEPTH} 层`);
      return;
    }
    if (node === null || typeof node !== 'object') {
      if (typeof node === 'number' && !Number.isFinite(node)) err(path, '数值无效');
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}/${i}`, depth + 1, scoped));
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      err(path, keys.length === 0 ? '空的条件对象' : `条件对象只能有一个运算符，实际有 ${keys.length} 个：${keys.join('、')}`);
      return;
    }
    const op = keys[0];
    const opPath = `${path}/${escapePointer(op)}`;
    if (op === PARAM_OPERATOR) {
      const name = (node as Record<string, unknown>)[op];
      if (typeof name !== 'string') err(opPath, '参数名必须是文本常量');
      else if (!ctx.parameters?.has(name)) err(opPath, `未声明的参数“${name}”`);
      return;
    }
    if (!ALLOWED_OPERATORS.has(op)) {
      err(opPath, `不允许的运算符“${op}”`);
      return;
    }
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number) => (Array.isArray(raw) ? `${opPath}/${i}` : opPath);
    const [min, max] = ARITY[op];
    if (args.length < min || args.length > max) {
      err(
        opPath,
        min === max
          ? `运算符“${op}”需要 ${min} 个参数，实际 ${args.length} 个`
          : `运算符“${op}”需要 ${min}–${max} 个参数，实际 ${args.length} 个`,
      );
      return;
    }
    if (op === 'var') return checkVar(args, argPath, scoped);
    if (op === 'missing') {
      args.forEach((a, i) => checkFieldName(a, argPath(i), scoped));
      return;
    }
    if (op === 'missing_some') {
      if (typeof args[0] !== 'number' || !Number.isInteger(args[0]) || args[0] < 0) err(argPath(0), '需要的数量必须是非负整数');
      if (!Array.isArray(args[1])) err(argPath(1), '必须是字段名列表');
      else args[1].forEach((a, i) => checkFieldName(a, `${argPath(1)}/${i}`, scoped));
      return;
    }
    if (op === 'some' || op === 'all' || op === 'none') {
      walk(args[0], argPath(0), depth + 1, scoped);
      walk(args[1], argPath(1), depth + 1, isRelationList(args[0]) && scoped === null ? RELATION_FIELDS : ELEMENT_ONLY);
      return;
    }
    args.forEach((a, i) => walk(a, argPath(i), depth + 1, scoped));
  };

  const checkVar = (args: unknown[], argPath: (i: number) => string, scoped: ReadonlySet<string> | null) => {
    const [name, fallback] = args;
    if (fallback !== undefined && fallback !== null && typeof fallback === 'object') {
      err(argPath(1), '字段默认值必须是常量');
    }
    checkFieldName(name, argPath(0), scoped);
  };

  const checkFieldName = (name: unknown, path: string, scoped: ReadonlySet<string> | null) => {
    if (typeof name !== 'string') {
      err(path, '字段名必须是文本常量');
      return;
    }
    if (scoped === ELEMENT_ONLY) {
      if (name !== '') err(path, `列表元素条件中只能用 {"var": ""} 指代元素本身，不能用“${name}”`);
      return;
    }
    if (scoped) {
      if (!scoped.has(name)) err(path, `相关文件条件中只能用 ${[...scoped].join('、')}，不能用“${name}”`);
      return;
    }
    if (!ctx.fields.has(name)) err(path, `未声明的字段“${name}”`);
  };

  walk(logic, base, 0, null);
  return errors;
}

/** `{"var": "relatedTo"}`: the list of related documents, whose entries are objects. */
function isRelationList(node: unknown): boolean {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const v = (node as Record<string, unknown>).var;
  return v === RELATION_LIST || (Array.isArray(v) && v[0] === RELATION_LIST);
}
