/**
 * The name a browser-mode download is saved under: the one the Export dialog
 * suggested, cleaned so it is a plain file name with the format's extension.
 */

/** Longest name kept, in characters (file systems allow 255 bytes; UTF-8 may take four a character). */
const MAX_NAME = 60;

/**
 * `requested` reduced to a safe file name ending in `.extension`: no folders,
 * no control or reserved characters, no leading dots; the default name when
 * nothing is left.
 */
export function downloadFileName(requested: string | null, extension: string): string {
  const fallback = `marginalia-export.${extension}`;
  if (requested === null) return fallback;
  const base = (requested.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const stem = base.toLowerCase().endsWith(`.${extension}`) ? base.slice(0, -(extension.length + 1)) : base;
  const kept = [...stem].slice(0, MAX_NAME).join('').trim();
  return kept === '' ? fallback : `${kept}.${extension}`;
}

/**
 * The Content-Disposition of an attachment named `name`: an ASCII `filename`
 * for old clients and the exact name, percent-encoded, in `filename*` (RFC 6266).
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
