// The table of `sanheyi` subcommands. Each lives in its own file and returns the process exit code.
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const lazy = (summary: string, load: () => Promise<{ run(args: string[]): Promise<number> }>): Command => ({
  summary,
  run: async (args) => (await load()).run(args),
});

export const COMMANDS: Record<string, Command> = {
  check: lazy('校验方案、运行方案测试并给出分析', () => import('./check.js')),
  classify: lazy('按方案批量分类记录文件（JSONL 或 CSV）', () => import('./classify.js')),
  serve: lazy('启动规则服务（HTTP API 与网页工作台）', () => import('./serve.js')),
  users: lazy('管理用户：列出、新建、重设密码、停用', () => import('./users.js')),
  'api-keys': lazy('管理单位的 API 密钥：列出、新建、吊销', () => import('./api-keys.js')),
  backup: lazy('在线备份数据库并校验（完整性与审计哈希链）', () => import('./backup.js')),
  restore: lazy('校验备份并恢复数据库（需先停止服务）', () => import('./restore.js')),
  import: lazy('从 Excel/CSV 三合一表导入为草稿方案', () => import('./import.js')),
  keys: lazy('签名密钥：列出、导出公钥、轮换', () => import('./keys.js')),
  registry: lazy('登记备份：导出单位已批准三合一表的签名副本，离线校验', () => import('./registry.js')),
  export: lazy('导出方案为 Excel、CSV、打印视图（HTML）或 PDF', () => import('./export.js')),
  'decision-log': lazy('分类记录：删除超过保留期限的记录（purge）', () => import('./decision-log.js')),
};

export { lazy };
