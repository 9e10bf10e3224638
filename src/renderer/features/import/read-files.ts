/**
 * Reads chosen or dropped files into the base64 form `import:files` takes. The
 * browser's FileReader does the encoding natively and asynchronously, so even
 * large files do not hold up the UI thread.
 */

export interface EncodedFile {
  name: string;
  contentBase64: string;
}

/** Base64 of one file's bytes. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      const url = String(reader.result);
      // A data URL: "data:<type>;base64,<payload>".
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** A file's name as the import should report it: its path inside a dropped folder when there is one. */
export function displayName(file: File): string {
  return file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name;
}

/** Human size: "512 B", "3.4 kB", "12.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

/** Encodes every file in turn, reporting progress through `onProgress`. */
export async function encodeFiles(files: readonly File[], onProgress: (message: string) => void): Promise<EncodedFile[]> {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const encoded: EncodedFile[] = [];
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    onProgress(`Reading file ${index + 1} of ${files.length} (${formatBytes(bytes)} of ${formatBytes(totalBytes)})…`);
    encoded.push({ name: displayName(file).slice(-500), contentBase64: await readAsBase64(file) });
    bytes += file.size;
  }
  return encoded;
}

/**
 * The files of a drop, walking into dropped folders. Entries must be taken from
 * the DataTransfer synchronously, before the drop handler returns.
 */
export function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0) return Promise.resolve(loose.length > 0 ? loose : Array.from(transfer.files));
  return Promise.all(entries.map((entry) => filesOf(entry, ''))).then((lists) => [...loose, ...lists.flat()]);
}

async function filesOf(entry: FileSystemEntry, prefix: string): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return prefix === '' ? [file] : [new File([file], `${prefix}${file.name}`, { type: file.type, lastModified: file.lastModified })];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map((child) => filesOf(child, `${prefix}${entry.name}/`)));
  return nested.flat();
}
