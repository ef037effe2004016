/**
 * The reader's click-to-load embeds. The article page stores an embed as a figure with a link to
 * the provider (`src/text/embeds.ts`), which is all a reader without JavaScript gets. This island
 * adds a button that names the company it connects to; only a click inserts the player, so
 * opening the page sends nothing to the provider.
 */
import { embedInfo, embedLoadLabel } from '../../text/embeds.js';

for (const figure of document.querySelectorAll<HTMLElement>('figure[data-embed]')) {
  const link = figure.querySelector('a');
  const info = link ? embedInfo(link.getAttribute('href') ?? '') : null;
  // The sanitizer already checked this; the island trusts only what it can check again.
  if (!link || !info || info.kind !== figure.dataset.embed) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'embed__load';
  button.textContent = embedLoadLabel(info);
  button.addEventListener('click', () => {
    const frame = document.createElement('iframe');
    frame.src = info.frameSrc;
    frame.title = `${info.provider}: ${info.url}`;
    frame.className = `embed__frame embed__frame--${info.kind}`;
    frame.allow = 'encrypted-media; picture-in-picture; fullscreen';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    button.replaceWith(frame);
    frame.focus();
  });
  figure.classList.add('embed');
  figure.prepend(button);
}
