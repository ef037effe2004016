import { Mark, Node } from '@tiptap/core';
import { embedInfo, embedLabel } from '../../text/embeds.js';

/** `<figure>` holding one image and an optional caption (the sanitizer keeps both). */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'image figcaption?',
  isolating: true,
  draggable: true,
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (el) => ((el as HTMLElement).querySelector('img') ? null : false),
      },
    ];
  },
  renderHTML() {
    return ['figure', 0];
  },
});

export const Figcaption = Node.create({
  name: 'figcaption',
  content: 'inline*',
  parseHTML() {
    return [{ tag: 'figcaption' }];
  },
  renderHTML() {
    return ['figcaption', 0];
  },
});

/** The photo credit inside a caption: `<small>`. */
export const Credit = Mark.create({
  name: 'credit',
  parseHTML() {
    return [{ tag: 'small' }];
  },
  renderHTML() {
    return ['small', 0];
  },
});

/** A click-to-load embed: a figure with one link to an allowlisted provider, nothing loaded. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return { url: { default: null } };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        priority: 60,
        getAttrs: (el) => {
          const figure = el as HTMLElement;
          if (figure.querySelector('img')) return false;
          const link = figure.querySelector('a');
          const info = link ? embedInfo(link.getAttribute('href') ?? '') : null;
          return info ? { url: info.url } : false;
        },
      },
    ];
  },
  renderHTML({ node }) {
    const info = embedInfo(String(node.attrs.url ?? ''));
    if (!info) return ['p', 'Embed removed: the address is not on the allowlist.'];
    return [
      'figure',
      { 'data-embed': info.kind },
      ['a', { href: info.url, rel: 'noopener' }, `${embedLabel(info)}: ${info.url}`],
    ];
  },
});
