import { DomUtils, parseDocument } from 'htmlparser2';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlElement = ReturnType<typeof DomUtils.findAll>[number];
type Node = HtmlDocument | HtmlElement;

/** One compound selector: `tag`, `#id`, `.class`, `[attr]` and `[attr=value]`, in any mix. */
interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attrs: { name: string; value?: string }[];
}

function parseCompound(text: string): Compound {
  const out: Compound = { classes: [], attrs: [] };
  const re = /^([a-z][a-z0-9-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:="?([^"\]]*)"?)?\]/gi;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    if (m[1]) out.tag = m[1].toLowerCase();
    else if (m[2]) out.id = m[2];
    else if (m[3]) out.classes.push(m[3]);
    else if (m[4]) out.attrs.push({ name: m[4], value: m[5] });
  }
  if (consumed !== text.length) throw new Error(`Unsupported selector part: ${text}`);
  return out;
}

function matches(el: HtmlElement, c: Compound): boolean {
  if (c.tag && el.name !== c.tag) return false;
  if (c.id && el.attribs.id !== c.id) return false;
  const classes = (el.attribs.class ?? '').split(/\s+/);
  if (!c.classes.every((k) => classes.includes(k))) return false;
  return c.attrs.every((a) =>
    a.value === undefined ? a.name in el.attribs : el.attribs[a.name] === a.value,
  );
}

/**
 * Elements under `root` matching a small CSS subset: compound selectors joined by the descendant
 * combinator, e.g. `section.more-from a[rel=next]`. Enough for readable assertions on our pages.
 */
export function $$(root: Node, selector: string): HtmlElement[] {
  const chain = selector.trim().split(/\s+/).map(parseCompound);
  const last = chain[chain.length - 1]!;
  return DomUtils.findAll(
    (el) => {
      if (!matches(el, last)) return false;
      let i = chain.length - 2;
      let parent = el.parent;
      while (i >= 0 && parent && parent.type !== 'root') {
        if (matches(parent as HtmlElement, chain[i]!)) i--;
        parent = parent.parent;
      }
      return i < 0;
    },
    'children' in root ? root.children : [],
  );
}

/** The first element matching `selector`, or undefined. */
export function $(root: Node, selector: string): HtmlElement | undefined {
  return $$(root, selector)[0];
}

export function parseHtml(html: string): HtmlDocument {
  return parseDocument(html);
}

/** Text content with whitespace collapsed. */
export function text(node: Node | undefined): string {
  return node ? DomUtils.textContent(node).replace(/\s+/g, ' ').trim() : '';
}

/** The `href` of every link under `root`, in document order. */
export function hrefs(root: Node, selector = 'a'): string[] {
  return $$(root, selector)
    .map((a) => a.attribs.href)
    .filter((h): h is string => h !== undefined);
}
