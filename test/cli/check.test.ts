// `sanheyi check` run as a user would: exit codes, grouped findings, summary line and --json output.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sanheyi } from './run-sanheyi.js';

const FIXTURES = join(ROOT, 'test/fixtures/cli');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sanheyi-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('sanheyi check', () => {
  it('passes a valid scheme whose tests pass (exit 0) and prints grouped findings and a summary', async () => {
    const { code, stdout } = await sanheyi(['check', join(FIXTURES, 'valid.json')]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('方案：示例公司文书档案三合一表（示例有限公司）');
    expect(lines).toContain('校验：通过');
    expect(lines).toContain('提示（2）');
    expect(lines).toContain('  /items/5 [条款 2.2]  没有测试记录由条款 2.2 决定');
    expect(stdout).toContain('汇总：条款 4 条，类目 3 个，不归档条目 1 条；测试 4 条（通过 4，未通过 0）；发现 错误 0、警告 0、提示 2');
    expect(lines).toContain('结论：通过');
  });

  it('still passes (exit 0) with warnings, listed before the hints', async () => {
    const doc = JSON.parse(await readFile(join(FIXTURES, 'valid.json'), 'utf8'));
    doc.items.push({ id: '2.3', scope: '其他财务材料', class: 'WS/CW', retention: 'D10', needsCondition: true });
    const file = join(dir, 'warning.json');
    await writeFile(file, JSON.stringify(doc));
    const { code, stdout } = await sanheyi(['check', file]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const warnings = lines.indexOf('警告（1）');
    expect(warnings).toBeGreaterThan(0);
    expect(lines[warnings + 1]).toBe('  /items/6 [条款 2.3]  条款 2.3 还没有判断条件，不会匹配任何文件');
    expect(lines.indexOf('提示（2）')).toBeGreaterThan(warnings);
    expect(stdout).toContain('发现 错误 0、警告 1、提示 2');
    expect(lines).toContain('结论：通过');
  });

  it('fails (exit 1) when a test of the scheme fails, naming the test', async () => {
    const { code, stdout } = await sanheyi(['check', join(FIXTURES, 'failing-test.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain('错误（1）');
    expect(stdout).toContain('  /tests/2  测试“年度预算（期望错误）”未通过：保管期限应为 D10，实际为 Y');
    expect(stdout).toContain('测试 4 条（通过 3，未通过 1）');
    expect(stdout).toContain('结论：未通过（1 条测试未通过，1 个错误）');
  });

  it('lists every validation error of an invalid scheme as “路径 消息” (exit 1)', async () => {
    const { code, stdout } = await sanheyi(['check', join(FIXTURES, 'invalid.json')]);
    expect(code).toBe(1);
    const lines = stdout.split('\n').map((l) => l.trim());
    expect(lines).toContain('方案无效，共 3 处问题：');
    expect(lines).toContain('/items/1/class 未定义的类目“WS/XX”');
    expect(lines).toContain('/items/2/when/and/1/like 不允许的运算符“like”');
    expect(lines).toContain('/tests/0/expect/item 条款“9.9”不存在或是标题行');
  });

  it('prints the analysis as JSON with --json', async () => {
    const valid = await sanheyi(['check', '--json', join(FIXTURES, 'valid.json')]);
    expect(valid.code).toBe(0);
    const report = JSON.parse(valid.stdout);
    expect(report).toMatchObject({
      valid: true,
      ok: true,
      errors: [],
      stats: { rows: 4, classes: 3, exclusions: 1, tests: 4 },
      tests: { passed: 4, failed: 0 },
      counts: { error: 0, warning: 0, info: 2 },
    });
    expect(report.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['uncoveredBranch', 'uncoveredRow']);

    const invalid = await sanheyi(['check', join(FIXTURES, 'invalid.json'), '--json']);
    expect(invalid.code).toBe(1);
    const bad = JSON.parse(invalid.stdout);
    expect(bad.valid).toBe(false);
    expect(bad.errors).toContainEqual({ path: '/items/1/class', message: '未定义的类目“WS/XX”' });
  });

  it('reports bad JSON with its line and column (exit 2)', async () => {
    const { code, stdout, stderr } = await sanheyi(['check', join(FIXTURES, 'bad-json.json')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('不是有效的 JSON：第 5 行第 3 列附近有语法错误');
  });

  it('reports a truncated file and accepts a UTF-8 BOM', async () => {
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, '{"format": "sanheyi.scheme/1", "items": [1, 2');
    const t = await sanheyi(['check', truncated]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('文件意外结束');

    const bom = join(dir, 'bom.json');
    await writeFile(bom, '\ufeff' + (await readFile(join(FIXTURES, 'valid.json'), 'utf8')));
    expect((await sanheyi(['check', bom])).code).toBe(0);
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    const none = await sanheyi(['check']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('缺少方案文件');
    expect(none.stderr).toContain('用法: sanheyi check');

    const unknown = await sanheyi(['check', '--bogus', join(FIXTURES, 'valid.json')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误：未知选项 --bogus');

    const missing = await sanheyi(['check', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
  });
});
