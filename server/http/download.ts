// Download headers: an RFC 6266 Content-Disposition with the UTF-8 name.

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187 encoding). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
