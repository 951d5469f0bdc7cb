// 层垒制 clause numbers ("2.2.1"): parent and depth.

/** Parent clause number: "2.2.1" → "2.2"; top level → null. */
export function parentId(id: string): string | null {
  const i = id.lastIndexOf('.');
  return i < 0 ? null : id.slice(0, i);
}

export function itemDepth(id: string): number {
  return id.split('.').length;
}
