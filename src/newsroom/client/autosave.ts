/**
 * Autosave that never loses a keystroke: every change is kept in localStorage at once, then sent
 * a few seconds later through the idempotent autosave endpoint. A failed send (network down,
 * server error) is retried with exponential backoff reusing the same client save id, so a request
 * that did reach the server is not saved twice. A conflict (someone else saved) stops autosaving
 * and says so: the local copy stays.
 */

export type SaveState =
  | 'idle'
  | 'dirty'
  | 'saving'
  | 'saved'
  | 'pending'
  | 'offline'
  | 'conflict'
  | 'error';

export const STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  // A live article's autosave is kept aside by the server.
  pending: 'Changes saved as a draft — not live until you press Update',
  offline: 'Offline — will retry',
  conflict: 'Conflict',
  error: 'Not saved',
};

export interface AutosaveOptions {
  articleId: number | null;
  baseRevisionId: number | null;
  csrf: string;
  /** The fields to save now. */
  collect(): Record<string, unknown>;
  onState(state: SaveState, detail?: string): void;
  /** After the first save of a new article (it now has an id) and after every save. */
  onSaved(article: { id: number; headRevisionId: number | null }): void;
  delayMs?: number;
}

interface Snapshot {
  fields: Record<string, unknown>;
  base: number | null;
  at: number;
}

const MAX_BACKOFF = 30_000;

export class Autosave {
  articleId: number | null;
  base: number | null;
  private version = 0;
  private savedVersion = 0;
  private inflight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoff = 1000;
  private clientSaveId = '';
  private idVersion = -1;
  private stopped = false;
  /** The fields as last seen by `changed`, serialized. */
  private kept: string | undefined;

  constructor(private readonly opts: AutosaveOptions) {
    this.articleId = opts.articleId;
    this.base = opts.baseRevisionId;
    window.addEventListener('online', () => this.flush());
  }

  private get key() {
    return `newsdesk:article:${this.articleId ?? 'new'}`;
  }

  /** The unsaved local copy left by an earlier visit, if any. */
  stored(): Snapshot | null {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? (JSON.parse(raw) as Snapshot) : null;
    } catch {
      return null;
    }
  }

  forget() {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage may be disabled; the server copy is what counts then.
    }
  }

  private keep(fields = this.opts.collect()) {
    this.kept = JSON.stringify(fields);
    try {
      const snap: Snapshot = { fields, base: this.base, at: Date.now() };
      localStorage.setItem(this.key, JSON.stringify(snap));
    } catch {
      // Quota or privacy mode: saving to the server still happens.
    }
  }

  get pending(): boolean {
    return this.version !== this.savedVersion;
  }

  /** Call on every change. */
  changed() {
    if (this.stopped) return;
    // A `change` event on blur repeats what `input` already saw: flipping the status then would
    // move the buttons under a click that is on its way (pressing Update right after typing).
    const fields = this.opts.collect();
    if (JSON.stringify(fields) === this.kept) return;
    this.version++;
    this.keep(fields);
    this.opts.onState('dirty');
    this.schedule(this.opts.delayMs ?? 2000);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Stops the timer (the form is being submitted); waits for a save in flight. */
  async settle(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.inflight) await this.inflight;
  }

  flush(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.stopped || !this.pending) return Promise.resolve();
    this.inflight = this.send().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async send() {
    clearTimeout(this.timer);
    const version = this.version;
    const fields = this.opts.collect();
    if (this.idVersion !== version) {
      this.clientSaveId = crypto.randomUUID();
      this.idVersion = version;
    }
    const creating = this.articleId === null;
    if (creating && !String(fields.headline ?? '').trim()) {
      this.opts.onState('dirty', 'Write a headline to start saving.');
      return;
    }
    this.opts.onState('saving');
    let response: Response;
    try {
      response = await fetch(
        creating ? '/admin/api/articles' : `/admin/api/articles/${this.articleId}/autosave`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': this.opts.csrf },
          credentials: 'same-origin',
          body: JSON.stringify(
            creating
              ? fields
              : { baseRevisionId: this.base, clientSaveId: this.clientSaveId, fields },
          ),
        },
      );
    } catch {
      return this.retry('offline');
    }
    if (response.status >= 500) return this.retry('offline');
    const answer = (await response.json().catch(() => ({}))) as {
      article?: { id: number; headRevisionId: number | null };
      pending?: boolean;
      error?: { message?: string };
    };
    if (response.status === 409) {
      this.stopped = true;
      this.opts.onState(
        'conflict',
        'Someone else saved this article. Your text is kept in this browser; reload to see theirs.',
      );
      return;
    }
    if (!response.ok || !answer.article) {
      this.opts.onState(
        'error',
        answer.error?.message ?? `The server answered ${response.status}.`,
      );
      return;
    }
    if (creating) this.forget();
    this.articleId = answer.article.id;
    this.base = answer.article.headRevisionId;
    this.savedVersion = version;
    this.backoff = 1000;
    this.opts.onSaved(answer.article);
    if (this.pending) {
      this.keep();
      this.schedule(500);
    } else {
      this.forget();
      this.opts.onState(answer.pending ? 'pending' : 'saved');
    }
  }

  private retry(state: SaveState) {
    this.opts.onState(state);
    this.schedule(this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF);
  }
}
