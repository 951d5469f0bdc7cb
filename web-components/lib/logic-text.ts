// The advanced (JSON text) view's checks: what can be told of a JSON-Logic text without the service.
import { ALLOWED_OPERATORS, PARAM_OPERATOR } from '../../server/engine/browser.js';
import { parseCondition } from './condition-parse.js';

/** “第 3 行第 5 列：…” from a JSON.parse error, whichever way the engine words its position. */
export function jsonErrorMessage(text: string, e: Error): string {
  const m = /line (\d+) column (\d+)/.exec(e.message);
  if (m) return `JSON 格式错误（第 ${m[1]} 行第 ${m[2]} 列）`;
  const p = /position (\d+)/.exec(e.message);
  if (p) {
    const before = text.slice(0, Number(p[1]));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    return `JSON 格式错误（第 ${line} 行第 ${col} 列）`;
  }
  return `JSON 格式错误：${e.message}`;
}

/**
 * What can be told without the service: one operator per object, known operators (and `{"param": name}`, a scheme
 * parameter, which the service checks against the table's parameters), declared fields.
 */
export function checkShape(logic: unknown, fields: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) {
    if (typeof logic !== 'boolean') problems.push('条件必须是 JSON 对象（如 {"==": [{"var": "docType"}, "纪要"]}）或 true/false');
    return problems;
  }
  const walk = (node: unknown, scoped: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, scoped));
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(`每个条件对象只能有一个运算符，这里有 ${keys.length} 个${keys.length ? `：${keys.join('、')}` : ''}`);
      return;
    }
    const op = keys[0];
    const arg = (node as Record<string, unknown>)[op];
    if (op === PARAM_OPERATOR) {
      if (typeof arg !== 'string' || arg === '') problems.push('参数引用应写为 {"param": "参数名"}');
    } else if (!ALLOWED_OPERATORS.has(op)) problems.push(`不允许的运算符“${op}”`);
    else if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (!scoped && typeof name === 'string' && !fields.has(name)) problems.push(`未声明的字段“${name}”`);
    } else if (op === 'some' || op === 'all' || op === 'none') {
      const args = Array.isArray(arg) ? arg : [arg];
      walk(args[0], scoped);
      walk(args[1], true);
    } else walk(arg, scoped);
  };
  walk(logic, false);
  return [...new Set(problems)];
}

/** Whether the JSON text can be shown as condition rows, and why not. */
export function rowsFromText(text: string): { ok: boolean; reason: string } {
  try {
    const logic = text.trim() ? JSON.parse(text) : undefined;
    const parsed = logic === undefined ? { ok: true as const } : parseCondition(logic);
    return parsed.ok ? { ok: true, reason: '' } : { ok: false, reason: parsed.reason };
  } catch {
    return { ok: false, reason: 'JSON 格式有误' };
  }
}
