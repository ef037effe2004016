/**
 * Progressive enhancement of the moderation queue. Without it every action is a plain form post;
 * with it actions happen in place and the keyboard drives the queue: j/k next/previous, a approve,
 * s spam, t trash. Shortcuts never fire while typing in a field or with a modifier key held.
 */

const SHORTCUT_ACTIONS: Record<string, string> = { a: 'approve', s: 'spam', t: 'trash' };

function items(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.mod-item'));
}

function currentItem(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>('.mod-item') : null;
}

function announce(text: string) {
  const live = document.getElementById('mod-live');
  if (live) live.textContent = text;
}

function focusItem(item: HTMLElement | undefined) {
  if (!item) return;
  item.focus();
  item.scrollIntoView({ block: 'nearest' });
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function updateCounts(counts: Record<string, number>) {
  for (const el of document.querySelectorAll<HTMLElement>('[data-count-for]')) {
    const n = counts[el.dataset.countFor ?? ''];
    if (typeof n === 'number') el.textContent = String(n);
  }
}

const busy = new WeakSet<HTMLFormElement>();

/** Sends one item's action in place; falls back to a normal form post when that fails. */
async function act(form: HTMLFormElement, action: string) {
  if (busy.has(form)) return;
  busy.add(form);
  const item = form.closest<HTMLElement>('.mod-item');
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form))
    if (typeof value === 'string') body.append(name, value);
  body.set('action', action);
  try {
    // `form.action` would be the buttons named "action" (DOM named access): read the attribute.
    const response = await fetch(form.getAttribute('action') ?? '', {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(String(response.status));
    const result = (await response.json()) as { counts: Record<string, number> };
    updateCounts(result.counts);
    const all = items();
    const index = item ? all.indexOf(item) : -1;
    const next = all[index + 1] ?? all[index - 1];
    const name = item?.querySelector('.mod-item__heading')?.firstChild?.textContent ?? 'comment';
    item?.closest('li')?.remove();
    const label = form.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
    announce(`${label?.textContent ?? action}: ${name}.`);
    if (next) focusItem(next);
    else {
      const queue = document.querySelector('.mod-queue');
      if (queue) queue.insertAdjacentHTML('afterend', '<p class="empty">Nothing here.</p>');
      document.getElementById('main')?.focus();
    }
  } catch {
    busy.delete(form);
    // The plain form post always works: let the server do it and show the page.
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'action';
    input.value = action;
    form.append(input);
    HTMLFormElement.prototype.submit.call(form);
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('mod-actions')) return;
  const submitter = (event as SubmitEvent).submitter;
  const action = submitter instanceof HTMLButtonElement ? submitter.value : '';
  if (!action || action === 'delete') return; // Deleting for good stays a full, deliberate post.
  event.preventDefault();
  void act(form, action);
});

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  if (isTyping(event.target)) return;
  const key = event.key.toLowerCase();
  const all = items();
  if (!all.length) return;
  const current = currentItem();
  const index = current ? all.indexOf(current) : -1;
  if (key === 'j') {
    event.preventDefault();
    focusItem(all[Math.min(index + 1, all.length - 1)]);
  } else if (key === 'k') {
    event.preventDefault();
    focusItem(all[Math.max(index - 1, 0)]);
  } else if (key in SHORTCUT_ACTIONS && current) {
    const action = SHORTCUT_ACTIONS[key]!;
    const form = current.querySelector<HTMLFormElement>('form.mod-actions');
    if (!form?.querySelector(`button[data-action="${action}"]`)) return;
    event.preventDefault();
    void act(form, action);
  }
});
