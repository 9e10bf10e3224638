/**
 * The workbench's address: the view on show and the open document live in the
 * URL's fragment (`#/documents?doc=12`), so a reload comes back to the same
 * place, back and forward step through what was opened, and an address pasted
 * into the bar opens its document. The fragment never reaches the server, so
 * browser mode's token checks see the same requests as before. The last
 * address is also kept per project in local storage, so a restarted app (or a
 * tab opened without one) comes back to where the annotator was.
 */
import { useEffect } from 'react';
import { useDocumentStore } from '../../stores/document-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useUiStore, VIEW_NAMES, type ViewName } from '../../stores/ui-store.js';
import { showView } from './views.js';

/** Where the workbench is: a view, and the document open in the Documents view (shown there or kept under another view). */
export interface Address {
  readonly view: ViewName;
  readonly documentId: number | null;
}

function isView(name: string): name is ViewName {
  return (VIEW_NAMES as readonly string[]).includes(name);
}

function documentId(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const id = Number(text);
  return id > 0 ? id : null;
}

/**
 * The address a URL fragment names, or null when it names none. Besides the
 * form the workbench writes (`#/overview?doc=12`), `#/doc/12` and `#12` open a
 * document, for addresses typed by hand.
 */
export function parseAddress(hash: string): Address | null {
  const fragment = hash.replace(/^#/, '');
  if (fragment === '' || fragment === '/') return null;
  const short = /^(?:\/doc\/)?(\d+)$/.exec(fragment);
  if (short) {
    const id = documentId(short[1]);
    return id === null ? null : { view: 'documents', documentId: id };
  }
  const match = /^\/([a-z]+)\/?(?:\?(.*))?$/.exec(fragment);
  if (!match || !isView(match[1] ?? '')) return null;
  const params = new URLSearchParams(match[2] ?? '');
  return { view: match[1] as ViewName, documentId: documentId(params.get('doc')) };
}

/** The fragment for an address: `#/documents?doc=12`, or `#/overview` with no document open. */
export function formatAddress(address: Address): string {
  return `#/${address.view}${address.documentId !== null ? `?doc=${address.documentId}` : ''}`;
}

/** Where the workbench is now. */
function currentAddress(): Address {
  return { view: useUiStore.getState().view, documentId: useDocumentStore.getState().doc?.id ?? null };
}

/** Local storage key of the last address in the project at `path`. */
export function lastAddressKey(path: string): string {
  return `marginalia.lastAddress:${path}`;
}

function remember(hash: string): void {
  const path = useProjectStore.getState().info?.path;
  if (path === undefined) return;
  try {
    window.localStorage.setItem(lastAddressKey(path), hash);
  } catch {
    // Storage full or refused: the address in the URL still works.
  }
}

/** The address last shown in this project, once its path is known. */
function rememberedAddress(): Promise<Address | null> {
  const read = (path: string): Address | null => {
    try {
      return parseAddress(window.localStorage.getItem(lastAddressKey(path)) ?? '');
    } catch {
      return null;
    }
  };
  const known = useProjectStore.getState().info?.path;
  if (known !== undefined) return Promise.resolve(read(known));
  return new Promise((resolve) => {
    const stop = useProjectStore.subscribe((state) => {
      if (!state.info) return;
      stop();
      resolve(read(state.info.path));
    });
  });
}

let applying = false;

/** Shows what `address` names: its view, and its document when another (or none) is open. */
async function goTo(address: Address): Promise<void> {
  applying = true;
  try {
    if (useUiStore.getState().view !== address.view) showView(address.view);
    const open = useDocumentStore.getState().doc?.id ?? null;
    if (address.documentId !== null && address.documentId !== open) await useDocumentStore.getState().open(address.documentId, null);
  } finally {
    applying = false;
  }
  // A document that could not be opened leaves the address showing what is open instead.
  writeAddress('replace');
}

/** Puts the current place in the URL: a new history entry, or in place of the current one. */
function writeAddress(how: 'push' | 'replace'): void {
  if (applying) return;
  const hash = formatAddress(currentAddress());
  remember(hash);
  if (hash === window.location.hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (how === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** Keeps the URL and the workbench in step for as long as the workbench is mounted. */
export function useAddress(): void {
  useEffect(() => {
    const onNavigate = (): void => {
      const address = parseAddress(window.location.hash);
      if (address) void goTo(address);
      else writeAddress('replace');
    };
    const initial = parseAddress(window.location.hash);
    if (initial) void goTo(initial);
    else {
      // No address given (the app restarted, or a bare link): where the annotator last was in this project.
      void rememberedAddress().then((address) => {
        if (address && parseAddress(window.location.hash) === null) void goTo(address);
        else if (!address) writeAddress('replace');
      });
    }
    let last = formatAddress(currentAddress());
    const onChange = (): void => {
      const now = formatAddress(currentAddress());
      if (now === last) return;
      last = now;
      writeAddress('push');
    };
    const stopUi = useUiStore.subscribe(onChange);
    const stopDocs = useDocumentStore.subscribe(onChange);
    // Back and forward fire popstate; an address edited in the bar fires hashchange.
    window.addEventListener('popstate', onNavigate);
    window.addEventListener('hashchange', onNavigate);
    return () => {
      stopUi();
      stopDocs();
      window.removeEventListener('popstate', onNavigate);
      window.removeEventListener('hashchange', onNavigate);
    };
  }, []);
}
