/**
 * The article editor island. Without it the edit page is a complete HTML form (the body is a
 * textarea of HTML). With it: a TipTap rich-text editor replaces the textarea (kept in sync, so
 * the form's buttons still post everything), a keyboard-operable toolbar, images from the media
 * library with caption and credit, allowlisted click-to-load embeds, Markdown paste, autosave
 * and the edit-lock heartbeat. No inline styles: TipTap's CSS injection is off (editor.css).
 */
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';
import MarkdownIt from 'markdown-it';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { embedInfo } from '../../text/embeds.js';
import { Autosave, type SaveState, STATE_TEXT } from './autosave.js';
import { Credit, Embed, Figcaption, Figure } from './extensions.js';

const markdown = new MarkdownIt({ html: false, linkify: true });

/** Plain text that is clearly Markdown (headings, lists, quotes, emphasis or links). */
export function looksLikeMarkdown(text: string): boolean {
  return (
    /^(#{1,6} |[-*+] |\d+\. |> )/m.test(text) || /\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\)/.test(text)
  );
}

function slugPreview(headline: string): string {
  return headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

type DialogKind = 'link' | 'image' | 'embed' | 'featuredImageId' | 'socialImageId' | null;
let openDialog: (kind: DialogKind) => void = () => undefined;

interface ToolButton {
  key: string;
  text: string;
  label: string;
  active?: boolean;
  run(): void;
}

function Toolbar(props: { editor: Editor }) {
  const { editor } = props;
  const [, redraw] = useState(0);
  const [current, setCurrent] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    const update = () => redraw((n) => n + 1);
    editor.on('transaction', update);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor]);
  const chain = () => editor.chain().focus();
  const buttons: ToolButton[] = [
    {
      key: 'h2',
      text: 'H2',
      label: 'Heading level 2',
      active: editor.isActive('heading', { level: 2 }),
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: 'h3',
      text: 'H3',
      label: 'Heading level 3',
      active: editor.isActive('heading', { level: 3 }),
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: 'bold',
      text: 'B',
      label: 'Bold',
      active: editor.isActive('bold'),
      run: () => chain().toggleBold().run(),
    },
    {
      key: 'italic',
      text: 'I',
      label: 'Italic',
      active: editor.isActive('italic'),
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'bullets',
      text: '•',
      label: 'Bulleted list',
      active: editor.isActive('bulletList'),
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: 'numbers',
      text: '1.',
      label: 'Numbered list',
      active: editor.isActive('orderedList'),
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: 'quote',
      text: '“',
      label: 'Quote',
      active: editor.isActive('blockquote'),
      run: () => chain().toggleBlockquote().run(),
    },
    {
      key: 'link',
      text: 'Link',
      label: 'Link',
      active: editor.isActive('link'),
      run: () => openDialog('link'),
    },
    {
      key: 'image',
      text: 'Image',
      label: 'Image from the media library',
      run: () => openDialog('image'),
    },
    {
      key: 'embed',
      text: 'Embed',
      label: 'Embed (YouTube, X, Instagram)',
      run: () => openDialog('embed'),
    },
  ];
  const move = (index: number) => {
    const next = (index + buttons.length) % buttons.length;
    setCurrent(next);
    refs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      Home: () => move(0),
      End: () => move(buttons.length - 1),
    };
    const handler = keys[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  };
  return (
    <div
      class="editor-toolbar"
      role="toolbar"
      aria-label="Formatting"
      aria-controls="article-body-editor"
      onKeyDown={onKeyDown}
    >
      {buttons.map((b, i) => (
        <button
          type="button"
          key={b.key}
          data-tool={b.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          tabIndex={i === current ? 0 : -1}
          aria-pressed={b.active === undefined ? undefined : b.active ? 'true' : 'false'}
          class={b.active ? 'is-active' : undefined}
          title={b.label}
          onFocus={() => setCurrent(i)}
          // A pointer press must not take focus from the text: Tiptap refocuses it a frame
          // later, and keys typed in between would land on the button and be lost.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            setCurrent(i);
            b.run();
          }}
        >
          <span aria-hidden="true">{b.text}</span>
          <span class="visually-hidden">{b.label}</span>
        </button>
      ))}
    </div>
  );
}

interface MediaItem {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  thumbnail?: string;
}

function Dialogs(props: { editor: Editor }) {
  const { editor } = props;
  const [kind, setKind] = useState<DialogKind>(null);
  const [error, setError] = useState('');
  const [url, setUrl] = useState('');
  const [image, setImage] = useState({
    src: '',
    alt: '',
    caption: '',
    credit: '',
    width: '',
    height: '',
  });
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<MediaItem[] | null>(null);
  const [searchNote, setSearchNote] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  openDialog = (next) => {
    setError('');
    if (next === 'link') setUrl(String(editor.getAttributes('link').href ?? ''));
    if (next === 'embed') setUrl('');
    if (next === 'image' || next === 'featuredImageId' || next === 'socialImageId') {
      setImage({ src: '', alt: '', caption: '', credit: '', width: '', height: '' });
      setResults(null);
      setSearchNote('');
    }
    setKind(next);
  };
  useEffect(() => {
    if (kind && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [kind]);
  const close = () => {
    dialog.current?.close();
  };
  const onClose = () => {
    const wasPicking = kind === 'featuredImageId' || kind === 'socialImageId';
    setKind(null);
    // A picker hands focus back to its button (the dialog does that); the others to the text.
    if (!wasPicking) editor.commands.focus();
  };
  const applyLink = () => {
    const href = url.trim();
    if (!href) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      return close();
    }
    if (!/^(https?:\/\/|mailto:|\/)/i.test(href)) {
      return setError('Use an address starting with https://, http://, mailto: or /.');
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    close();
  };
  const insertEmbed = () => {
    const info = embedInfo(url);
    if (!info) {
      return setError('Paste a YouTube video, an X (Twitter) post or an Instagram post address.');
    }
    editor
      .chain()
      .focus()
      .insertContent({ type: 'embed', attrs: { url: info.url } })
      .run();
    close();
  };
  const search = async () => {
    setSearchNote('Searching…');
    try {
      const response = await fetch(`/admin/api/media?q=${encodeURIComponent(query)}&perPage=12`, {
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { items: MediaItem[] };
      setResults(body.items);
      setSearchNote(body.items.length ? `${body.items.length} images found.` : 'No images found.');
    } catch {
      setResults([]);
      setSearchNote('The media library could not be reached; enter the image address below.');
    }
  };
  const choose = (item: MediaItem) => {
    if (kind === 'featuredImageId' || kind === 'socialImageId') {
      const input = document.getElementById(`field-${kind}`);
      if (input instanceof HTMLInputElement) {
        input.value = String(item.id);
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return close();
    }
    setImage({
      src: item.url,
      alt: item.alt ?? '',
      caption: item.caption ?? '',
      credit: item.credit ?? '',
      width: item.width ? String(item.width) : '',
      height: item.height ? String(item.height) : '',
    });
    setSearchNote(`Chosen: ${item.alt || item.url}. Check the texts, then insert.`);
  };
  const insertImage = () => {
    if (!image.src.trim()) return setError('Choose an image or enter its address.');
    if (!image.alt.trim())
      return setError('Describe the image (alt text) for readers who cannot see it.');
    const caption: Record<string, unknown>[] = [];
    if (image.caption.trim()) caption.push({ type: 'text', text: image.caption.trim() });
    if (image.credit.trim()) {
      if (caption.length) caption.push({ type: 'text', text: ' ' });
      caption.push({ type: 'text', text: image.credit.trim(), marks: [{ type: 'credit' }] });
    }
    const attrs: Record<string, unknown> = { src: image.src.trim(), alt: image.alt.trim() };
    if (/^\d+$/.test(image.width)) attrs.width = Number(image.width);
    if (/^\d+$/.test(image.height)) attrs.height = Number(image.height);
    editor
      .chain()
      .focus()
      .insertContent({
        type: 'figure',
        content: [
          { type: 'image', attrs },
          ...(caption.length ? [{ type: 'figcaption', content: caption }] : []),
        ],
      })
      .run();
    close();
  };
  const onEnter = (action: () => void) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      action();
    }
  };
  const text = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    action: () => void,
    type = 'text',
  ) => (
    <p class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onInput={(e) => set((e.target as HTMLInputElement).value)}
        onKeyDown={onEnter(action)}
      />
    </p>
  );
  const picking = kind === 'featuredImageId' || kind === 'socialImageId';
  const title =
    kind === 'featuredImageId'
      ? 'Choose the featured image'
      : kind === 'socialImageId'
        ? 'Choose the social image'
        : kind === 'link'
          ? 'Link'
          : kind === 'image'
            ? 'Insert an image'
            : kind === 'embed'
              ? 'Embed a post or video'
              : '';
  return (
    <dialog
      ref={dialog}
      class="editor-dialog"
      aria-labelledby="editor-dialog-title"
      onClose={onClose}
    >
      {kind ? (
        <div>
          <h2 id="editor-dialog-title">{title}</h2>
          {error ? (
            <p class="field__error" role="alert">
              {error}
            </p>
          ) : null}
          {kind === 'link' ? (
            <>
              {text('link-url', 'Address (empty removes the link)', url, setUrl, applyLink, 'url')}
              <p class="editor-dialog__buttons">
                <button type="button" onClick={applyLink}>
                  Apply link
                </button>{' '}
                <button type="button" onClick={close}>
                  Cancel
                </button>
              </p>
            </>
          ) : null}
          {kind === 'embed' ? (
            <>
              <p id="embed-hint">
                Readers see a link; nothing loads from the provider until they follow it.
              </p>
              {text(
                'embed-url',
                'Address of the YouTube video, X post or Instagram post',
                url,
                setUrl,
                insertEmbed,
                'url',
              )}
              <p class="editor-dialog__buttons">
                <button type="button" onClick={insertEmbed}>
                  Insert embed
                </button>{' '}
                <button type="button" onClick={close}>
                  Cancel
                </button>
              </p>
            </>
          ) : null}
          {kind === 'image' || picking ? (
            <>
              <div class="media-search">
                {text(
                  'media-q',
                  'Search the media library',
                  query,
                  setQuery,
                  () => void search(),
                  'search',
                )}
                <p>
                  <button type="button" onClick={() => void search()}>
                    Search
                  </button>
                </p>
                <p role="status" class="media-search__note">
                  {searchNote}
                </p>
                {results?.length ? (
                  <ul class="media-results">
                    {results.map((item) => (
                      <li key={item.id}>
                        <button
                          type="button"
                          onClick={() => choose(item)}
                          data-media-id={String(item.id)}
                        >
                          <img src={item.thumbnail ?? item.url} alt="" width={96} height={64} />
                          <span>{item.alt || item.caption || `Image ${item.id}`}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              {picking ? (
                <p class="editor-dialog__buttons">
                  <button type="button" onClick={close}>
                    Cancel
                  </button>
                </p>
              ) : null}
              {picking
                ? null
                : text(
                    'image-src',
                    'Image address',
                    image.src,
                    (src) => setImage({ ...image, src }),
                    insertImage,
                  )}
              {picking
                ? null
                : text(
                    'image-alt',
                    'Alt text (required)',
                    image.alt,
                    (alt) => setImage({ ...image, alt }),
                    insertImage,
                  )}
              {picking
                ? null
                : text(
                    'image-caption',
                    'Caption',
                    image.caption,
                    (caption) => setImage({ ...image, caption }),
                    insertImage,
                  )}
              {picking
                ? null
                : text(
                    'image-credit',
                    'Credit',
                    image.credit,
                    (credit) => setImage({ ...image, credit }),
                    insertImage,
                  )}
              <p class="editor-dialog__buttons" hidden={picking}>
                <button type="button" onClick={insertImage}>
                  Insert image
                </button>{' '}
                <button type="button" onClick={close}>
                  Cancel
                </button>
              </p>
            </>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}

function fieldsOf(form: HTMLFormElement, editor: Editor): Record<string, unknown> {
  const data = new FormData(form);
  const s = (name: string) => String(data.get(name) ?? '');
  const ids = (name: string) =>
    data
      .getAll(name)
      .map((v) => Number(v))
      .filter((n) => Number.isInteger(n) && n > 0);
  const optionalId = (name: string) => {
    const n = Number(s(name).trim());
    return s(name).trim() && Number.isInteger(n) && n > 0 ? n : null;
  };
  const fields: Record<string, unknown> = {
    dek: s('dek').slice(0, 1000),
    slug: s('slug').slice(0, 200),
    bodyHtml: editor.getHTML(),
    primaryCategoryId: optionalId('primaryCategoryId'),
    categoryIds: ids('categoryIds'),
    tags: s('tags')
      .split(',')
      .map((t) => t.trim().slice(0, 100))
      .filter(Boolean),
    featuredImageId: optionalId('featuredImageId'),
    socialImageId: optionalId('socialImageId'),
    seoTitle: s('seoTitle').slice(0, 300),
    seoDescription: s('seoDescription').slice(0, 1000),
    commentStatus: s('commentStatus') === 'closed' ? 'closed' : 'open',
    dir: s('dir') === 'ltr' || s('dir') === 'rtl' ? s('dir') : null,
  };
  const headline = s('headline').trim();
  if (headline) fields.headline = headline.slice(0, 300);
  const authors = ids('authorIds');
  if (authors.length) fields.authorIds = authors;
  const lang = s('lang').trim();
  if (!lang) fields.lang = null;
  else if (/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) fields.lang = lang;
  return fields;
}

/** Puts stored fields back into the form and the editor (an unsaved local copy). */
function restoreFields(form: HTMLFormElement, editor: Editor, fields: Record<string, unknown>) {
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'bodyHtml') {
      editor.commands.setContent(String(value ?? ''));
      continue;
    }
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLSelectElement && control.multiple && Array.isArray(value)) {
      for (const option of control.options)
        option.selected = value.map(String).includes(option.value);
    } else if (
      control instanceof HTMLInputElement ||
      control instanceof HTMLTextAreaElement ||
      control instanceof HTMLSelectElement
    ) {
      control.value = Array.isArray(value) ? value.join(', ') : value === null ? '' : String(value);
    }
  }
}

function toLocalInput(utc: string): string {
  const t = Date.parse(`${utc}Z`);
  if (Number.isNaN(t)) return utc;
  const local = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

function start() {
  const form = document.getElementById('article-form');
  const textarea = document.getElementById('field-bodyHtml');
  const island = document.getElementById('editor-island');
  if (!(form instanceof HTMLFormElement) || !(textarea instanceof HTMLTextAreaElement) || !island)
    return;
  const csrf = form.dataset.csrf ?? '';
  const statusEl = document.getElementById('autosave-status');
  const baseInput = form.elements.namedItem('baseRevisionId') as HTMLInputElement | null;
  const tz = form.elements.namedItem('tzOffset') as HTMLInputElement | null;
  if (tz) tz.value = String(new Date().getTimezoneOffset());
  const scheduleInput = form.elements.namedItem('scheduleAt') as HTMLInputElement | null;
  if (scheduleInput?.value) scheduleInput.value = toLocalInput(scheduleInput.value);
  const schedHint = document.getElementById('field-scheduleAt-hint');
  if (schedHint) schedHint.textContent = 'In your local time.';

  const host = document.createElement('div');
  host.className = 'editor-surface';
  island.append(host);
  const toolbarHost = document.createElement('div');
  island.prepend(toolbarHost);
  const dialogHost = document.createElement('div');
  form.after(dialogHost);
  form.classList.add('is-enhanced');

  let autosave: Autosave | undefined;
  const editor: Editor = new Editor({
    element: host,
    injectCSS: false,
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, link: false, codeBlock: false }),
      Link.configure({ openOnClick: false, autolink: true, defaultProtocol: 'https' }),
      Image.configure({ inline: false, allowBase64: false }),
      Figure,
      Figcaption,
      Credit,
      Embed,
    ],
    content: textarea.value,
    editorProps: {
      attributes: {
        id: 'article-body-editor',
        class: 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
        'aria-describedby': 'body-help',
      },
      handlePaste: (_view, event) => {
        const data = event.clipboardData;
        if (!data || data.types.includes('text/html')) return false;
        const text = data.getData('text/plain');
        if (!text || !looksLikeMarkdown(text)) return false;
        editor.chain().focus().insertContent(markdown.render(text)).run();
        return true;
      },
    },
    onUpdate: () => {
      textarea.value = editor.getHTML();
      autosave?.changed();
    },
  });
  const help = document.getElementById('field-bodyHtml-hint');
  if (help) {
    help.id = 'body-help';
    help.textContent =
      'Rich text. Toolbar: arrow keys move between buttons. Pasted Markdown becomes formatting.';
  }
  for (const name of ['featuredImageId', 'socialImageId'] as const) {
    const input = document.getElementById(`field-${name}`);
    if (!input) continue;
    const pick = document.createElement('button');
    pick.type = 'button';
    pick.className = 'pick-image';
    pick.dataset.pick = name;
    pick.textContent = name === 'featuredImageId' ? 'Choose featured image' : 'Choose social image';
    pick.addEventListener('click', () => openDialog(name));
    input.after(pick);
  }
  render(<Toolbar editor={editor} />, toolbarHost);
  render(<Dialogs editor={editor} />, dialogHost);

  const setState = (state: SaveState, detail?: string) => {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    statusEl.textContent = detail
      ? `${STATE_TEXT[state]}${STATE_TEXT[state] ? ': ' : ''}${detail}`
      : STATE_TEXT[state];
  };
  const idAttr = form.dataset.articleId;
  autosave = new Autosave({
    articleId: idAttr ? Number(idAttr) : null,
    baseRevisionId: baseInput?.value ? Number(baseInput.value) : null,
    csrf,
    collect: () => fieldsOf(form, editor),
    onState: setState,
    onSaved: (article) => {
      if (baseInput) baseInput.value = article.headRevisionId ? String(article.headRevisionId) : '';
      if (!form.dataset.articleId) {
        form.dataset.articleId = String(article.id);
        form.action = `/admin/articles/${article.id}/edit/`;
        history.replaceState(null, '', `/admin/articles/${article.id}/edit/`);
        startHeartbeat(article.id);
      }
    },
  });

  const stored = autosave.stored();
  if (stored) {
    const current = JSON.stringify(fieldsOf(form, editor));
    if (JSON.stringify(stored.fields) === current) autosave.forget();
    else if (stored.base === autosave.base) {
      restoreFields(form, editor, stored.fields);
      textarea.value = editor.getHTML();
      autosave.changed();
      setState('dirty', 'Restored your unsaved changes from this browser.');
    } else {
      setState('conflict', 'This browser holds unsaved changes to an older version.');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Restore my unsaved copy';
      button.addEventListener('click', () => {
        restoreFields(form, editor, stored.fields);
        textarea.value = editor.getHTML();
        button.remove();
        autosave?.changed();
      });
      statusEl?.after(button);
    }
  }

  const headline = form.elements.namedItem('headline') as HTMLInputElement | null;
  const slug = form.elements.namedItem('slug') as HTMLInputElement | null;
  const updateSlugHint = () => {
    if (headline && slug) slug.placeholder = slugPreview(headline.value);
  };
  updateSlugHint();
  const ignored = new Set(['scheduleAt', 'tzOffset', 'intent']);
  const onFieldChange = (event: Event) => {
    const target = event.target as HTMLInputElement | null;
    if (!target?.name || ignored.has(target.name) || !form.contains(target)) return;
    if (target.name === 'headline') updateSlugHint();
    autosave?.changed();
  };
  form.addEventListener('input', onFieldChange);
  form.addEventListener('change', onFieldChange);

  let resubmitting = false;
  form.addEventListener('submit', (event) => {
    if (resubmitting) return;
    textarea.value = editor.getHTML();
    // A save in flight moves the head revision: wait for it so the form's base is current.
    event.preventDefault();
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    void autosave!.settle().then(() => {
      autosave!.forget();
      resubmitting = true;
      // MUST leave the current submit event first: a form ignores submits while it fires one.
      setTimeout(() => form.requestSubmit(submitter ?? undefined), 0);
    });
  });

  function startHeartbeat(id: number) {
    setInterval(async () => {
      try {
        const response = await fetch(`/admin/api/articles/${id}/lock/heartbeat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: '{}',
        });
        if (response.status === 409 && !document.getElementById('edit-lock')) {
          const banner = document.createElement('div');
          banner.className = 'edit-lock';
          banner.id = 'edit-lock';
          banner.setAttribute('role', 'alert');
          banner.textContent = 'Someone else has taken over editing this article.';
          form?.before(banner);
        }
      } catch {
        // Offline: the autosave status says so already.
      }
    }, 30_000);
  }
  if (idAttr) startHeartbeat(Number(idAttr));

  // Leaving the editor frees the lock at once instead of after its two minutes. Not when the
  // form is being posted: the edit page it leads to takes the lock again, and a late beacon
  // would release that. `_csrf` in the body because a beacon cannot set headers.
  window.addEventListener('pagehide', () => {
    const id = form.dataset.articleId;
    if (!id || resubmitting) return;
    navigator.sendBeacon(
      `/admin/api/articles/${id}/lock/release`,
      new URLSearchParams({ _csrf: csrf }),
    );
  });
}

start();
