import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { printable } from '../../src/comments/comment-text.js';
import { commentSite } from '../comments-support.js';
import { launchChromium } from '../support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from '../support/html-validator.js';
import { chromiumSkip } from '../support/services-available.js';
import type { TestSite } from '../support/test-site.js';

const skip = chromiumSkip() || javaSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let path: string;
let articleId: number;

/**
 * At least 200 hostile comment texts. Each would call `xss(n)` if it ever ran; the browser runs
 * with the CSP bypassed, so only escaping and sanitizing stand between them and execution.
 */
function hostileCorpus(): string[] {
  const out: string[] = [];
  const add = (make: (n: number) => string) => out.push(make(out.length));

  // Script elements, obfuscated and in contexts that try to close ours.
  for (const wrap of [
    (n: number) => `<script>xss(${n})</script>`,
    (n: number) => `<SCRIPT>xss(${n})</SCRIPT>`,
    (n: number) => `<script/x>xss(${n})</script>`,
    (n: number) => `<script src="data:text/javascript,xss(${n})"></script>`,
    (n: number) => `<scr<script>ipt>xss(${n})</scr</script>ipt>`,
    (n: number) => `"><script>xss(${n})</script>`,
    (n: number) => `'><script>xss(${n})</script>`,
    (n: number) => `</textarea><script>xss(${n})</script>`,
    (n: number) => `</title><script>xss(${n})</script>`,
    (n: number) => `--><script>xss(${n})</script>`,
    (n: number) => `]]><script>xss(${n})</script>`,
    (n: number) => `<<script>xss(${n});//<</script>`,
    (n: number) => `<script>/*</script>*/xss(${n})</script>`,
    (n: number) => `<noscript><p title="</noscript><script>xss(${n})</script>">`,
    (n: number) => `<template><script>xss(${n})</script></template>`,
    (n: number) => `<div><script>xss(${n})</script></div>`,
    (n: number) => `</p></div></article></li></ol><script>xss(${n})</script>`,
    (n: number) => `</bdi></span><script>xss(${n})</script>`,
    (n: number) => `<script type="module">xss(${n})</script>`,
    (n: number) => `<script>eval(atob('eHNz'))(${n})</script>`,
  ])
    add(wrap);

  // Event handlers on many elements, in every quoting style.
  const tags = [
    (h: string) => `<img src=x ${h}>`,
    (h: string) => `<svg ${h}>`,
    (h: string) => `<body ${h}>`,
    (h: string) => `<video src=x ${h}>`,
    (h: string) => `<audio src=x ${h}>`,
    (h: string) => `<details open ${h}>`,
    (h: string) => `<input autofocus ${h}>`,
    (h: string) => `<iframe ${h}></iframe>`,
    (h: string) => `<object data=x ${h}></object>`,
    (h: string) => `<marquee ${h}>x</marquee>`,
    (h: string) => `<select autofocus ${h}>`,
    (h: string) => `<textarea autofocus ${h}></textarea>`,
    (h: string) => `<div ${h}>hover</div>`,
    (h: string) => `<a href="https://example.org" ${h}>link</a>`,
    (h: string) => `<math ${h}>x</math>`,
    (h: string) => `<button ${h}>b</button>`,
    (h: string) => `<style ${h}></style>`,
    (h: string) => `<link rel=stylesheet href=x ${h}>`,
    (h: string) => `<em ${h}>em</em>`,
    (h: string) => `<blockquote ${h}>q</blockquote>`,
  ];
  const events = ['onerror', 'onload', 'onfocus', 'onmouseover', 'ontoggle', 'onstart'];
  const styles = [
    (e: string, n: number) => `${e}="xss(${n})"`,
    (e: string, n: number) => `${e}=xss(${n})`,
    (e: string, n: number) => `/${e}='xss(${n})'`,
    (e: string, n: number) => `${e}=&#120;ss(${n})`,
  ];
  tags.forEach((tag, t) => {
    styles.forEach((style, s) => {
      add((n) => tag(style(events[(t + s) % events.length]!, n)));
    });
  });

  // javascript:, data: and friends in Markdown links, autolinks and raw anchors.
  for (const url of [
    'javascript:xss(N)',
    'JaVaScRiPt:xss(N)',
    'java\tscript:xss(N)',
    '&#106;avascript:xss(N)',
    'javascript&colon;xss(N)',
    '  javascript:xss(N)',
    'data:text/html;base64,PHNjcmlwdD54c3MoMSk8L3NjcmlwdD4=',
    'data:text/html,<script>xss(N)</script>',
    'vbscript:msgbox(N)',
    'jav&#x09;ascript:xss(N)',
    '\u0001javascript:xss(N)',
    'javascript://%0axss(N)',
  ]) {
    add((n) => `[click me](${url.replace('N', String(n))})`);
    add((n) => `<a href="${url.replace('N', String(n))}">raw link</a>`);
  }
  add((n) => `<javascript:xss(${n})>`);
  add((n) => `![img](javascript:xss(${n}))`);
  add((n) => `![img](https://example.org/x.png" onerror="xss(${n}))`);
  add((n) => `[x](https://example.org/" onmouseover="xss(${n}))`);
  add((n) => `[x](<javascript:xss(${n})>)`);
  add((n) => `[x][ref]\n\n[ref]: javascript:xss(${n})`);

  // SVG and MathML.
  for (const make of [
    (n: number) => `<svg><script>xss(${n})</script></svg>`,
    (n: number) => `<svg><animate onbegin=xss(${n}) attributeName=x dur=1s>`,
    (n: number) => `<svg><a xlink:href="javascript:xss(${n})"><text x=20 y=20>X</text></a></svg>`,
    (n: number) =>
      `<svg><foreignObject><iframe srcdoc="<script>parent.xss(${n})</script>"></iframe></foreignObject></svg>`,
    (n: number) => `<svg/onload=xss(${n})>`,
    (n: number) => `<svg><set attributeName=onmouseover to=xss(${n})>`,
    (n: number) =>
      `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='xss(${n})'/></svg>#x"/></svg>`,
    (n: number) => `<math><mtext><table><mglyph><style><img src=x onerror=xss(${n})>`,
    (n: number) => `<math href="javascript:xss(${n})">click</math>`,
    (n: number) => `<svg><style><img src=x onerror=xss(${n})></style></svg>`,
  ])
    add(make);

  // Broken and unbalanced markup.
  for (const make of [
    (n: number) => `<img src="x" onerror="xss(${n})"`,
    (n: number) => `<img src=x onerror=xss(${n})//`,
    (n: number) => `<<img src=x onerror=xss(${n})>>`,
    (n: number) => `<img """><script>xss(${n})</script>">`,
    (n: number) => `<iframe src=javascript:xss(${n})`,
    (n: number) => `<!--<img src="--><img src=x onerror=xss(${n})//">`,
    (n: number) => `<![CDATA[<script>xss(${n})</script>]]>`,
    (n: number) => `<?xml version="1.0"?><script>xss(${n})</script>`,
    (n: number) => `<a href="https://example.org>unclosed <img src=x onerror=xss(${n})>`,
    (n: number) => `<p <img src=x onerror=xss(${n})>>`,
    (n: number) => `<b><i><u>nest <img src=x onerror=xss(${n})></b>`,
    (n: number) => `<table><tr><td><img src=x onerror=xss(${n})></td>`,
    (n: number) => `<a/href="javascript:xss(${n})">slash</a>`,
    (n: number) => `<img src=x:x onerror=xss(${n})\u0000>`,
    (n: number) => `</script><script>xss(${n})</script>`,
    (n: number) => `<listing>&lt;img src=x onerror=xss(${n})&gt;</listing>`,
  ])
    add(make);

  // Unicode tricks: bidi overrides, full-width and zero-width characters, escapes as text.
  for (const make of [
    (n: number) => `\u202E<script>xss(${n})</script>\u202C`,
    (n: number) => `harmless \u202Egpj.exe <img src=x onerror=xss(${n})>`,
    (n: number) => `\u2066<img src=x onerror=xss(${n})>\u2069`,
    (n: number) => `＜script＞xss(${n})＜/script＞`,
    (n: number) => `<scr\u200Bipt>xss(${n})</scr\u200Bipt>`,
    (n: number) => `\uFEFF<script>xss(${n})</script>`,
    (n: number) => `<scr\u0000ipt>xss(${n})</script>`,
    (n: number) => `\u003cscript\u003exss(${n})\u003c/script\u003e`,
    (n: number) => `%3Cscript%3Exss(${n})%3C/script%3E`,
    (n: number) => `&lt;script&gt;xss(${n})&lt;/script&gt;`,
    (n: number) => `&#60;script&#62;xss(${n})&#60;/script&#62;`,
    (n: number) => `&#x3C;img src=x onerror=xss(${n})&#x3E;`,
    (n: number) => `😀<img src=x onerror=xss(${n})>😀`,
    (n: number) => `e\u0301\u0301\u0301<img src=x onerror=xss(${n})>`,
    (n: number) => `ｊａｖａｓｃｒｉｐｔ:xss(${n})`,
    (n: number) => `\u2028<script>xss(${n})</script>\u2029`,
    (n: number) => `İ ı <img src=x onerror=xss(${n})> ğ`,
    (n: number) => `مرحبا \u202B<img src=x onerror=xss(${n})>\u202C`,
  ])
    add(make);

  // Markdown that tries to smuggle markup through the allowlist.
  for (const make of [
    (n: number) => `\`<script>xss(${n})</script>\``,
    (n: number) => `> <img src=x onerror=xss(${n})>`,
    (n: number) => `*<img src=x onerror=xss(${n})>*`,
    (n: number) => `**[bold](javascript:xss(${n}))**`,
    (n: number) => `https://example.org/"><script>xss(${n})</script>`,
    (n: number) => `www.example.org/<img src=x onerror=xss(${n})>`,
    (n: number) => `https://example.org/?a="onmouseover=xss(${n})`,
    (n: number) => `[<img src=x onerror=xss(${n})>](https://example.org)`,
    (n: number) => `\`\`\`\n<script>xss(${n})</script>\n\`\`\``,
    (n: number) => `    <script>xss(${n})</script>`,
    (n: number) => `# <script>xss(${n})</script>`,
    (n: number) => `<https://example.org/<script>xss(${n})</script>>`,
    (n: number) => `_<svg onload=xss(${n})>_`,
    (n: number) => `[a](https://example.org 'title" onmouseover="xss(${n})')`,
  ])
    add(make);

  // Everything else that has carried script somewhere.
  for (const make of [
    (n: number) => `{{constructor.constructor('xss(${n})')()}}`,
    (n: number) => `\${xss(${n})}`,
    (n: number) => `<style>@import 'javascript:xss(${n})';</style>`,
    (n: number) => `<div style="background:url(javascript:xss(${n}))">style</div>`,
    (n: number) => `<meta http-equiv="refresh" content="0;url=javascript:xss(${n})">`,
    (n: number) => `<base href="javascript:xss(${n})//">`,
    (n: number) => `<form action="javascript:xss(${n})"><button>go</button></form>`,
    (n: number) => `<isindex action=javascript:xss(${n}) type=image>`,
    (n: number) => `<embed src="javascript:xss(${n})">`,
    (n: number) => `<iframe srcdoc="&lt;script&gt;parent.xss(${n})&lt;/script&gt;"></iframe>`,
    (n: number) => `<object data="data:text/html,<script>parent.xss(${n})</script>"></object>`,
    (n: number) => `<a href="#" onclick="xss(${n})">click</a>`,
    (n: number) => `<input type=image src=x onerror=xss(${n})>`,
    (n: number) => `<frameset onload=xss(${n})>`,
    (n: number) => `<xss id=x tabindex=1 onfocus=xss(${n})></xss>`,
    (n: number) => `<img srcset="x 1x" onerror=xss(${n})>`,
    (n: number) => `<picture><source srcset=x><img src=x onerror=xss(${n})></picture>`,
    (n: number) => `<keygen autofocus onfocus=xss(${n})>`,
    (n: number) => `<body background="javascript:xss(${n})">`,
    (n: number) => `<table background="javascript:xss(${n})">`,
    (n: number) => `<img dynsrc="javascript:xss(${n})">`,
    (n: number) => `<!--[if gte IE 4]><script>xss(${n})</script><![endif]-->`,
    (n: number) => `<a href="https://example.org" target="_blank" rel="opener">tab</a> xss(${n})`,
    (n: number) => `<portal src="javascript:xss(${n})"></portal>`,
  ])
    add(make);
  return out;
}

before(async () => {
  if (skip) return;
  const made = await commentSite({ commentsPerPage: 1000, commentMaxLinks: 100 });
  site = made.site;
  articleId = made.ids.open;
  path = await made.pathOf(articleId);
  origin = await site.listen();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const BODY_TAGS = new Set(['P', 'BR', 'EM', 'STRONG', 'CODE', 'BLOCKQUOTE', 'A']);

test('200+ hostile comments posted through the form never execute and the page stays valid', {
  skip,
}, async () => {
  const corpus = hostileCorpus();
  assert.ok(corpus.length >= 200, `only ${corpus.length} hostile inputs`);
  // The CSP is bypassed so that it cannot hide an escaping bug: only our own code protects here.
  const context = await browser.newContext({ bypassCSP: true });
  const fired: string[] = [];
  await context.exposeFunction('xss', (n: unknown) => {
    fired.push(String(n));
  });
  try {
    const page = await context.newPage();
    page.on('dialog', async (dialog) => {
      fired.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.goto(`${origin}${path}`);
    for (let i = 0; i < corpus.length; i++) {
      const payload = corpus[i]!;
      await page.fill('#comment-body', `${payload}\n\n#${i}`);
      await page.fill('#comment-name', [...`${payload}`].slice(0, 95).join('') || `n${i}`);
      await page.fill('#comment-email', `hostile${i}@example.org`);
      await page.evaluate(() => {
        document.querySelector('.comment-form__status')?.replaceChildren();
      });
      await page.click('#comment-submit');
      await page.waitForFunction(() => {
        const text = document.querySelector('.comment-form__status')?.textContent ?? '';
        return text.length > 0 && !text.startsWith('Posting');
      });
      const status = await page.textContent('.comment-form__status');
      assert.match(status!, /Thank you/, `input ${i} was not accepted: ${status}`);
    }
    // Anything a heuristic held goes public too: every input must face the public page.
    const held = await site.services.comments.listForModeration({ limit: 500 });
    await site.services.comments.moderate(
      held.filter((c) => c.status !== 'approved').map((c) => c.id),
      'approve',
    );

    await page.reload();
    await page.waitForTimeout(1000);
    await page.mouse.move(10, 10);
    for (const box of await page.locator('.comment__body').all())
      await box.hover({ timeout: 1000 }).catch(() => {});
    assert.deepEqual(fired, [], 'a hostile input executed');

    const count = await page.locator('#comment-list > li.comment').count();
    assert.equal(count, corpus.length);
    const problems = await page.evaluate(
      (allowed) => {
        const bad: string[] = [];
        for (const body of document.querySelectorAll('.comment__body')) {
          for (const el of body.querySelectorAll('*')) {
            if (!allowed.includes(el.tagName)) bad.push(`tag ${el.tagName}`);
            for (const attr of el.getAttributeNames()) {
              if (el.tagName !== 'A' || !['href', 'rel'].includes(attr))
                bad.push(`${el.tagName}[${attr}]`);
            }
            if (el.tagName === 'A' && !/^https?:\/\//.test(el.getAttribute('href') ?? '')) {
              bad.push(`href ${el.getAttribute('href')}`);
            }
          }
        }
        for (const meta of document.querySelectorAll('.comment__author')) {
          for (const el of meta.querySelectorAll('*')) {
            if (!['BDI', 'A'].includes(el.tagName)) bad.push(`author tag ${el.tagName}`);
          }
        }
        // Structured data (JSON, never run) is the layout's; anything else must be our bundle.
        const scripts = [...document.scripts].filter(
          (s) => !s.src.includes('/assets/') && s.type !== 'application/ld+json',
        );
        for (const s of scripts) bad.push(`foreign script ${s.outerHTML.slice(0, 120)}`);
        for (const sel of [
          'iframe',
          'object',
          'embed',
          'base',
          'meta[http-equiv]',
          'frameset',
          'portal',
        ]) {
          if (document.querySelector(sel)) bad.push(`found ${sel}`);
        }
        return bad;
      },
      [...BODY_TAGS],
    );
    assert.deepEqual(problems, []);

    const html = await (await fetch(`${origin}${path}`)).text();
    const errors = await validateHtml({ 'hostile-comments': html });
    assert.equal(formatVnuErrors(errors), '');
  } finally {
    await context.close();
  }
});

test('hostile values given back on the refused-form page (JavaScript off) are inert and valid', {
  skip,
}, async () => {
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const documents: Record<string, string> = {};
    const sample = hostileCorpus().filter((_, i) => i % 20 === 0);
    for (const [i, payload] of sample.entries()) {
      await page.goto(`${origin}${path}`);
      await page.fill('#comment-body', payload);
      await page.fill('#comment-name', payload.slice(0, 90));
      await page.fill('#comment-email', `refused${i}@example.org`);
      // Not a web address: the post is refused and everything comes back in the form.
      await page.fill('#comment-url', `javascript:xss(${i})`);
      await Promise.all([page.waitForNavigation(), page.click('#comment-submit')]);
      // Given back as typed, less control characters (not allowed in HTML).
      assert.equal(await page.inputValue('#comment-body'), printable(payload));
      assert.equal(await page.locator('#comment-url-error').count(), 1);
      documents[`refused-${i}`] = await page.content();
    }
    const js = await browser.newContext({ bypassCSP: true });
    const fired: string[] = [];
    await js.exposeFunction('xss', (n: unknown) => {
      fired.push(String(n));
    });
    const viewer = await js.newPage();
    viewer.on('dialog', async (d) => {
      fired.push(d.message());
      await d.dismiss();
    });
    await viewer.goto(`${origin}/robots.txt`);
    for (const html of Object.values(documents)) {
      await viewer.setContent(html, { waitUntil: 'load' });
      await viewer.waitForTimeout(100);
    }
    await js.close();
    assert.deepEqual(fired, []);
    const errors = await validateHtml(documents);
    assert.equal(formatVnuErrors(errors), '');
  } finally {
    await context.close();
  }
});
