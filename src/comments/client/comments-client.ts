/**
 * Progressive enhancement of the comments section; everything works without it. With it:
 * Reply moves the form under the comment (Cancel puts it back), the form posts in place, and new
 * approved comments arrive live over Server-Sent Events with the count in the heading kept current.
 * Bundled by esbuild to a fingerprinted file under /assets/ (the CSP allows no inline script).
 */

interface PostAnswer {
  comment?: { id: number; parentId: number | null; status: string; html: string | null };
  count?: number;
  message?: string;
  error?: { code: string; message: string; fieldMessages?: Record<string, string> };
}

interface LiveComment {
  id: number;
  parentId: number | null;
  count: number;
  html: string;
}

const FIELD_IDS: Record<string, string> = {
  text: 'comment-body',
  name: 'comment-name',
  email: 'comment-email',
  url: 'comment-url',
  form: 'comment-submit',
};

function init(section: HTMLElement) {
  const form = section.querySelector<HTMLFormElement>('#respond');
  const list = section.querySelector<HTMLOListElement>('#comment-list');
  const heading = section.querySelector<HTMLElement>('#comments-title');
  const live = section.querySelector<HTMLElement>('#comments-live');
  const msg = (name: string) => section.dataset[name] ?? '';
  const order = section.dataset.order === 'newest' ? 'newest' : 'oldest';

  function announce(text: string) {
    if (!live) return;
    live.textContent = '';
    // A fresh text node after clearing makes screen readers announce repeats too.
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  function setCount(count: number) {
    if (!heading) return;
    heading.dataset.count = String(count);
    heading.textContent =
      count === 0
        ? msg('msgNone')
        : count === 1
          ? msg('msgOne')
          : msg('msgMany').replace('{count}', String(count));
  }

  function fragment(html: string): HTMLElement | null {
    // The HTML is rendered by our server from escaped and sanitized parts, like the page itself.
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild as HTMLElement | null;
  }

  /** Places a rendered comment under its parent, or in the top-level list; false when it has no place here. */
  function place(item: HTMLElement, parentId: number | null, ownComment: boolean): boolean {
    if (document.getElementById(item.id)) return true;
    if (parentId !== null) {
      const parent = document.getElementById(`comment-${parentId}`);
      if (!parent) return false;
      let replies = parent.querySelector<HTMLOListElement>(':scope > ol.comment-list--replies');
      if (!replies) {
        if (parent.querySelector(':scope > .comment__continue')) return false;
        replies = document.createElement('ol');
        replies.className = 'comment-list comment-list--replies';
        const card = parent.querySelector(':scope > article');
        card?.after(replies);
      }
      replies.append(item);
    } else {
      if (!list || (!ownComment && section.dataset.liveInsert !== 'top-level')) return false;
      if (order === 'newest') list.prepend(item);
      else list.append(item);
    }
    section.querySelector('.comments__empty')?.remove();
    item.classList.add('comment--new');
    return true;
  }

  // Reply: move the form under the comment; Cancel puts it back where it was.
  if (form) {
    const home = document.createElement('div');
    home.hidden = true;
    form.before(home);
    const parentField = form.querySelector<HTMLInputElement>('#comment-parent');
    const title = form.querySelector<HTMLElement>('#respond-title');
    const cancel = form.querySelector<HTMLAnchorElement>('#cancel-comment-reply-link');
    const textArea = form.querySelector<HTMLTextAreaElement>('#comment-body');

    const setTitle = (text: string) => {
      const first = title?.firstChild;
      if (first && first.nodeType === Node.TEXT_NODE) first.textContent = `${text} `;
    };

    const replyTo = (id: string, name: string) => {
      const item = document.getElementById(`comment-${id}`);
      const card = item?.querySelector(':scope > article');
      if (!card || !parentField) return false;
      card.after(form);
      parentField.value = id;
      setTitle(msg('msgReplyTo').replace('{name}', name));
      if (cancel) cancel.hidden = false;
      textArea?.focus();
      return true;
    };

    const cancelReply = () => {
      home.after(form);
      if (parentField) parentField.value = '';
      setTitle(msg('msgLeave'));
      if (cancel) cancel.hidden = true;
    };

    section.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-reply-to]');
      if (link && replyTo(link.dataset.replyTo ?? '', link.dataset.replyName ?? '')) {
        event.preventDefault();
      }
    });
    cancel?.addEventListener('click', (event) => {
      event.preventDefault();
      cancelReply();
      textArea?.focus();
    });

    // Post in place.
    const errorsBox = form.querySelector<HTMLElement>('#comment-form-errors');
    const submit = form.querySelector<HTMLButtonElement>('#comment-submit');
    const status = document.createElement('p');
    status.className = 'comment-form__status';
    status.setAttribute('role', 'status');
    form.append(status);

    const clearErrors = () => {
      for (const el of form.querySelectorAll('.field__error')) el.remove();
      for (const el of form.querySelectorAll('[aria-invalid]')) {
        el.removeAttribute('aria-invalid');
        const ids = (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter((x) => x && !x.endsWith('-error'));
        if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
        else el.removeAttribute('aria-describedby');
      }
      if (errorsBox) {
        errorsBox.hidden = true;
        errorsBox.replaceChildren();
      }
    };

    const showErrors = (fieldMessages: Record<string, string>) => {
      const items: HTMLLIElement[] = [];
      for (const [field, message] of Object.entries(fieldMessages)) {
        const id = FIELD_IDS[field];
        const input = id ? document.getElementById(id) : null;
        if (!input || !id) continue;
        const note = document.createElement('span');
        note.className = 'field__error';
        note.id = `${id}-error`;
        note.textContent = message;
        input.before(note);
        input.setAttribute('aria-invalid', 'true');
        const described = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', described ? `${note.id} ${described}` : note.id);
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `#${id}`;
        a.textContent = message;
        li.append(a);
        items.push(li);
      }
      if (errorsBox && items.length) {
        const ul = document.createElement('ul');
        ul.append(...items);
        errorsBox.replaceChildren(ul);
        errorsBox.hidden = false;
      }
      (
        document.getElementById(FIELD_IDS[Object.keys(fieldMessages)[0] ?? ''] ?? '') as
          | HTMLElement
          | undefined
      )?.focus();
    };

    form.addEventListener('submit', async (event) => {
      if (!window.fetch) return;
      event.preventDefault();
      clearErrors();
      status.textContent = msg('msgPosting');
      if (submit) submit.disabled = true;
      try {
        const response = await fetch('/api/comments', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
          body: new URLSearchParams(
            [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]),
          ),
        });
        const answer = (await response.json().catch(() => ({}))) as PostAnswer;
        if (response.ok && answer.comment) {
          const parentId = answer.comment.parentId;
          const item = answer.comment.html ? fragment(answer.comment.html) : null;
          cancelReply();
          if (item) place(item, parentId, true);
          if (typeof answer.count === 'number') setCount(answer.count);
          if (textArea) textArea.value = '';
          status.textContent = answer.message ?? '';
          item?.scrollIntoView({ block: 'nearest' });
        } else if (answer.error?.fieldMessages) {
          status.textContent = '';
          showErrors(answer.error.fieldMessages);
        } else {
          status.textContent = answer.error?.message ?? msg('msgFailed');
        }
      } catch {
        status.textContent = msg('msgFailed');
      } finally {
        if (submit) submit.disabled = false;
      }
    });
  }

  // Live updates.
  const streamUrl = section.dataset.stream;
  if (streamUrl && 'EventSource' in window) {
    const source = new EventSource(streamUrl);
    source.addEventListener('open', () => {
      section.dataset.live = 'open';
    });
    source.addEventListener('comment', (event) => {
      let data: LiveComment;
      try {
        data = JSON.parse((event as MessageEvent<string>).data) as LiveComment;
      } catch {
        return;
      }
      setCount(data.count);
      if (document.getElementById(`comment-${data.id}`)) return;
      const item = fragment(data.html);
      if (item && place(item, data.parentId, false)) announce(msg('msgNew'));
    });
    window.addEventListener('pagehide', () => source.close());
  }
}

const section = document.getElementById('comments');
if (section) init(section);
