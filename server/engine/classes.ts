// The 分类方案 tree flattened: each class addressed by its code path ("WS/DQ"), with its Chinese names from the root.
import type { Scheme, SchemeClass } from '../schemas/scheme.js';

export const CLASS_PATH_SEPARATOR = '/';

export interface ClassEntry {
  /** Code path from the root, e.g. "WS/DQ". */
  path: string;
  codes: string[];
  names: string[];
  /** The class's own note (说明), if any. */
  note?: string;
  depth: number;
  /** Index path into the `classes` tree, for error pointers (classes/0/children/2). */
  pointer: (string | number)[];
  hasChildren: boolean;
}

export function flattenClasses(classes: readonly SchemeClass[]): ClassEntry[] {
  const out: ClassEntry[] = [];
  const walk = (nodes: readonly SchemeClass[], codes: string[], names: string[], pointer: (string | number)[]) => {
    nodes.forEach((node, i) => {
      const here = [...pointer, i];
      const entry: ClassEntry = {
        path: [...codes, node.code].join(CLASS_PATH_SEPARATOR),
        codes: [...codes, node.code],
        names: [...names, node.name],
        note: node.note,
        depth: codes.length + 1,
        pointer: here,
        hasChildren: !!node.children?.length,
      };
      out.push(entry);
      if (node.children) walk(node.children, entry.codes, entry.names, [...here, 'children']);
    });
  };
  walk(classes, [], [], ['classes']);
  return out;
}

/** Whether a top-level class is the 文书 门类: code WS, or a name containing 文书. */
export function isDocumentsRoot(c: Pick<SchemeClass, 'code' | 'name'>): boolean {
  return c.code.toUpperCase() === 'WS' || c.name.includes('文书');
}

/** Whether a class path lies under the 文书 门类 of the scheme. */
export function documentClass(scheme: Pick<Scheme, 'classes'>, classPath: string): boolean {
  const top = classPath.split(CLASS_PATH_SEPARATOR)[0];
  const root = (scheme.classes as SchemeClass[]).find((c) => c.code === top);
  return root !== undefined && isDocumentsRoot(root);
}
